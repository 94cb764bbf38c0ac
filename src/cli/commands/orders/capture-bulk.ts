/**
 * `orders capture` in bulk mode, wired to the terminal: the plan summary and confirmation, progress on
 * stderr, one NDJSON line per finished row with --json (so a killed run has printed what it completed).
 * The results table, files and closing summary are rendered by the command once the run ends.
 */
import { setFlagsFromString } from 'node:v8';
import type { Context } from '../../context.js';
import { sharedDatabaseUrl } from './pending-location.js';
import type { MerchantError } from '../../../errors.js';
import type { BulkCaptureResult } from '../../../services/orders/bulk/bulk-capture.js';
import type { BulkInput } from '../../../services/orders/bulk/bulk-input.js';
import type { PlanSource } from '../../../services/orders/bulk/bulk-plan.js';

export interface BulkCaptureInput {
  orders: readonly string[];
  from?: string | undefined;
  planOut?: string | undefined;
  apply?: string | undefined;
  concurrency: number;
  json?: boolean | undefined;
  csv?: boolean | undefined;
  yes?: boolean | undefined;
  store?: string | undefined;
  results?: string | undefined;
  verbose?: boolean | undefined;
}

export interface BulkCaptureRun {
  mode: 'bulk';
  outcome: BulkCaptureResult;
  /** Where every row's result is written (undefined: printed only). */
  resultsFile: string | undefined;
  elapsedMs: number;
  /** The exit code of the run, as a typed error (undefined: every row went through). */
  failure: MerchantError | undefined;
}

/**
 * How far V8 lets the heap grow past what a full collection left alive. A bulk run makes garbage at a
 * steady rate (each row's order, log entry and result) and keeps little; by default V8 lets that garbage
 * grow the heap to several times the live set (a 100,000-row run peaked near 300 MB resident, most of it
 * garbage). A small step keeps the process near its live size for a few more, short, collections.
 */
const BULK_HEAP_GROWING_PERCENT = 20;

export async function runBulkCapture(ctx: Context, input: BulkCaptureInput): Promise<BulkCaptureRun> {
  setFlagsFromString(`--heap-growing-percent=${BULK_HEAP_GROWING_PERCENT}`);
  const { readBulkInput } = await import('../../../services/orders/bulk/read-bulk-input.js');
  const { captureResultsFile } = await import('../../../services/orders/bulk/results-file.js');
  const started = ctx.clock.now().getTime();
  const target = ctx.output(input);
  // Checked before the input is read: a run that cannot record what it did must not start.
  const resultsFile = input.planOut ? undefined : captureResultsFile(input, target.mode === 'table', ctx.paths.dataDir, ctx.clock.now());
  // The backend's and the run's code load while the input is read and checked, which waits on the disk.
  ctx.preloadBackend();
  void import('../../../services/orders/bulk/bulk-capture.js').catch(() => undefined);
  preloadSharedJournal(ctx);
  const rows = await readBulkInput({ orders: input.orders, from: input.from, apply: input.apply, stdin: ctx.io.stdin, stdinIsTTY: ctx.io.stdinIsTTY, dataDir: ctx.paths.dataDir });
  try {
    return await captureRows(ctx, input, rows, { started, resultsFile, target });
  } finally {
    // Planning frees it as soon as the rows are planned; a run that stops before then frees it here.
    if (!('plan' in rows)) rows.close?.();
  }
}

async function captureRows(
  ctx: Context,
  input: BulkCaptureInput,
  rows: BulkInput | { plan: PlanSource },
  run: { started: number; resultsFile: string | undefined; target: ReturnType<Context['output']> },
): Promise<BulkCaptureRun> {
  const { started, resultsFile, target } = run;
  const { bulkCapture } = await import('../../../services/orders/bulk/bulk-capture.js');
  const { bulkOutcomeError, capturableRows } = await import('../../../services/orders/bulk/bulk-outcome.js');
  const { confirmOrAbort } = await import('../../../prompts/prompter.js');
  const { createProgress } = await import('../../../output/progress.js');
  const view = await import('../../../output/views/orders-bulk.js');
  const progress = createProgress(ctx.io.stderr, ctx.io.stderrIsTTY, 'capture');
  const { cancellation } = ctx;
  const { createTurnLines } = await import('../../../output/turn-lines.js');
  // A group of rows finishes in one turn: their lines go out in one write.
  const lines = createTurnLines(target.stdout);
  const outcome = await cancellation.stoppable(() =>
    bulkCapture(() => ctx.backend(), {
      dataDir: ctx.paths.dataDir,
      // The sandbox stays on this machine's files; the kustom backend shares the journal when database_url is set.
      databaseUrl: sharedDatabaseUrl(ctx),
      store: input.apply ? undefined : ctx.storeId(input.store),
      input: rows,
      planFile: input.apply,
      gate: ctx.writeGate,
      concurrency: input.concurrency,
      planOnly: Boolean(input.planOut),
      // A plan with nothing to capture is not shown: the summary says what there was.
      onPlanned: (plan, summary) => (capturableRows(summary) > 0 || input.planOut ? ctx.logger.info(view.planText(plan, summary)) : undefined),
      confirm: async (_plan, summary) => {
        const n = capturableRows(summary);
        if (n === 0) return;
        await confirmOrAbort(ctx.prompter, input.yes, view.bulkQuestion(summary, n), cancellation.signal);
      },
      onProgress: (counts) => progress.update(view.progressCounts(counts)),
      onResult: (result) => {
        if (input.json) lines.write(view.bulkResultLine(result));
      },
      stopped: () => cancellation.signal.aborted,
      abandon: cancellation.deadline,
    }).finally(() => lines.flush()),
  );
  if (!input.planOut) progress.finish();
  return { mode: 'bulk', outcome, resultsFile, elapsedMs: ctx.clock.now().getTime() - started, failure: input.planOut ? undefined : bulkOutcomeError(outcome, cancellation.fired) };
}

/**
 * With the journal on a shared database, its client (pg, the bulk of what such a run loads that a run on
 * local files does not) loads while the input is read too, instead of once the backend opens the database.
 */
function preloadSharedJournal(ctx: Context): void {
  try {
    if (sharedDatabaseUrl(ctx) === undefined) return;
  } catch {
    // Settings that cannot be read are reported where the run needs them.
    return;
  }
  void import('../../../services/orders/bulk/journal-postgres.js').catch(() => undefined);
}
