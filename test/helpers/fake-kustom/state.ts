/** The fake server's in-memory state, and a deterministic settlements data set. */

export type Json = Record<string, unknown>;

export interface FakeCheckoutOrder {
  order_id: string;
  status: 'checkout_incomplete' | 'checkout_complete';
  aborted: boolean;
  /** Everything the merchant sent (merged across updates). */
  data: Json;
  started_at: string;
  last_modified_at: string;
  completed_at?: string;
}

export type HppStatus = 'WAITING' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'BACK' | 'ERROR' | 'DISABLED';

export interface FakeHppSession {
  session_id: string;
  status: HppStatus;
  payment_session_url: string;
  checkout_order_id: string;
  merchant_urls: Json | undefined;
  options: Json | undefined;
  created_at: string;
  updated_at: string;
  expires_at: string;
  order_id?: string;
  klarna_reference?: string;
  distributions: Json[];
}

export type OmStatus = 'AUTHORIZED' | 'PART_CAPTURED' | 'CAPTURED' | 'CANCELLED' | 'EXPIRED' | 'CLOSED';

export interface FakeCapture {
  capture_id: string;
  klarna_reference: string;
  captured_amount: number;
  captured_at: string;
  description?: string;
  reference?: string;
  order_lines: Json[];
  refunded_amount: number;
  shipping_info: Json[];
}

export interface FakeRefund {
  refund_id: string;
  refunded_amount: number;
  refunded_at: string;
  description?: string;
  reference?: string;
  order_lines: Json[];
}

export interface FakeOmOrder {
  order_id: string;
  status: OmStatus;
  fraud_status: 'ACCEPTED' | 'PENDING' | 'REJECTED';
  order_amount: number;
  original_order_amount: number;
  captured_amount: number;
  refunded_amount: number;
  remaining_authorized_amount: number;
  purchase_currency: string;
  purchase_country: string;
  locale: string;
  merchant_reference1?: string;
  merchant_reference2?: string;
  merchant_data?: string;
  klarna_reference: string;
  order_lines: Json[];
  captures: FakeCapture[];
  refunds: FakeRefund[];
  shipping_info: Json[];
  billing_address?: Json;
  shipping_address?: Json;
  created_at: string;
  expires_at: string;
  acknowledged: boolean;
}

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface FakeState {
  checkoutOrders: Map<string, FakeCheckoutOrder>;
  sessions: Map<string, FakeHppSession>;
  orders: Map<string, FakeOmOrder>;
  payouts: Json[];
  transactions: Json[];
  /** Idempotency key → the first response (the key alone decides, reference §4.9). */
  idempotency: Map<string, StoredResponse>;
}

export function emptyState(payoutCount: number): FakeState {
  const { payouts, transactions } = seedSettlements(payoutCount);
  return {
    checkoutOrders: new Map(),
    sessions: new Map(),
    orders: new Map(),
    payouts,
    transactions,
    idempotency: new Map(),
  };
}

const TOTAL_KEYS = [
  'sale_amount',
  'fee_amount',
  'return_amount',
  'reversal_amount',
  'commission_amount',
  'holdback_amount',
  'release_amount',
  'repay_amount',
  'charge_amount',
  'credit_amount',
  'fee_refund_amount',
  'tax_refund_amount',
  'deposit_amount',
  'opening_debt_balance_amount',
  'closing_debt_balance_amount',
  'tax_amount',
  'fee_correction_amount',
];

/**
 * Deterministic data: one payout per day at 07:00 UTC, the last one yesterday (so recent date ranges find
 * data), alternating SEK/EUR, two or three transactions each, signed by effect: sales positive, fees and
 * returns negative, summing to the payout's settlement amount.
 */
export function seedSettlements(count: number, today: Date = new Date()): { payouts: Json[]; transactions: Json[] } {
  const payouts: Json[] = [];
  const transactions: Json[] = [];
  const start = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 7, 0, 0) - count * 86_400_000;
  for (let i = 0; i < count; i += 1) {
    const ref = `FAKEPAY${String(i + 1).padStart(4, '0')}`;
    const currency = i % 2 === 0 ? 'SEK' : 'EUR';
    const payoutDate = new Date(start + i * 86_400_000).toISOString().replace('.000Z', 'Z');
    const sale = 10_000 * (i + 1);
    const fee = Math.round(sale * 0.03);
    const ret = i % 3 === 0 ? 1_000 : 0;
    const totals: Json = {};
    for (const k of TOTAL_KEYS) totals[k] = 0;
    totals.sale_amount = sale;
    totals.fee_amount = fee;
    totals.return_amount = ret;
    totals.settlement_amount = sale - fee - ret;
    payouts.push({
      payment_reference: ref,
      payout_date: payoutDate,
      currency_code: currency,
      currency_code_of_registration_country: 'SEK',
      merchant_settlement_type: 'NET',
      merchant_id: 'FAKEMID1',
      transactions: `/settlements/v1/transactions?payment_reference=${ref}`,
      totals,
    });
    const orderId = `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
    const base = {
      sale_date: payoutDate,
      capture_date: payoutDate,
      order_id: orderId,
      short_order_id: `FAKE${i + 1}`,
      payment_reference: ref,
      currency_code: currency,
      purchase_country: currency === 'SEK' ? 'SE' : 'DE',
      merchant_reference1: `ORDER-${i + 1}`,
    };
    transactions.push({ ...base, type: 'SALE', amount: sale, capture_id: `cap-${i + 1}`, detailed_type: 'PURCHASE' });
    transactions.push({ ...base, type: 'FEE', amount: -fee, capture_id: `cap-${i + 1}`, detailed_type: 'PURCHASE_FEE_PERCENTAGE' });
    if (ret > 0) transactions.push({ ...base, type: 'RETURN', amount: -ret, capture_id: '', refund_id: `ref-${i + 1}`, detailed_type: 'PURCHASE_RETURN' });
  }
  return { payouts, transactions };
}
