/** Settlement shapes per Kustom's Settlements API; amounts in minor units. */

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

/** A transaction's fields in one fixed order: a raw row (an array, as SQLite's raw mode gives it) holds them so. */
export const TRANSACTION_FIELDS = [
  'amount',
  'type',
  'detailed_type',
  'sale_date',
  'capture_date',
  'order_id',
  'short_order_id',
  'capture_id',
  'refund_id',
  'payment_reference',
  'merchant_reference1',
  'merchant_reference2',
  'merchant_capture_reference',
  'merchant_refund_reference',
  'currency_code',
  'purchase_country',
  'shipping_country',
  'vat_rate',
  'vat_amount',
] as const satisfies readonly (keyof SettlementTransaction)[];

export type TransactionField = (typeof TRANSACTION_FIELDS)[number];

/** One transaction as the values of TRANSACTION_FIELDS, in that order. */
export type RawTransaction = readonly (string | number | null)[];

