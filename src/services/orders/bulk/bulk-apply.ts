/**
 * Applies a bulk-capture plan exactly once per row, whatever happens to this process or the provider:
 *   - the journal says `sending` before each request and the outcome after it;
 *   - a row left `sending`/`unknown` by an earlier run (or a timeout now) is reconciled first: the order's
 *     captures are re-read and matched (capture reference + amount, or amount + time after the first send);
 *     only if none matches is the request sent again — with the same idempotency key, so even then the
 *     provider cannot act twice;
 *   - transient failures are retried with backoff and jitter, rate limits pause every worker (shared
 *     pacer), definitive refusals are never retried.
 */
import type { Backend, Capture, Order } from '../../../backends/backend.js';
import { isMerchantError, StateConflictError, UnknownOutcomeError } from '../../../errors.js';
import { ordersApi } from '../orders-api.js';
import { isRetryable, withRetry, type Pacer, type RetryOptions } from '../retry.js';
import { CAPTURABLE, SKIPPED, type BulkPlan, type PlanRow } from './bulk-plan.js';
import type { Journal, JournalRow } from './journal.js';
import { forEachConcurrent } from './pool.js';

export type RowOutcome = 'captured' | 'skipped' | 'failed' | 'unknown';

export interface RowResult {
  row: number;
  input: string;
  order_id: string | null;
  status: RowOutcome;
  /** Plan classification, e.g. capture_full, skip_captured, not_found. */
  classification: string;
  amount: number;
  currency: string | null;
  capture_id: string | null;
  capture_reference: string | null;
  attempts: number;
  reason: string | null;
}

export interface ApplyCounts {
  total: number;
  done: number;
  failed: number;
  skipped: number;
  unknown: number;
}

export interface ApplyOptions {
  concurrency: number;
  pacer: Pacer;
  retry?: RetryOptions;
  /** How many times one row's request may be re-sent after an unknown outcome, in this run. */
  resends?: number;
  onProgress?: (counts: ApplyCounts) => void;
  stopped?: () => boolean;
  /** Aborted when the run stops waiting for requests in flight (they are reported as unknown). */
  abandon?: AbortSignal;
}

/** The capture on `order` that this row made, if any. */
export function matchCapture(order: Order, row: PlanRow, firstSentAt: string | null): Capture | undefined {
  return order.captures.find((c) => {
    if (c.captured_amount !== row.amount) return false;
    if (row.capture_reference) return c.reference === row.capture_reference;
    return firstSentAt !== null && c.captured_at >= firstSentAt;
  });
}

export async function applyPlan(backend: Backend, journal: Journal, plan: BulkPlan, options: ApplyOptions): Promise<RowResult[]> {
  const api = ordersApi(backend, 'orders.capture', 'capture orders');
  const retry: RetryOptions = { ...options.retry, pacer: options.pacer };
  const state = new Map<number, JournalRow>(journal.rows(plan.run_id).map((r) => [r.row_no, r]));
  const counts: ApplyCounts = { total: plan.rows.length, done: 0, failed: 0, skipped: 0, unknown: 0 };
  const results = new Map<number, RowResult>();
  const record = (row: PlanRow, status: RowOutcome, extra: Partial<RowResult> = {}): void => {
    const j = journal.row(plan.run_id, row.row);
    results.set(row.row, {
      row: row.row,
      input: row.input,
      order_id: row.order_id,
      status,
      classification: row.classification,
      amount: row.amount,
      currency: row.currency,
      capture_id: j?.capture_id ?? null,
      capture_reference: row.capture_reference,
      attempts: j?.attempts ?? 0,
      reason: row.reason,
      ...extra,
    });
    if (status === 'captured') counts.done++;
    else if (status === 'skipped') counts.skipped++;
    else if (status === 'failed') counts.failed++;
    else counts.unknown++;
    options.onProgress?.({ ...counts });
  };

  const todo: PlanRow[] = [];
  for (const row of plan.rows) {
    const j = state.get(row.row);
    if (SKIPPED.includes(row.classification)) record(row, 'skipped');
    else if (!CAPTURABLE.includes(row.classification)) record(row, 'failed');
    else if (j?.state === 'captured') record(row, 'captured', { reason: 'captured earlier in this run' });
    else if (j?.state === 'skipped') record(row, 'skipped', { reason: j.reason });
    else if (j?.state === 'failed' && j.retryable === 0) record(row, 'failed', { reason: j.reason });
    else todo.push(row);
  }
  options.onProgress?.({ ...counts });

  /** Reads the order and looks for this row's capture; if even that fails, the outcome stays unknown. */
  const reconcile = async (row: PlanRow): Promise<Capture | undefined> => {
    let order: Order;
    try {
      order = await withRetry(() => api.get(row.order_id as string), retry);
    } catch (error) {
      throw new UnknownOutcomeError(`could not check order ${row.order_id ?? ''} after an unknown outcome: ${isMerchantError(error) ? error.message : String(error)}`, { cause: error });
    }
    const j = journal.row(plan.run_id, row.row);
    return matchCapture(order, row, j?.first_sent_at ?? null);
  };

  const captureRow = async (row: PlanRow): Promise<void> => {
    const now = (): Date => backend.clock.now();
    const previous = state.get(row.row);
    try {
      if (previous && (previous.state === 'sending' || previous.state === 'unknown')) {
        const found = await reconcile(row);
        if (found) {
          journal.finish(plan.run_id, row.row, 'captured', { capture_id: found.capture_id }, now());
          return record(row, 'captured', { capture_id: found.capture_id, reason: 'found at the provider after an unknown outcome' });
        }
      }
      const resends = options.resends ?? 3;
      for (let sent = 0; ; sent++) {
        if (!journal.markSending(plan.run_id, row.row, now())) {
          return record(row, 'captured', { reason: 'captured by another process' });
        }
        try {
          const capture = await withRetry(
            () => api.capture(row.order_id as string, row.request as NonNullable<PlanRow['request']>, { idempotencyKey: row.idempotency_key as string }),
            retry,
          );
          journal.finish(plan.run_id, row.row, 'captured', { capture_id: capture.capture_id }, now());
          return record(row, 'captured', { capture_id: capture.capture_id, reason: null });
        } catch (error) {
          if (!(error instanceof UnknownOutcomeError)) throw error;
          const found = await reconcile(row);
          if (found) {
            journal.finish(plan.run_id, row.row, 'captured', { capture_id: found.capture_id }, now());
            return record(row, 'captured', { capture_id: found.capture_id, reason: null });
          }
          if (sent >= resends) {
            journal.finish(plan.run_id, row.row, 'unknown', { reason: error.message, retryable: true }, now());
            return record(row, 'unknown', { reason: error.message });
          }
        }
      }
    } catch (error) {
      const message = isMerchantError(error) ? error.message : String(error);
      if (error instanceof UnknownOutcomeError) {
        // Reconciliation itself could not reach the provider: we do not know whether the capture happened.
        journal.finish(plan.run_id, row.row, 'unknown', { reason: message, retryable: true }, now());
        return record(row, 'unknown', { reason: message });
      }
      if (error instanceof StateConflictError && row.classification === 'capture_full') {
        // Another run (other input, other keys) may have captured this order since we planned: that is
        // the outcome we wanted, not a failure — and the state rules made sure it happened only once.
        const order = await withRetry(() => api.get(row.order_id as string), retry).catch(() => undefined);
        if (order && order.remaining_authorized_amount === 0 && order.captured_amount > 0) {
          journal.finish(plan.run_id, row.row, 'skipped', { reason: 'already captured by another run' }, now());
          return record(row, 'skipped', { reason: `already captured by another run (${message})` });
        }
      }
      journal.finish(plan.run_id, row.row, 'failed', { reason: message, retryable: isRetryable(error) }, now());
      return record(row, 'failed', { reason: message });
    }
  };

  await forEachConcurrent(todo, options.concurrency, captureRow, options.stopped, options.abandon);
  // Rows without a result: still in flight when the run stopped waiting (journaled `sending`, so the next
  // run checks them against the provider first), or never reached (still pending in the journal).
  for (const row of todo) {
    if (results.has(row.row)) continue;
    const state = journal.row(plan.run_id, row.row)?.state;
    if (state === 'sending' || state === 'unknown') record(row, 'unknown', { reason: 'still in flight when the run stopped; run it again to check it with the provider' });
    else record(row, 'failed', { reason: 'not attempted: the run was interrupted; run it again to finish' });
  }
  return [...results.values()].sort((a, b) => a.row - b.row);
}
