/**
 * How a bulk capture looks: the plan summary and the confirmation's total (stderr), progress counts, one
 * NDJSON line per row as it finishes (--json), the results table/TSV/CSV at the end, the results CSV
 * file (--results), the plan file (--plan-out) and the closing summary with the rows that need a look.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { writeAtomically } from '../../infra/atomic-file.js';
import { formatAmount, formatMoney } from '../../domain/money.js';
import type { ApplyCounts, RowOutcome, RowResult } from '../../services/orders/bulk/bulk-apply.js';
import type { RunResults } from '../../services/orders/bulk/run-spool.js';
import type { BulkPlan, Classification, PlanSummary } from '../../services/orders/bulk/bulk-plan.js';
import { money } from '../cells.js';
import { prettyJsonWithArray } from '../pretty-json-stream.js';
import type { Logger } from '../logger.js';
import type { ProgressCounts } from '../progress.js';
import { renderList, writeMachineRows, type Column, type RenderTarget } from '../render.js';
import { bulkRowsShown, elapsedText, resultsNote } from './bulk-summary.js';

/**
 * A row's status as its output shows it. A row the run never started reads `failed` ("not attempted: …"),
 * as the documented statuses have it; the summary and the run's error count those rows on their own.
 */
export const rowStatus = (r: RowResult): Exclude<RowOutcome, 'not_attempted'> => (r.status === 'not_attempted' ? 'failed' : r.status);

export const bulkResultColumns: Column<RowResult>[] = [
  { header: 'Row', value: (r) => r.row, align: 'right' },
  { header: 'Input', value: (r) => r.input, priority: 2 },
  { header: 'Order ID', value: (r) => r.order_id },
  { header: 'Status', value: rowStatus },
  { header: 'Plan', value: (r) => r.classification, priority: 3 },
  { header: 'Amount', value: (r) => (r.currency && r.amount > 0 ? money(r.amount, r.currency) : null), align: 'right' },
  { header: 'Capture ID', value: (r) => r.capture_id, priority: 2 },
  { header: 'Reason', value: (r) => r.reason, truncate: true },
];

/**
 * The columns of every machine-readable bulk capture result, in this order (README "Bulk capture"): piped
 * TSV (no header), --csv and the results file. Amounts are decimals in the row's currency, as in every CSV.
 */
export const BULK_RESULT_FIELDS = ['row', 'input', 'order_id', 'status', 'classification', 'amount', 'currency', 'capture_id', 'capture_reference', 'attempts', 'reason'] as const;

export const bulkResultRecord = (r: RowResult): string[] => {
  const json = bulkResultJson(r);
  return BULK_RESULT_FIELDS.map((f) => (f === 'amount' ? (r.currency ? formatAmount(r.amount, r.currency) : '') : String(json[f] ?? '')));
};

/** One NDJSON line per input row: stable snake_case fields, minor units. */
export const bulkResultJson = (r: RowResult) => ({
  row: r.row,
  input: r.input,
  order_id: r.order_id,
  status: rowStatus(r),
  classification: r.classification,
  amount: r.amount,
  currency: r.currency,
  capture_id: r.capture_id,
  capture_reference: r.capture_reference,
  attempts: r.attempts,
  reason: r.reason,
});

/** The plan's total per currency, e.g. "1 250,00 kr + 99,00 €". */
export function totalText(summary: PlanSummary): string {
  const parts = Object.entries(summary.total_by_currency).map(([cur, minor]) => formatMoney(minor, cur));
  return parts.length > 0 ? parts.join(' + ') : 'nothing';
}

export const bulkQuestion = (summary: PlanSummary, capturable: number): string => `Capture ${totalText(summary)} on ${capturable} order(s)?`;

const NEEDS_A_LOOK: Classification[] = ['not_found', 'amount_too_high', 'read_failed', 'refused'];

export function planText(plan: BulkPlan, summary: PlanSummary): string {
  const c = summary.counts;
  const lines = [
    `Plan ${plan.run_id}: ${plan.rows.length} row(s)`,
    `  capture in full: ${c.capture_full}   capture in part: ${c.capture_part}   total: ${totalText(summary)}`,
    `  already captured: ${c.already_captured}   skip (cancelled/expired): ${c.skip_closed}`,
    `  not found: ${c.not_found}   amount too high: ${c.amount_too_high}   could not read: ${c.read_failed}   refused: ${c.refused}`,
  ];
  for (const r of plan.rows.where(NEEDS_A_LOOK, 20)) {
    lines.push(`  row ${r.row} (${r.input}): ${r.classification}: ${r.reason ?? ''}`);
  }
  return lines.join('\n');
}

export function progressCounts(c: ApplyCounts): ProgressCounts {
  return { total: c.total, done: c.captured, failed: c.failed, skipped: c.skipped + c.already_captured, unknown: c.unknown };
}

/** What this invocation did, in counts that add up to the rows; a run that had nothing to do says so. */
export function summaryText(runId: string, results: RunResults, elapsedMs?: number): string {
  const n = (s: RowResult['status']): number => results.count(s);
  const [captured, already, skipped, failed, unknown] = [n('captured'), n('already_captured'), n('skipped'), n('failed'), n('unknown')];
  if (captured + failed + unknown + n('not_attempted') === 0 && !results.attempted) {
    const parts = [`${already} already captured`, ...(skipped > 0 ? [`${skipped} skipped (cancelled/expired)`] : [])];
    return `Nothing to capture: ${parts.join(', ')}.`;
  }
  const took = elapsedMs === undefined ? '' : ` Took ${elapsedText(elapsedMs)}.`;
  // Rows a stopped run never started are their own count, so that the counts still add up to the rows.
  const notAttempted = n('not_attempted') > 0 ? `, not attempted ${n('not_attempted')}` : '';
  return `Run ${runId}: ${results.length} row(s): captured ${captured}, already captured ${already}, skipped ${skipped}, failed ${failed}, unknown ${unknown}${notAttempted}.${took}`;
}

export interface BulkSummaryOptions {
  elapsedMs?: number | undefined;
  resultsFile?: string | undefined;
  rowsShown?: boolean | undefined;
}

/** The closing summary on stderr, the first rows that did not capture (unknown first), and where every row is. */
export function logBulkSummary(logger: Pick<Logger, 'info'>, runId: string, results: RunResults, options: BulkSummaryOptions = {}): void {
  logger.info(summaryText(runId, results, options.elapsedMs));
  const problems = results.count('unknown') + results.count('failed');
  const shown = [...results.withStatus(['unknown'], 20)];
  shown.push(...results.withStatus(['failed'], 20 - shown.length));
  for (const r of shown) logger.info(`  row ${r.row} (${r.input}): ${r.status}: ${r.reason ?? r.classification}`);
  if (problems > 20) logger.info(`  …and ${problems - 20} more (see --json or --results).`);
  // Not listed one by one: a run stopped early leaves most of its rows, and running it again does them all.
  const [first] = results.withStatus(['not_attempted'], 1);
  if (first) logger.info(`  not attempted: ${results.count('not_attempted')} row(s), from row ${first.row}: ${first.reason ?? 'the run stopped'}`);
  const note = resultsNote(options.resultsFile, options.rowsShown ?? true);
  if (note) logger.info(note);
}

/** One row's NDJSON line (with its newline), as streamed with --json while the run goes on. */
export function bulkResultLine(result: RowResult): string {
  return `${JSON.stringify(bulkResultJson(result))}\n`;
}

/**
 * The results at the end of a run: the results file (every row, the machine columns); then on stdout the
 * table on a terminal (with --verbose), the same columns as TSV when piped or as CSV with --csv, and
 * nothing more with --json (its NDJSON rows were streamed as they finished).
 */
export async function renderBulkResults(target: RenderTarget, results: RunResults, resultsFile: string | undefined, verbose?: boolean): Promise<void> {
  // The rows are streamed from the run's spool: a run of any size holds a page of them at a time.
  const records = (): Readable => Readable.from(mapRows(results, bulkResultRecord));
  if (resultsFile) {
    const { csvStream } = await import('../../infra/csv-write.js');
    const csv = await csvStream({ columns: BULK_RESULT_FIELDS });
    await writeAtomically(resultsFile, (file) => pipeline(records(), csv, file));
  }
  if (target.mode === 'json') return;
  if (target.mode === 'table') {
    // A table is for a person reading a terminal (--verbose): it is sized to the rows, so it holds them.
    if (bulkRowsShown(target.mode, verbose)) await renderList(target, [...results], bulkResultColumns, () => null);
    return;
  }
  if (target.mode === 'csv') {
    const { csvStream } = await import('../../infra/csv-write.js');
    await pipeline(records(), await csvStream({ columns: BULK_RESULT_FIELDS }), target.stdout, { end: false });
    return;
  }
  let page: string[][] = [];
  for (const result of results) {
    page.push(bulkResultRecord(result));
    if (page.length < 512) continue;
    await writeMachineRows(target, BULK_RESULT_FIELDS, page);
    page = [];
  }
  await writeMachineRows(target, BULK_RESULT_FIELDS, page);
}

function* mapRows<T, U>(rows: Iterable<T>, fn: (row: T) => U): Generator<U> {
  for (const row of rows) yield fn(row);
}

/**
 * The plan file: the text `JSON.stringify(plan, null, 2)` gives, written as its rows are read from the run's
 * spool, so a plan of any size holds a chunk of text at a time. It replaces the file atomically; a failed
 * or stopped write (`signal`) leaves no file behind and the target as it was.
 */
export async function writePlanFile(file: string, plan: BulkPlan, logger: Pick<Logger, 'success'>, signal?: AbortSignal): Promise<void> {
  const text = function* (): Generator<string> {
    yield* prettyJsonWithArray(plan as unknown as Record<string, unknown>, 'rows', plan.rows.plain());
    yield '\n';
  };
  await writeAtomically(file, (out) => pipeline(Readable.from(text()), out), { signal, what: 'the plan' });
  logger.success(`Wrote the plan to ${file}. Review it, then: merchant orders capture --apply ${file} --yes`);
}
