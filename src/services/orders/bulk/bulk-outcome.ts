/**
 * What a finished bulk-capture run means for the exit code, as the typed error the entry point maps:
 * interrupted 130/143, a rejected key 4 (the run halted), some unknown 6, some failed 5; none: 0.
 */
import { InterruptedError, PartialFailureError, UnknownOutcomeError, type MerchantError } from '../../../errors.js';
import type { BulkCaptureResult } from './bulk-capture.js';
import type { PlanSummary } from './bulk-plan.js';

/** Rows the plan would capture: with none, there is nothing to show or confirm. */
export const capturableRows = (summary: PlanSummary): number => summary.counts.capture_full + summary.counts.capture_part;

export function bulkOutcomeError(outcome: BulkCaptureResult, interrupted: 'SIGINT' | 'SIGTERM' | undefined): MerchantError | undefined {
  const runId = outcome.plan.run_id;
  const failed = outcome.results?.rows('failed') ?? [];
  const unknown = outcome.results?.rows('unknown') ?? [];
  const details = { run_id: runId, failed_rows: failed, unknown_rows: unknown };
  if (interrupted) return new InterruptedError(interrupted, `Interrupted (${interrupted}). Run the same command again to finish run ${runId}; nothing will be captured twice.`, { details });
  if (outcome.halted) return outcome.halted;
  if (unknown.length > 0) {
    return new UnknownOutcomeError(`${unknown.length} capture(s) have an unknown outcome (rows ${unknown.join(', ')}).`, {
      hint: 'Run the same command again: those rows are checked against the provider before anything is re-sent.',
      details,
    });
  }
  if (failed.length > 0) return new PartialFailureError(`${failed.length} of ${outcome.results?.length ?? 0} row(s) failed (rows ${failed.join(', ')}).`, { details });
  return undefined;
}
