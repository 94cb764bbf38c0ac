/**
 * Applies a bulk-capture plan so that each capture (by its identity, see capture-identity.ts) happens
 * exactly once, whatever happens to this process, the provider, or another process on the same journal:
 *   - a row the plan found already captured is reported `already_captured` (and journaled), never sent;
 *   - the journal claims the capture (`sending`) before each request and records the outcome after it (the
 *     claims of the rows in flight in one commit, see journal.ts); a capture another run or process has
 *     recorded is not sent again;
 *   - an unknown outcome now is reconciled by reading the order (its captures matched against the row's
 *     identity); only if none matches is the same request sent again, with the same idempotency key;
 *   - a plan from a file (`--apply`) may be old: each order is read again before its row is sent;
 *   - retries belong to the backend's transport (one budget per request); this layer never retries on top,
 *     and a rejected key stops the run at once.
 */
import type { Backend, CaptureRequest } from '../../../backends/backend.js';
import type { Capture, Order } from '../../../domain/model/order.js';
import { AuthError, CancelledError, DatabaseUnavailableError, isMerchantError, StateConflictError, TransientError, UnknownOutcomeError, type MerchantError } from '../../../errors.js';
import { ordersApi } from '../orders-api.js';
import { CAPTURABLE, SKIPPED, takePlannedOrder, type BulkPlan, type Classification, type PlanRow } from './bulk-plan.js';
import { existingCapture } from '../capture-identity.js';
import type { Journal } from './journal.js';
import { forEachConcurrent, Slots, workersFor } from './pool.js';
import { RunResults } from './run-spool.js';

/**
 * What THIS invocation did with the row (`already_captured`: an earlier one, or another process, did it).
 * `not_attempted`: nothing was sent for it, because the run stopped (a signal, stdout closed, a rejected key,
 * the journal gone) before its turn; the row's own output reads `failed` ("not attempted: …"), as it always
 * has, while the counts and the run's error keep these rows apart from the rows that failed.
 */
export type RowOutcome = 'captured' | 'already_captured' | 'skipped' | 'failed' | 'unknown' | 'not_attempted';

export interface RowResult {
  row: number;
  input: string;
  order_id: string | null;
  status: RowOutcome;
  /** Plan classification, e.g. capture_full, already_captured, not_found. */
  classification: string;
  amount: number;
  currency: string | null;
  capture_id: string | null;
  capture_reference: string | null;
  /** Requests this invocation sent for the row (re-sends after unknown outcomes included). */
  attempts: number;
  reason: string | null;
}

export type ApplyCounts = Record<RowOutcome, number> & { total: number };

export interface ApplyOptions {
  concurrency: number;
  /**
   * How many times one row's request may be re-sent after an unknown outcome, in this run (default 0: the
   * transport has already spent the request's retry budget; a re-run reconciles).
   */
  resends?: number;
  /** Read each order again before sending its row (the plan may be older than the order's state). */
  recheck?: boolean;
  onProgress?: (counts: ApplyCounts) => void;
  /** Each row's result as soon as it is final (for streaming output). */
  onResult?: (result: RowResult) => void;
  stopped?: () => boolean;
  /** Aborted when the run stops waiting for requests in flight (they are reported as unknown). */
  abandon?: AbortSignal;
}

export interface ApplyOutcome {
  /** Every row's result, in row order, kept in the run's spool (read a page at a time). */
  results: RunResults;
  /** The error that stopped the run before every row was tried (a rejected key, a journal that went away). */
  halted: MerchantError | null;
}

/** The journal could not be read or written before a row was sent: the row is not sent, the run stops. */
class JournalLost extends Error {
  constructor(readonly reason: MerchantError) {
    super(reason.message);
  }
}

const journalError = (error: unknown): MerchantError =>
  isMerchantError(error) ? error : new TransientError(`The bulk-capture journal failed: ${error instanceof Error ? error.message : String(error)}.`, { cause: error });

const NOT_SENT = (['already_captured', 'skip_closed', 'not_found', 'amount_too_high', 'read_failed', 'refused'] as const satisfies readonly Classification[]).filter((c) => !CAPTURABLE.includes(c));

export function emptyCounts(total: number): ApplyCounts {
  return { total, captured: 0, already_captured: 0, skipped: 0, failed: 0, unknown: 0, not_attempted: 0 };
}

const message = (error: unknown): string => (isMerchantError(error) ? error.message : String(error));

/** A row's turn to send never came (the run stopped while it waited for a slot): nothing was sent for it. */
class NotSent extends CancelledError {
  constructor() {
    super('not sent: the run stopped while the row waited for its turn');
  }
}

export async function applyPlan(backend: Backend, journal: Journal, plan: BulkPlan, options: ApplyOptions): Promise<ApplyOutcome> {
  const api = ordersApi(backend, 'orders.capture', 'capture orders');
  const now = (): Date => backend.clock.now();
  const counts = emptyCounts(plan.rows.length);
  const { spool } = plan.rows;
  const stop: { halted: MerchantError | null; journalLost: boolean } = { halted: null, journalLost: false };
  // Rows whose request is out and whose answer has not come back: unknown if the run stops waiting.
  const inFlight = new Set<number>();
  // Rows claimed in the journal (and the ledger) that have not been sent: waiting for a slot, or stopped
  // there. Each says whether its journal row was open (sending, unknown) before this run's claim.
  const unsent = new Map<number, boolean>();
  const halting = (): boolean => stop.halted !== null || (options.stopped?.() ?? false);
  // A local provider commits the rows in flight together: more of them in flight means fewer commits. The
  // group widens once a capture has gone through, so a key that may not capture (or a provider refusing
  // everything) is found by the first --concurrency rows, as against a remote provider.
  const group = Math.max(options.concurrency, api.captureGroup ?? 0);
  const inFlightLimit = (): number => (counts.captured > 0 ? group : options.concurrency);
  // A row holds a slot from its claim until its answer: at most that many requests are out, while the
  // other workers read the next rows and record finished ones (pool.ts).
  const slots = new Slots(inFlightLimit);
  /** Before a send: a journal that fails stops the row (nothing sent) and the run. */
  const journaled = async <T>(work: () => Promise<T>): Promise<T> => {
    if (stop.journalLost && stop.halted) throw new JournalLost(stop.halted);
    try {
      return await work();
    } catch (error) {
      stop.halted ??= journalError(error);
      stop.journalLost = true;
      throw new JournalLost(journalError(error));
    }
  };
  /**
   * After an answer: the outcome is known from the provider whether or not the journal records it (a row
   * left open there is checked against the order by the next run). A journal that fails stops the run.
   */
  const note = async (work: () => Promise<unknown>): Promise<string | null> => {
    // Once the journal is gone, each further write would wait out the timeout again.
    if (stop.journalLost) return `the journal could not record it (${stop.halted?.message ?? 'unavailable'}); the next run finds it on the order`;
    try {
      await work();
      return null;
    } catch (error) {
      stop.halted ??= journalError(error);
      stop.journalLost = true;
      return `the journal could not record it (${journalError(error).message}); the next run finds it on the order`;
    }
  };
  const record = (row: PlanRow, status: RowOutcome, extra: Partial<RowResult> = {}): void => {
    const result: RowResult = {
      row: row.row,
      input: row.input,
      order_id: row.order_id,
      status,
      classification: row.classification,
      amount: row.amount,
      currency: row.currency,
      capture_id: row.capture_id,
      capture_reference: row.capture_reference,
      attempts: 0,
      reason: row.reason,
      ...extra,
    };
    spool.addResult(result);
    counts[status]++;
    options.onResult?.(result);
    options.onProgress?.({ ...counts });
  };

  // The rows that send nothing are reported first; the capturable ones are then read from the spool as
  // the workers take them.
  for (const row of plan.rows.where(NOT_SENT)) {
    if (row.classification === 'already_captured') {
      // Found on the order while planning: journal it, so an open `sending` row is closed too.
      if (row.idempotency_key && row.order_id && row.capture_id) await note(() => journal.found(row.idempotency_key as string, row.order_id as string, row.capture_id as string, now()));
      record(row, 'already_captured');
    } else if (SKIPPED.includes(row.classification)) record(row, 'skipped');
    else record(row, 'failed');
  }
  options.onProgress?.({ ...counts });

  /** The order's capture for this row, read now; if the read fails the outcome stays unknown. */
  const lookup = async (row: PlanRow): Promise<Capture | undefined> => {
    let order: Order;
    try {
      order = await api.get(row.order_id as string);
    } catch (error) {
      throw new UnknownOutcomeError(`could not check order ${row.order_id ?? ''} after an unknown outcome: ${message(error)}`, { cause: error });
    }
    return existingCapture(order, row.identity as NonNullable<PlanRow['identity']>);
  };

  // A backend that gates its sends takes the slot itself, right before its request, after its own claim
  // (the ledger's); the journal's claim is committed before that too. So a slot is held by a request
  // alone, not by the commits before it. A plan from a file reads each order first, in a slot as before.
  const gated = api.gatesSends === true && !options.recheck;

  const captureRow = async (row: PlanRow): Promise<void> => {
    const key = row.idempotency_key as string;
    const orderId = row.order_id as string;
    const planned = row.request as CaptureRequest;
    let attempts = 0;
    let release: (() => void) | undefined;
    let asked = false;
    /** The row's slot, taken once and held until the row is done; false once the run stops (send nothing). */
    const hold = async (): Promise<boolean> => {
      if (asked) return release !== undefined;
      asked = true;
      release = await slots.acquire();
      return release !== undefined && !halting();
    };
    const beforeSend = async (): Promise<void> => {
      if (!(await hold())) throw new NotSent();
      unsent.delete(row.row);
      inFlight.add(row.row);
    };
    // The answer is in and nothing more is sent for the row: the next row's request goes out before this
    // row's records are written (the provider's ledger, the developer log, then the journal and the results).
    const afterSend = (): void => {
      inFlight.delete(row.row);
      release?.();
    };
    const already = async (capture: { capture_id: string | null; captured_amount?: number }, reason: string): Promise<void> => {
      const unrecorded = await note(() => journal.found(key, orderId, capture.capture_id as string, now()));
      record(row, 'already_captured', { capture_id: capture.capture_id, ...(capture.captured_amount === undefined ? {} : { amount: capture.captured_amount }), attempts, reason: unrecorded ? `${reason}; ${unrecorded}` : reason });
    };
    try {
      const earlier = await journaled(() => journal.get(key));
      if (earlier?.state === 'captured') return already(earlier, 'captured by an earlier run');
      // Stopped while this row waited: nothing was claimed or sent; it is reported with the rows not reached.
      if (gated ? halting() : !(await hold())) return;
      // The order as last read: the plan's snapshot, or read again for a plan from a file (it may be old).
      let snapshot = takePlannedOrder(row);
      if (options.recheck) {
        // Nothing was sent yet: a failing read here fails the row (retryable by a re-run), it is not unknown.
        snapshot = await api.get(orderId);
        const found = existingCapture(snapshot, row.identity as NonNullable<PlanRow['identity']>);
        if (found) return already(found, 'found on the order');
      }
      const resends = options.resends ?? 0;
      for (let sent = 0; ; sent++) {
        const claim = await journaled(() => journal.claim(key, orderId, planned, now()));
        if (!claim.claimed) return already(claim.op, 'captured by another run');
        if (gated && !inFlight.has(row.row)) unsent.set(row.row, earlier?.state === 'sending' || earlier?.state === 'unknown');
        if (claim.takenOver) {
          // Another runner sent this row and stopped before recording the outcome: check the order first.
          if (!(await hold())) throw new NotSent();
          const taken = await lookup(row);
          if (taken) return already(taken, 'captured by another runner that stopped before recording it');
        }
        attempts++;
        const request = claim.op.request ?? planned;
        if (!gated) inFlight.add(row.row);
        try {
          // Only the first send may use the snapshot: after an unknown outcome the backend reads the order.
          const capture = await api.capture(orderId, request, { idempotencyKey: key, ...(sent === 0 && snapshot ? { snapshot } : {}), ...(gated ? { beforeSend, afterSend } : {}) });
          inFlight.delete(row.row);
          release?.();
          // The provider answered the identity's key with a capture of another amount: another command named
          // this reference first (after this run read the order). It is that capture, not one made now.
          if (capture.captured_amount !== request.captured_amount) return already(capture, 'captured by another command under the same capture reference');
          const unrecorded = await note(() => journal.finish(key, 'captured', { capture_id: capture.capture_id }, now()));
          return record(row, 'captured', { capture_id: capture.capture_id, amount: capture.captured_amount, attempts, reason: unrecorded });
        } catch (error) {
          if (!(error instanceof UnknownOutcomeError)) throw error;
          const found = await lookup(row);
          inFlight.delete(row.row);
          if (found) {
            const unrecorded = await note(() => journal.finish(key, 'captured', { capture_id: found.capture_id }, now()));
            return record(row, 'captured', { capture_id: found.capture_id, attempts, reason: unrecorded });
          }
          if (sent >= resends) {
            await note(() => journal.finish(key, 'unknown', { reason: error.message }, now()));
            return record(row, 'unknown', { attempts, reason: error.message });
          }
        } finally {
          inFlight.delete(row.row);
        }
      }
    } catch (error) {
      // Claimed but never sent: reported with the rows not reached (below), as a row that waited unclaimed is.
      if (error instanceof NotSent) return;
      if (error instanceof JournalLost) return record(row, 'failed', { attempts, reason: `not sent: ${error.message}` });
      if (error instanceof UnknownOutcomeError) {
        // Reconciliation itself could not reach the provider: we do not know whether the capture happened.
        await note(() => journal.finish(key, 'unknown', { reason: error.message }, now()));
        return record(row, 'unknown', { attempts, reason: error.message });
      }
      // A rejected key or the shared database gone fails every row alike: stop taking rows.
      if (error instanceof AuthError || error instanceof DatabaseUnavailableError) {
        stop.halted ??= error;
        slots.close();
      }
      if (error instanceof StateConflictError) {
        // Another run or process (other input, same order) may have made this very capture since we planned.
        // The read takes the row's slot, if a gated send had not taken it yet.
        const found = (await hold()) ? await lookup(row).catch(() => undefined) : undefined;
        if (found) return already(found, `captured by another run (${error.message})`);
      }
      // Before any send (a failed re-read) the journal keeps what it had: an open outcome stays open.
      if (attempts > 0) await note(() => journal.finish(key, 'failed', { reason: message(error) }, now()));
      return record(row, 'failed', { attempts, reason: message(error) });
    } finally {
      release?.();
    }
  };

  await forEachConcurrent(plan.rows.where(CAPTURABLE), () => workersFor(inFlightLimit()), captureRow, halting, options.abandon);
  // A row still waiting for a slot (the run stopped waiting for the rows in flight) never gets one now.
  slots.close();
  // Rows without a result: still in flight when the run stopped waiting (journaled `sending`, so the next
  // run checks them against the provider first), or never reached (nothing was sent for them).
  for (const row of plan.rows.unrecorded(CAPTURABLE)) {
    // Claimed but not sent: its journal row stays `sending` (the next run's plan reads the order anyway),
    // but this run reports what it did: nothing, unless an earlier run's outcome for it was open.
    const open = unsent.get(row.row);
    // Without the journal (it went away), this run's own record of requests still out decides.
    const state = open !== undefined ? (open ? 'unknown' : undefined) : row.idempotency_key && !stop.journalLost ? await journal.get(row.idempotency_key).then((op) => op?.state, () => undefined) : undefined;
    if (state === 'sending' || state === 'unknown' || inFlight.has(row.row)) record(row, 'unknown', { reason: 'still in flight when the run stopped; run it again to check it with the provider' });
    else record(row, 'not_attempted', { reason: stop.halted ? `not attempted: ${stop.halted.message}` : 'not attempted: the run was interrupted; run it again to finish' });
  }
  return { results: new RunResults(spool), halted: stop.halted };
}
