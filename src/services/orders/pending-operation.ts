/**
 * The durable intent of a single money-moving command (capture, refund, cancel, release). Before the
 * request is sent, the operation, order, request (amount, lines, reference), idempotency key, the
 * captures/refunds the order already had and the time are written to a file under the *intent* (the
 * order and the flags as typed), synced to disk. The file is removed once the outcome is known (the
 * provider answered, or refused); it stays when the outcome is unknown (exit 6).
 *
 * Running the same command again finds the record and reconciles before anything is sent: the order is
 * re-read, and a capture/refund that was not there before the first send and matches the recorded
 * request (amount, reference, lines) is the result — reported as done, nothing sent. Only when the order
 * shows no such effect is the recorded request re-sent with its recorded key. State comes first because
 * Kustom honours an idempotency key for about 24 hours only. Where the records live is the PendingStore's
 * concern (pending-store.ts): files on this machine, or the shared database so another machine reconciles.
 */
import type { OrderLine } from '../../domain/order-lines.js';
import { isMerchantError, UnknownOutcomeError } from '../../errors.js';
import { operationKey } from './idempotency-key.js';
import type { PendingStore } from './pending-store.js';

export type PendingKind = 'capture' | 'refund' | 'cancel' | 'release';

export interface PendingOperation<R> {
  order_id: string;
  idempotency_key: string;
  request: R;
  /** IDs of the captures (capture) or refunds (refund) the order had before the first send. */
  known_ids?: string[];
  /** When the request was first sent (ISO time). */
  sent_at?: string;
}

/** The record of a capture or refund about to be sent for the first time. */
export function pendingRecordOf<R>(prepared: { order: { order_id: string }; request: R; idempotencyKey: string; knownIds: string[] }, now: Date): PendingOperation<R> {
  return { order_id: prepared.order.order_id, idempotency_key: prepared.idempotencyKey, request: prepared.request, known_ids: prepared.knownIds, sent_at: now.toISOString() };
}

/** The flags as typed, which identify "the same command" across runs. */
export type IntentParts = Record<string, string | number | boolean | readonly string[] | undefined>;

export function intentId(kind: PendingKind, orderId: string, parts: IntentParts): string {
  const normalized = Object.keys(parts)
    .sort()
    .map((k) => {
      const v = parts[k];
      return [k, Array.isArray(v) ? v.join('|') : (v as string | number | boolean | undefined) ?? null];
    });
  return operationKey([`${kind}-intent`, orderId, JSON.stringify(normalized)]);
}

/** Refusals and failures that prove the request had no effect; anything else may have reached the provider. */
const DEFINITE = new Set(['usage', 'validation', 'not_found', 'state_conflict', 'auth', 'rate_limited', 'transient', 'api', 'config', 'cancelled']);

/**
 * Sends with the record kept while the outcome is open: written (synced) before sending, removed on a
 * definite answer. Any other failure keeps it and is reported as an unknown outcome (exit 6).
 */
export async function sendRecorded<R, T>(
  store: PendingStore | undefined,
  kind: PendingKind,
  intent: string,
  pending: PendingOperation<R>,
  what: string,
  send: () => Promise<T>,
): Promise<T> {
  // Not recorded, not sent: a store that cannot be written (the database is gone) stops here.
  await store?.write(kind, intent, pending);
  try {
    const result = await send();
    await settle(store, kind, intent);
    return result;
  } catch (error) {
    if (isMerchantError(error) && DEFINITE.has(error.kind)) {
      await settle(store, kind, intent);
      throw error;
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new UnknownOutcomeError(`${what}: the outcome is unknown (${reason}).`, {
      hint: 'Run the same command again: it checks the order first and never acts twice (the intent is recorded, the request keeps its idempotency key). Or check with: merchant orders show <order>',
      details: { idempotencyKey: pending.idempotency_key, order: pending.order_id },
      cause: error,
    });
  }
}

/**
 * Removes a record once the outcome is known. If that fails (the database went away after the answer),
 * the answer still stands: a record left behind only makes the next run of the command check the order
 * first, which finds the effect and sends nothing.
 */
export async function settle(store: PendingStore | undefined, kind: PendingKind, intent: string): Promise<void> {
  await store?.clear(kind, intent).catch(() => undefined);
}

/** Line references and quantities, order-independent, for telling one capture/refund request from another. */
export function linesSignature(lines: readonly Pick<OrderLine, 'reference' | 'quantity' | 'type'>[] | undefined): string {
  return (lines ?? [])
    .filter((l) => (l.type as string) !== 'return_fee')
    .map((l) => `${l.reference}:${l.quantity}`)
    .sort()
    .join(',');
}
