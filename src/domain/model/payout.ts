/** Money paid out to the merchant, and money captured but not yet paid out. */
import type { PayoutTotals } from '../settlement-types.js';

export interface Payout {
  payment_reference: string;
  store_id: string;
  payout_date: string;
  currency_code: string;
  merchant_settlement_type: 'GROSS' | 'NET' | 'GROSS_FEE';
  totals: PayoutTotals;
  transaction_count: number;
}

export interface BalanceLine {
  currency_code: string;
  /** Captured (less refunds and fees) but not yet in a payout. */
  pending_amount: number;
  transaction_count: number;
}
