/**
 * What a finished bulk-capture run means for the exit code, as the typed error the entry point maps:
 * interrupted 130/143 (141: stdout closed), a rejected key 4 (the run halted), some unknown 6, another stop (the journal's
 * database went away) its own code (1), some failed 5; none: 0.
 *
 * The error's details (README "Stopping a run") name the rows that need a look — `failed_rows` (failed for
 * real: the provider refused, retries ran out) and `unknown_rows` — and count the rest: `counts` per outcome
 * (adding up to `total`) and `not_attempted`, the rows a stopped run never started, which are counted and
 * not listed (a run stopped early leaves most of its rows), since running the command again does them.
 */
import { InterruptedError, PartialFailureError, UnknownOutcomeError, type MerchantError, type StopSignal } from '../../../errors.js';
import type { RowOutcome } from './bulk-apply.js';
import type { BulkCaptureResult } from './bulk-capture.js';
import type { PlanSummary } from './bulk-plan.js';
import type { RunResults } from './run-spool.js';

/** Rows the plan would capture: with none, there is nothing to show or confirm. */
export const capturableRows = (summary: PlanSummary): number => summary.counts.capture_full + summary.counts.capture_part;

const OUTCOMES = ['captured', 'already_captured', 'skipped', 'failed', 'unknown', 'not_attempted'] as const satisfies readonly RowOutcome[];

export type RunCounts = Record<RowOutcome, number> & { total: number };

/** The run's rows by what this invocation did with them; they add up to `total`. */
export function runCounts(results: RunResults | undefined): RunCounts {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, results?.count(o) ?? 0])) as Record<RowOutcome, number>;
  return { total: OUTCOMES.reduce((sum, o) => sum + counts[o], 0), ...counts };
}

/** "1,200 of 100,000 row(s) done (captured 1,150, already captured 50, skipped 0); failed 2, unknown 0, not attempted 98,798". */
export function countsText(c: RunCounts): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  const done = c.captured + c.already_captured + c.skipped;
  return `${n(done)} of ${n(c.total)} row(s) done (captured ${n(c.captured)}, already captured ${n(c.already_captured)}, skipped ${n(c.skipped)}); failed ${n(c.failed)}, unknown ${n(c.unknown)}, not attempted ${n(c.not_attempted)}`;
}

export function bulkOutcomeError(outcome: BulkCaptureResult, interrupted: StopSignal | undefined): MerchantError | undefined {
  const runId = outcome.plan.run_id;
  const failed = outcome.results?.rows('failed') ?? [];
  const unknown = outcome.results?.rows('unknown') ?? [];
  const counts = runCounts(outcome.results);
  const details = { run_id: runId, failed_rows: failed, unknown_rows: unknown, not_attempted: counts.not_attempted, counts };
  if (interrupted) {
    return new InterruptedError(interrupted, `Interrupted (${interrupted}): ${countsText(counts)}. Run the same command again to finish run ${runId}; nothing will be captured twice.`, { details });
  }
  // A rejected key stops everything (exit 4). Any other stop (the journal's database went away) is named,
  // but rows whose outcome is open still make the run "unknown" (exit 6): that is what the user must settle.
  if (outcome.halted && (outcome.halted.kind === 'auth' || unknown.length === 0)) return outcome.halted;
  if (unknown.length > 0) {
    const stopped = outcome.halted ? ` The run stopped: ${outcome.halted.message}` : '';
    return new UnknownOutcomeError(`${unknown.length} capture(s) have an unknown outcome (rows ${unknown.join(', ')}).${stopped}`, {
      hint: 'Run the same command again: those rows are checked against the provider before anything is re-sent.',
      details,
    });
  }
  if (failed.length > 0) return new PartialFailureError(`${failed.length} of ${outcome.results?.length ?? 0} row(s) failed (rows ${failed.join(', ')}).`, { details });
  return undefined;
}
