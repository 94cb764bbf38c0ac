/**
 * A single `orders capture` or `orders refund` whose outcome was unknown (exit 6) must, when the same
 * command is run again, return the first result rather than refuse it ("fully captured") or — worse —
 * compute a new request with a new key from the changed order. So the request and its idempotency key are
 * recorded under the *intent* (the order and the flags as typed) before sending, and forgotten once the
 * provider answers. A re-run finds the record and re-sends exactly that request with that key: the
 * provider returns the first result, or, if the first never arrived, acts now, once. One file per intent,
 * so concurrent commands never share a write.
 *
 * This is also what lets a key include the order's state before the operation (captured/refunded so far):
 * two separate 100.00 captures on one order are two operations with two keys, while a retry of one of
 * them is the same operation with the same key.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { operationKey } from './idempotency-key.js';

export type PendingKind = 'capture' | 'refund';

export interface PendingOperation<R> {
  order_id: string;
  idempotency_key: string;
  request: R;
}

/** The flags as typed, which identify "the same command" across runs. */
export type IntentParts = Record<string, string | number | readonly string[] | undefined>;

export function intentId(kind: PendingKind, orderId: string, parts: IntentParts): string {
  const normalized = Object.keys(parts)
    .sort()
    .map((k) => {
      const v = parts[k];
      return [k, Array.isArray(v) ? v.join('|') : (v as string | number | undefined) ?? null];
    });
  return operationKey([`${kind}-intent`, orderId, JSON.stringify(normalized)]);
}

const folderOf = (dataDir: string, kind: PendingKind): string => join(dataDir, kind === 'capture' ? 'pending-captures' : 'pending-refunds');
const fileOf = (dataDir: string, kind: PendingKind, intent: string): string => join(folderOf(dataDir, kind), `${intent}.json`);

export function readPending<R>(dataDir: string, kind: PendingKind, intent: string): PendingOperation<R> | undefined {
  try {
    return JSON.parse(readFileSync(fileOf(dataDir, kind, intent), 'utf8')) as PendingOperation<R>;
  } catch {
    return undefined;
  }
}

export function writePending<R>(dataDir: string, kind: PendingKind, intent: string, pending: PendingOperation<R>): void {
  mkdirSync(folderOf(dataDir, kind), { recursive: true, mode: 0o700 });
  const target = fileOf(dataDir, kind, intent);
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(pending), { mode: 0o600 });
  renameSync(temp, target);
}

export function clearPending(dataDir: string, kind: PendingKind, intent: string): void {
  rmSync(fileOf(dataDir, kind, intent), { force: true });
}

/**
 * Sends once with the record kept while the outcome is open: written before sending, removed on any
 * definite answer (success or refusal), kept only when the outcome is unknown.
 */
export async function sendRecorded<R, T>(
  dataDir: string | undefined,
  kind: PendingKind,
  intent: string,
  pending: PendingOperation<R>,
  send: () => Promise<T>,
  isUnknown: (error: unknown) => boolean,
): Promise<T> {
  if (dataDir !== undefined) writePending(dataDir, kind, intent, pending);
  try {
    const result = await send();
    if (dataDir !== undefined) clearPending(dataDir, kind, intent);
    return result;
  } catch (error) {
    if (dataDir !== undefined && !isUnknown(error)) clearPending(dataDir, kind, intent);
    throw error;
  }
}
