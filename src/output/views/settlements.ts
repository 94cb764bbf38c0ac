/** How payouts, balances and reconciliation reports look in each output mode (JSON fields are stable). */
import type { BalanceLine, Payout } from '../../backends/backend.js';
import type { BreakdownLine, PayoutDetails } from '../../services/settlements/show-payout.js';
import type { OrderResult } from '../../domain/reconcile.js';
import { money, time, type CellValue } from '../cells.js';
import type { Column } from '../render.js';

export const payoutColumns: Column<Payout>[] = [
  { header: 'Payment reference', value: (p) => p.payment_reference },
  { header: 'Payout date', value: (p) => time(p.payout_date) },
  { header: 'Store', value: (p) => p.store_id },
  { header: 'Sales', value: (p) => money(p.totals.sale_amount, p.currency_code), align: 'right' },
  { header: 'Returns', value: (p) => money(p.totals.return_amount, p.currency_code), align: 'right' },
  { header: 'Fees', value: (p) => money(p.totals.fee_amount, p.currency_code), align: 'right' },
  { header: 'Tax', value: (p) => money(p.totals.tax_amount - p.totals.tax_refund_amount, p.currency_code), align: 'right' },
  { header: 'Settlement', value: (p) => money(p.totals.settlement_amount, p.currency_code), align: 'right' },
  { header: 'Transactions', value: (p) => p.transaction_count, align: 'right' },
];

export const payoutJson = (p: Payout) => ({
  payment_reference: p.payment_reference,
  store_id: p.store_id,
  payout_date: p.payout_date,
  currency_code: p.currency_code,
  merchant_settlement_type: p.merchant_settlement_type,
  totals: p.totals,
  transaction_count: p.transaction_count,
});

export const payoutDetailsJson = (p: PayoutDetails) => ({ ...payoutJson(p), breakdown: p.breakdown, transactions_sum: p.transactions_sum });

/** The totals that explain the amount, in the order of the settlement formula (domain/settlement-totals.ts) with the sign they enter it with. */
export function payoutSummaryFields(p: Payout): [string, CellValue][] {
  const t = p.totals;
  const c = p.currency_code;
  const lines: [string, number][] = [
    ['Sales', t.sale_amount],
    ['Returns', -t.return_amount],
    ['Reversals', -t.reversal_amount],
    ['Fees', -t.fee_amount],
    ['Fee refunds', t.fee_refund_amount],
    ['Fee corrections', t.fee_correction_amount],
    ['VAT on fees', -t.tax_amount],
    ['VAT on fee refunds', t.tax_refund_amount],
    ['Commission', t.commission_amount],
    ['Charges', -t.charge_amount],
    ['Credits', t.credit_amount],
    ['Holdback', -t.holdback_amount],
    ['Release', t.release_amount],
    ['Repay', -t.repay_amount],
  ];
  return [
    ...lines.filter(([label, v]) => v !== 0 || label === 'Sales' || label === 'Fees').map(([label, v]) => [`  ${label}`, money(v, c)] as [string, CellValue]),
    ['= Settlement amount', money(t.settlement_amount, c)],
  ];
}

export const breakdownColumns = (currency: string): Column<BreakdownLine>[] => [
  { header: 'Type', value: (b) => b.type },
  { header: 'Detailed type', value: (b) => b.detailed_type },
  { header: 'Rows', value: (b) => b.count, align: 'right' },
  { header: 'Amount', value: (b) => money(b.amount, currency), align: 'right' },
];

export const balanceColumns: Column<BalanceLine>[] = [
  { header: 'Currency', value: (b) => b.currency_code },
  { header: 'Pending (net of fees)', value: (b) => money(b.pending_amount, b.currency_code), align: 'right' },
  { header: 'Transactions', value: (b) => b.transaction_count, align: 'right' },
];

export const reconcileColumns = (currency: string): Column<OrderResult>[] => [
  { header: 'Order ID', value: (r) => r.order_id },
  { header: 'Reference', value: (r) => r.merchant_reference1 },
  { header: 'Payout', value: (r) => money(r.payout_amount, currency), align: 'right' },
  { header: 'Ledger', value: (r) => (r.ledger_amount === null ? null : money(r.ledger_amount, currency)), align: 'right' },
  { header: 'Difference', value: (r) => money(r.difference, currency), align: 'right' },
  { header: 'Matched by', value: (r) => r.matched_by },
];
