/**
 * The `orders capture` action in bulk mode: wires the bulk-capture service to the terminal — plan summary
 * and confirmation, progress on stderr, results on stdout (table/TSV at the end; NDJSON with --json, one
 * line as each row finishes, so a killed run has printed what it completed; CSV file with --results), and
 * the exit code through a typed error (4 rejected key, 5 some failed, 6 some unknown, 130 interrupted).
 */
import { readFileSync } from 'node:fs';
import type { Context } from '../context.js';
import { InterruptedError, PartialFailureError, UnknownOutcomeError, UsageError } from '../../errors.js';
import { formatMoney } from '../../domain/money.js';
import type { BulkInput } from '../../services/orders/bulk/bulk-input.js';
import type { BulkPlan, PlanSummary } from '../../services/orders/bulk/bulk-plan.js';
import type { ApplyCounts, RowResult } from '../../services/orders/bulk/bulk-apply.js';
import { readAll } from './read-input.js';

export interface BulkCaptureFlags {
  from?: string;
  planOut?: string;
  apply?: string;
  concurrency: number;
  results?: string;
  json?: boolean;
  csv?: boolean;
  yes?: boolean;
  store?: string;
}

function totalText(summary: PlanSummary): string {
  const parts = Object.entries(summary.total_by_currency).map(([cur, minor]) => formatMoney(minor, cur));
  return parts.length > 0 ? parts.join(' + ') : 'nothing';
}

export function planText(plan: BulkPlan, summary: PlanSummary): string {
  const c = summary.counts;
  const lines = [
    `Plan ${plan.run_id}: ${plan.rows.length} row(s)`,
    `  capture in full: ${c.capture_full}   capture in part: ${c.capture_part}   total: ${totalText(summary)}`,
    `  already captured: ${c.already_captured}   skip (cancelled/expired): ${c.skip_closed}`,
    `  not found: ${c.not_found}   amount too high: ${c.amount_too_high}   could not read: ${c.read_failed}   refused: ${c.refused}`,
  ];
  for (const r of plan.rows.filter((x) => ['not_found', 'amount_too_high', 'read_failed', 'refused'].includes(x.classification)).slice(0, 20)) {
    lines.push(`  row ${r.row} (${r.input}): ${r.classification}: ${r.reason ?? ''}`);
  }
  return lines.join('\n');
}

const capturable = (summary: PlanSummary): number => summary.counts.capture_full + summary.counts.capture_part;

function progressCounts(c: ApplyCounts): { total: number; done: number; failed: number; skipped: number; unknown: number } {
  return { total: c.total, done: c.captured, failed: c.failed, skipped: c.skipped + c.already_captured, unknown: c.unknown };
}

/** What this invocation did, in counts that add up to the rows; a run that had nothing to do says so. */
export function summaryText(runId: string, results: readonly RowResult[]): string {
  const n = (s: RowResult['status']): number => results.filter((r) => r.status === s).length;
  const [captured, already, skipped, failed, unknown] = [n('captured'), n('already_captured'), n('skipped'), n('failed'), n('unknown')];
  if (captured + failed + unknown === 0 && results.every((r) => r.attempts === 0)) {
    const parts = [`${already} already captured`, ...(skipped > 0 ? [`${skipped} skipped (cancelled/expired)`] : [])];
    return `Nothing to capture: ${parts.join(', ')}.`;
  }
  return `Run ${runId}: ${results.length} row(s): captured ${captured}, already captured ${already}, skipped ${skipped}, failed ${failed}, unknown ${unknown}.`;
}

async function readRows(ctx: Context, ids: string[], from: string | undefined): Promise<BulkInput> {
  const { parseIdList, parseCsvInput, readCsvInputFile } = await import('../../services/orders/bulk/bulk-input.js');
  if (from !== undefined) {
    if (ids.length > 0) throw new UsageError('Give orders either as arguments/stdin or with --from, not both.');
    return from === '-' ? parseCsvInput(await readAll(ctx.io.stdin), 'stdin') : readCsvInputFile(from);
  }
  if (ids.includes('-')) {
    if (ids.length > 1) throw new UsageError('"-" (read order IDs from stdin) cannot be combined with order IDs as arguments.');
    if (ctx.io.stdinIsTTY) throw new UsageError('"-" reads order IDs from stdin, but stdin is a terminal; pipe a list in.');
    const input = parseIdList((await readAll(ctx.io.stdin)).split(/\r?\n/), 'stdin');
    if (input.rows.length === 0 && input.issues.length === 0) throw new UsageError('stdin held no order IDs.');
    return input;
  }
  return parseIdList(ids, 'argument');
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

async function writeResults(ctx: Context, results: RowResult[], flags: BulkCaptureFlags): Promise<void> {
  const { bulkResultColumns, bulkResultJson } = await import('../../output/views/orders.js');
  if (flags.results) {
    const { csvText } = await import('../../infra/csv-write.js');
    const { writeFileAtomicSync } = await import('../../infra/atomic-file.js');
    writeFileAtomicSync(flags.results, await csvText(results.map(bulkResultJson)));
  }
  // NDJSON rows were streamed as they finished.
  if (flags.json) return;
  const { renderList } = await import('../../output/render.js');
  await renderList(ctx.output(flags), results, bulkResultColumns, (rows) => rows.map(bulkResultJson));
}

export async function bulkCaptureAction(ctx: Context, ids: string[], flags: BulkCaptureFlags): Promise<void> {
  const { bulkCapture } = await import('../../services/orders/bulk/bulk-capture.js');
  const { parsePlanFile } = await import('../../services/orders/bulk/bulk-plan.js');
  const { confirmOrAbort } = await import('../../prompts/prompter.js');
  const { createProgress } = await import('../../output/progress.js');
  if (flags.apply && (flags.from || ids.length > 0 || flags.planOut)) throw new UsageError('--apply runs a plan file as it is; do not combine it with order IDs, --from or --plan-out.');
  const { bulkResultJson } = await import('../../output/views/orders.js');
  const input = flags.apply ? { plan: parsePlanFile(readText(flags.apply), flags.apply) } : await readRows(ctx, ids, flags.from);
  const store = flags.store ?? ctx.settings().store.value;
  if (!flags.planOut) {
    // A plan only reads; applying it captures money, so a live key needs the store named or pinned.
    const { guardLiveWrite } = await import('../../services/auth/live-guard.js');
    guardLiveWrite(ctx, { action: flags.apply ? `bulk capture from plan ${flags.apply}` : 'bulk capture' });
  }
  const backend = await ctx.backend();
  const progress = createProgress(ctx.io.stderr, ctx.io.stderrIsTTY, 'capture');
  const { cancellation } = ctx;
  const outcome = await cancellation.stoppable(() =>
    bulkCapture(backend, {
      dataDir: ctx.paths.dataDir,
      store: flags.apply ? undefined : store,
      input,
      concurrency: flags.concurrency,
      planOnly: Boolean(flags.planOut),
      // A plan with nothing to capture is not shown: the summary says what there was.
      onPlanned: (plan, summary) => (capturable(summary) > 0 || flags.planOut ? ctx.logger.info(planText(plan, summary)) : undefined),
      confirm: async (plan, summary) => {
        const n = capturable(summary);
        if (n === 0) return;
        await confirmOrAbort(ctx.prompter, flags.yes, `Capture ${totalText(summary)} on ${n} order(s)?`, cancellation.signal);
      },
      onProgress: (counts) => progress.update(progressCounts(counts)),
      onResult: (result) => {
        if (flags.json) ctx.io.stdout.write(`${JSON.stringify(bulkResultJson(result))}
`);
      },
      stopped: () => cancellation.signal.aborted,
      abandon: cancellation.deadline,
    }),
  );
  if (flags.planOut) {
    const { writeFileAtomicSync } = await import('../../infra/atomic-file.js');
    writeFileAtomicSync(flags.planOut, `${JSON.stringify(outcome.plan, null, 2)}\n`);
    ctx.logger.success(`Wrote the plan to ${flags.planOut}. Review it, then: merchant orders capture --apply ${flags.planOut} --yes`);
    return;
  }
  progress.finish();
  const results = outcome.results ?? [];
  await writeResults(ctx, results, flags);
  const count = (s: RowResult['status']): RowResult[] => results.filter((r) => r.status === s);
  const failed = count('failed');
  const unknown = count('unknown');
  ctx.logger.info(summaryText(outcome.plan.run_id, results));
  const problems = [...unknown, ...failed];
  for (const r of problems.slice(0, 20)) ctx.logger.info(`  row ${r.row} (${r.input}): ${r.status}: ${r.reason ?? r.classification}`);
  if (problems.length > 20) ctx.logger.info(`  …and ${problems.length - 20} more (see --json or --results).`);
  const details = { run_id: outcome.plan.run_id, failed_rows: failed.map((r) => r.row), unknown_rows: unknown.map((r) => r.row) };
  if (cancellation.fired) throw new InterruptedError(cancellation.fired, `Interrupted (${cancellation.fired}). Run the same command again to finish run ${outcome.plan.run_id}; nothing will be captured twice.`, { details });
  if (outcome.halted) throw outcome.halted;
  if (unknown.length > 0) {
    throw new UnknownOutcomeError(`${unknown.length} capture(s) have an unknown outcome (rows ${unknown.map((r) => r.row).join(', ')}).`, {
      hint: 'Run the same command again: those rows are checked against the provider before anything is re-sent.',
      details,
    });
  }
  if (failed.length > 0) {
    throw new PartialFailureError(`${failed.length} of ${results.length} row(s) failed (rows ${failed.map((r) => r.row).join(', ')}).`, { details });
  }
}
