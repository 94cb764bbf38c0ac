/**
 * A payout's totals from its transactions. Totals are magnitudes, as Kustom reports
 * them; `settlement_amount` is the signed sum of the transactions, and it equals the settlement formula
 * `sale − return − reversal − fee + fee_correction + commission − tax − charge + credit − repay −
 * holdback + release + fee_refund (+ tax_refund)` because every transaction is signed by its effect.
 */
import type { PayoutTotals } from './settlement-types.js';

/** Per type: the sum of positive and the sum of negative amounts (from one GROUP BY query). */
export interface TypeSums {
  /** A TransactionType; other strings (a provider adding types) count only towards the settlement amount. */
  type: string;
  positive: number;
  negative: number;
}

export function emptyTotals(): PayoutTotals {
  return {
    sale_amount: 0, fee_amount: 0, return_amount: 0, reversal_amount: 0, commission_amount: 0, holdback_amount: 0,
    release_amount: 0, repay_amount: 0, charge_amount: 0, credit_amount: 0, fee_refund_amount: 0, tax_refund_amount: 0,
    deposit_amount: 0, opening_debt_balance_amount: 0, closing_debt_balance_amount: 0, tax_amount: 0,
    fee_correction_amount: 0, settlement_amount: 0,
  };
}

export function payoutTotals(sums: readonly TypeSums[]): PayoutTotals {
  const t = emptyTotals();
  for (const { type, positive, negative } of sums) {
    const net = positive + negative;
    t.settlement_amount += net;
    switch (type) {
      case 'SALE': t.sale_amount += net; break;
      case 'RETURN': t.return_amount += -net; break;
      case 'REVERSAL':
      case 'REVERSAL_MERCHANT_PROTECTION': t.reversal_amount += -net; break;
      case 'FEE': t.fee_amount += -net; break;
      case 'FEE_REFUND': t.fee_refund_amount += net; break;
      case 'TAX': t.tax_amount += -negative; t.tax_refund_amount += positive; break;
      case 'COMMISSION': t.commission_amount += net; break;
      case 'CORRECTION': t.fee_correction_amount += net; break;
      case 'CHARGE': t.charge_amount += -net; break;
      case 'CREDIT': t.credit_amount += net; break;
      case 'HOLDBACK': t.holdback_amount += -net; break;
      case 'RELEASE': t.release_amount += net; break;
      default: break;
    }
  }
  return t;
}

/** The settlement formula over the totals; equals the sum of transactions when totals are consistent. */
export function settlementFromTotals(t: PayoutTotals): number {
  return (
    t.sale_amount - t.return_amount - t.reversal_amount - t.fee_amount + t.fee_correction_amount + t.commission_amount -
    t.tax_amount + t.tax_refund_amount - t.charge_amount + t.credit_amount - t.repay_amount - t.holdback_amount +
    t.release_amount + t.fee_refund_amount
  );
}
