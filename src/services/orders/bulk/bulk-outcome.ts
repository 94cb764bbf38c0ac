/**
 * What a finished bulk-capture run means for the exit code, as the typed error the entry point maps:
 * interrupted 130/143 (141: stdout closed), a rejected key 4 (the run halted), some unknown 6, another stop (the journal's
 * database went away) its own code (1), some failed 5; none: 0.
 */
import { InterruptedError, PartialFailureError, UnknownOutcomeError, type MerchantError, type StopSignal } from '../../../errors.js';
import type { BulkCaptureResult } from './bulk-capture.js';
import type { PlanSummary } from './bulk-plan.js';

/** Rows the plan would capture: with none, there is nothing to show or confirm. */
export const capturableRows = (summary: PlanSummary): number => summary.counts.capture_full + summary.counts.capture_part;

export function bulkOutcomeError(outcome: BulkCaptureResult, interrupted: StopSignal | undefined): MerchantError | undefined {
  const runId = outcome.plan.run_id;
  const failed = outcome.results?.rows('failed') ?? [];
  const unknown = outcome.results?.rows('unknown') ?? [];
  const details = { run_id: runId, failed_rows: failed, unknown_rows: unknown };
  if (interrupted) return new InterruptedError(interrupted, `Interrupted (${interrupted}). Run the same command again to finish run ${runId}; nothing will be captured twice.`, { details });
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
