/** How payouts, balances and reconciliation reports look in each output mode (JSON fields are stable). */
import type { BalanceLine, Payout } from '../../domain/model/payout.js';
import type { ExportResult } from '../../services/settlements/export-settlements.js';
import type { ReconcileResult } from '../../services/settlements/reconcile-payout.js';
import type { BreakdownLine, PayoutDetails } from '../../services/settlements/show-payout.js';
import type { LedgerEntry, OrderResult } from '../../domain/reconcile.js';
import { money, time, type CellValue } from '../cells.js';
import type { Logger } from '../logger.js';
import { renderList, renderRecord, type Column, type RenderTarget } from '../render.js';

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

export const missingInPayoutColumns = (currency: string): Column<LedgerEntry>[] => [
  { header: 'Ledger line', value: (e) => e.line },
  { header: 'Order ID', value: (e) => e.order_id },
  { header: 'Reference', value: (e) => e.merchant_reference },
  { header: 'Capture reference', value: (e) => e.capture_reference },
  { header: 'Amount', value: (e) => money(e.amount, currency) },
];

export async function renderPayoutList(target: RenderTarget, rows: readonly Payout[]): Promise<void> {
  await renderList(target, rows, payoutColumns, (r) => r.map(payoutJson), { empty: 'No payouts yet. Captures are paid out after the next 23:59 CET settlement.' });
}

export async function renderPayoutDetails(target: RenderTarget, p: PayoutDetails): Promise<void> {
  await renderRecord(
    target,
    [
      ['Payment reference', p.payment_reference],
      ['Store', p.store_id],
      ['Payout date', time(p.payout_date)],
      ['Currency', p.currency_code],
      ['Settlement type', p.merchant_settlement_type],
      ['Transactions', p.transaction_count],
      ...payoutSummaryFields(p),
    ],
    payoutDetailsJson(p),
    [{ title: 'Breakdown', rows: p.breakdown, columns: breakdownColumns(p.currency_code) }],
  );
}

export async function renderBalance(target: RenderTarget, lines: readonly BalanceLine[]): Promise<void> {
  await renderList(target, lines, balanceColumns, (r) => r, { empty: 'Nothing pending: every capture has been paid out.' });
}

/** The CSV went to stdout or a file; stderr says how many rows, or that there were none. */
export function logExportDone(logger: Pick<Logger, 'warn' | 'success'>, result: ExportResult): void {
  if (result.rows === 0) logger.warn('No settled transactions match; the file has only the header row.');
  else if (result.destination !== 'stdout') logger.success(`Wrote ${result.rows} transactions to ${result.destination}.`);
}

/** A human report lists at most this many rows per category; --json has them all. */
const SHOWN = 50;
const listTitle = (title: string, n: number): string => (n > SHOWN ? `${title} (first ${SHOWN} of ${n}; --json lists all)` : title);

export const reconcileJson = (r: ReconcileResult) => ({
  payout: payoutJson(r.payout),
  totals: r.totals,
  matched: r.matched,
  amount_mismatch: r.amount_mismatch,
  missing_in_ledger: r.missing_in_ledger,
  missing_in_payout: r.missing_in_payout,
  fee_only: r.fee_only,
});

export function reconcileFields(r: ReconcileResult): [string, CellValue][] {
  const c = r.payout.currency_code;
  const t = r.totals;
  return [
    ['Payout', `${r.payout.payment_reference} (${r.payout.store_id}, ${r.payout.payout_date.slice(0, 10)})`],
    ['Matched', `${r.matched.length} orders`],
    ['  matched amount', money(t.matched_amount, c)],
    ['Amount mismatch', `${r.amount_mismatch.length} orders`],
    ['  payout side', money(t.mismatch_payout_amount, c)],
    ['  ledger side', money(t.mismatch_ledger_amount, c)],
    ['Missing in ledger', `${r.missing_in_ledger.length} orders`],
    ['  amount', money(t.missing_in_ledger_amount, c)],
    ['Fees and VAT rows', money(t.fee_amount, c)],
    ['Fee-only orders', r.fee_only.length],
    ['= Settlement amount', money(t.settlement_amount, c)],
    ['Adds up', t.adds_up ? 'yes' : 'NO'],
    ['Missing in payout', `${r.missing_in_payout.length} ledger rows (not part of this payout)`],
    ['  amount', money(t.missing_in_payout_amount, c)],
  ];
}

export async function renderReconcile(target: RenderTarget, r: ReconcileResult): Promise<void> {
  const c = r.payout.currency_code;
  await renderRecord(target, reconcileFields(r), reconcileJson(r), [
    { title: listTitle('Amount mismatch', r.amount_mismatch.length), rows: r.amount_mismatch.slice(0, SHOWN), columns: reconcileColumns(c) },
    { title: listTitle('Missing in ledger', r.missing_in_ledger.length), rows: r.missing_in_ledger.slice(0, SHOWN), columns: reconcileColumns(c) },
    { title: listTitle('Missing in payout', r.missing_in_payout.length), rows: r.missing_in_payout.slice(0, SHOWN), columns: missingInPayoutColumns(c) },
  ]);
}
