/**
 * The sandbox's fee model and the settlement transactions that one capture or refund produces. Sign
 * convention (used everywhere, and what makes a payout add up): a transaction's `amount` is signed by its
 * effect on the payout — SALE and FEE_REFUND positive; RETURN and FEE negative; TAX negative for VAT on a
 * fee and positive for VAT given back with a fee refund. A payout's settlement amount is the plain sum.
 *
 * Fees: a percentage of the captured amount (PURCHASE_FEE_PERCENTAGE, 2.49 %, rounded half up to the
 * minor unit) plus a fixed fee per capture (PURCHASE_FEE_FIXED, per currency), VAT on both at the store
 * country's standard rate as one TAX row. A refund gives back the percentage fee on the refunded amount
 * (FEE_REFUND, PURCHASE_FEE_PERCENTAGE_REFUND) and its VAT; the fixed fee is kept, as Kustom does.
 */
import type { TransactionType } from './settlement-types.js';

/** Percentage fee in hundredths of a percent (249 = 2.49 %). */
export const PERCENTAGE_FEE_BPS = 249;

const FIXED_FEE_MINOR: Record<string, number> = { SEK: 200, NOK: 200, DKK: 150, EUR: 25, GBP: 20, USD: 30, CHF: 30, PLN: 100 };
const DEFAULT_FIXED_FEE_MINOR = 25;

/** Standard VAT rate charged on fees, percent × 100, by the store's country (0 = none charged). */
const VAT_ON_FEES: Record<string, number> = { SE: 2500, NO: 2500, DK: 2500, FI: 2550, DE: 1900, NL: 2100, AT: 2000, GB: 2000, ES: 2100, FR: 2000, BE: 2100, PL: 2300 };

export function fixedFeeMinor(currency: string): number {
  return FIXED_FEE_MINOR[currency.toUpperCase()] ?? DEFAULT_FIXED_FEE_MINOR;
}

export function vatRateOnFees(country: string): number {
  return VAT_ON_FEES[country.toUpperCase()] ?? 0;
}

/** `amount × rate / 10000`, rounded half away from zero, in integers only. */
export function applyRate(amount: number, rate: number): number {
  const sign = amount < 0 ? -1 : 1;
  const abs = Math.abs(amount) * rate;
  return sign * Math.floor((abs + 5000) / 10000);
}

export interface GeneratedTransaction {
  type: TransactionType;
  detailed_type: string;
  amount: number;
  vat_rate: number | null;
  vat_amount: number | null;
  /** Only SALE and FEE rows carry the capture ID in Kustom's transaction reports. */
  carries_capture_id: boolean;
}

/** SALE, two FEE rows and (when VAT applies) one TAX row for one capture. */
export function captureTransactions(amount: number, currency: string, country: string): GeneratedTransaction[] {
  const pct = applyRate(amount, PERCENTAGE_FEE_BPS);
  const fixed = fixedFeeMinor(currency);
  const vatRate = vatRateOnFees(country);
  const vat = applyRate(pct + fixed, vatRate);
  const rows: GeneratedTransaction[] = [
    { type: 'SALE', detailed_type: 'PURCHASE', amount, vat_rate: null, vat_amount: null, carries_capture_id: true },
    { type: 'FEE', detailed_type: 'PURCHASE_FEE_PERCENTAGE', amount: -pct, vat_rate: vatRate, vat_amount: applyRate(pct, vatRate), carries_capture_id: true },
    { type: 'FEE', detailed_type: 'PURCHASE_FEE_FIXED', amount: -fixed, vat_rate: vatRate, vat_amount: applyRate(fixed, vatRate), carries_capture_id: true },
  ];
  if (vat !== 0) rows.push({ type: 'TAX', detailed_type: 'PERCENTAGE_FEES', amount: -vat, vat_rate: vatRate, vat_amount: vat, carries_capture_id: false });
  return rows;
}

/** RETURN, FEE_REFUND and (when VAT applies) the VAT given back, for one refund. */
export function refundTransactions(amount: number, country: string): GeneratedTransaction[] {
  const pct = applyRate(amount, PERCENTAGE_FEE_BPS);
  const vatRate = vatRateOnFees(country);
  const vat = applyRate(pct, vatRate);
  const rows: GeneratedTransaction[] = [
    { type: 'RETURN', detailed_type: 'PURCHASE_RETURN', amount: -amount, vat_rate: null, vat_amount: null, carries_capture_id: false },
  ];
  if (pct !== 0) rows.push({ type: 'FEE_REFUND', detailed_type: 'PURCHASE_FEE_PERCENTAGE_REFUND', amount: pct, vat_rate: vatRate, vat_amount: vat, carries_capture_id: false });
  if (vat !== 0) rows.push({ type: 'TAX', detailed_type: 'FEE_REFUND', amount: vat, vat_rate: vatRate, vat_amount: -vat, carries_capture_id: false });
  return rows;
}
