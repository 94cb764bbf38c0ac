/**
 * What a dispute costs in a payout, in the sandbox's fee model (signs as in settlement-fees.ts: negative
 * leaves the payout). A lost dispute: the disputed amount as a REVERSAL row, plus a dispute fee (FEE,
 * DISPUTE_FEE) with VAT on it at the store country's rate (TAX) — the provider charges for handling a
 * dispute the merchant lost. An accepted dispute (conceded before a decision) reverses the amount with no
 * fee. A won or closed dispute costs nothing.
 *
 * The fee is fixed per currency: 15.00 in EUR, GBP, USD and CHF, 150.00 in SEK, NOK and DKK, 60.00 in PLN.
 */
import { applyRate, vatRateOnFees, type GeneratedTransaction } from './settlement-fees.js';

const DISPUTE_FEE_MINOR: Record<string, number> = { EUR: 1500, GBP: 1500, USD: 1500, CHF: 1500, SEK: 15000, NOK: 15000, DKK: 15000, PLN: 6000 };
const DEFAULT_DISPUTE_FEE_MINOR = 1500;

export function disputeFeeMinor(currency: string): number {
  return DISPUTE_FEE_MINOR[currency.toUpperCase()] ?? DEFAULT_DISPUTE_FEE_MINOR;
}

export function disputeTransactions(amount: number, currency: string, country: string, outcome: 'lost' | 'accepted'): GeneratedTransaction[] {
  const rows: GeneratedTransaction[] = [{ type: 'REVERSAL', detailed_type: 'REVERSAL', amount: -amount, vat_rate: null, vat_amount: null, carries_capture_id: false }];
  if (outcome === 'accepted') return rows;
  const fee = disputeFeeMinor(currency);
  const vatRate = vatRateOnFees(country);
  const vat = applyRate(fee, vatRate);
  rows.push({ type: 'FEE', detailed_type: 'DISPUTE_FEE', amount: -fee, vat_rate: vatRate, vat_amount: vat, carries_capture_id: false });
  if (vat !== 0) rows.push({ type: 'TAX', detailed_type: 'DISPUTE_FEE', amount: -vat, vat_rate: vatRate, vat_amount: vat, carries_capture_id: false });
  return rows;
}
