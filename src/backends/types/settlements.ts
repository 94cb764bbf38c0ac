/** Settlements: payouts and their transactions, per Kustom's Settlements API (amounts in minor units). */
import type { Page, PageRequest } from './common.js';

export const TRANSACTION_TYPES = [
  'COMMISSION', 'SALE', 'REVERSAL', 'RETURN', 'TAX', 'FEE', 'FEE_REFUND', 'CORRECTION',
  'REVERSAL_MERCHANT_PROTECTION', 'CHARGE', 'CREDIT', 'HOLDBACK', 'RELEASE',
] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

export interface PayoutTotals {
  sale_amount: number;
  fee_amount: number;
  return_amount: number;
  reversal_amount: number;
  commission_amount: number;
  holdback_amount: number;
  release_amount: number;
  repay_amount: number;
  charge_amount: number;
  credit_amount: number;
  fee_refund_amount: number;
  tax_refund_amount: number;
  deposit_amount: number;
  opening_debt_balance_amount: number;
  closing_debt_balance_amount: number;
  tax_amount: number;
  fee_correction_amount: number;
  settlement_amount: number;
}

export interface Payout {
  payment_reference: string;
  store_id: string;
  payout_date: string;
  currency_code: string;
  merchant_settlement_type: 'GROSS' | 'NET' | 'GROSS_FEE';
  totals: PayoutTotals;
  transaction_count: number;
}

export interface SettlementTransaction {
  amount: number;
  type: TransactionType;
  detailed_type: string | null;
  sale_date: string;
  capture_date: string;
  order_id: string;
  short_order_id: string | null;
  capture_id: string | null;
  refund_id: string | null;
  payment_reference: string | null;
  merchant_reference1: string | null;
  merchant_reference2: string | null;
  merchant_capture_reference: string | null;
  merchant_refund_reference: string | null;
  currency_code: string;
  purchase_country: string;
  shipping_country: string | null;
  vat_rate: number | null;
  vat_amount: number | null;
}

export interface PayoutQuery extends PageRequest {
  store_id?: string | undefined;
  start_date?: string | undefined;
  end_date?: string | undefined;
  currency_code?: string | undefined;
}

export interface TransactionQuery extends PageRequest {
  store_id?: string | undefined;
  payment_reference?: string | undefined;
  order_id?: string | undefined;
  /** Capture date range, for transaction reports (ISO instants, both included). */
  start_date?: string | undefined;
  end_date?: string | undefined;
  /** Payout date range, for batch reports (ISO instants, both included): every transaction of those payouts. */
  payout_start_date?: string | undefined;
  payout_end_date?: string | undefined;
  /** `export` needs the settlements.export permission (Portal role); default `view`. */
  purpose?: 'view' | 'export' | undefined;
}

export interface BalanceLine {
  currency_code: string;
  /** Captured (less refunds and fees) but not yet in a payout. */
  pending_amount: number;
  transaction_count: number;
}

export interface SettlementsApi {
  listPayouts(query: PayoutQuery): Promise<Page<Payout>>;
  getPayout(paymentReference: string): Promise<Payout>;
  /** Streams transactions in a stable order, page by page, so exports stay flat in memory. */
  transactions(query: TransactionQuery): AsyncIterable<SettlementTransaction>;
  balance(storeId: string | undefined): Promise<BalanceLine[]>;
  /** Sandbox only: bulk-creates orders, captures, refunds and their payouts for exports and benchmarks. */
  seedVolume?(options: SeedVolumeOptions): Promise<SeedVolumeResult>;
}

export interface SeedVolumeOptions {
  /** Roughly this many settlement transactions in total (never fewer). */
  transactions: number;
  store_ids: string[];
  /** Spread over this many months before the sandbox's now. */
  months: number;
  /** PRNG seed, for reproducible data. */
  seed?: number;
}

export interface SeedVolumeResult {
  orders: number;
  captures: number;
  refunds: number;
  payouts: number;
  transactions: number;
  /** Captures/refunds after the last cutoff, left for the next settlement run (they show in the balance). */
  pending_movements: number;
}
