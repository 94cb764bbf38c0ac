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
 * Kustom honours an idempotency key for about 24 hours only. One file per intent, so concurrent commands
 * never share a write.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { OrderLine } from '../../domain/order-lines.js';
import { isMerchantError, UnknownOutcomeError } from '../../errors.js';
import { operationKey } from './idempotency-key.js';
import { writeFileAtomicSync } from '../../infra/atomic-file.js';

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

const FOLDERS: Record<PendingKind, string> = { capture: 'pending-captures', refund: 'pending-refunds', cancel: 'pending-cancels', release: 'pending-releases' };
const folderOf = (dataDir: string, kind: PendingKind): string => join(dataDir, FOLDERS[kind]);
const fileOf = (dataDir: string, kind: PendingKind, intent: string): string => join(folderOf(dataDir, kind), `${intent}.json`);

export function readPending<R>(dataDir: string, kind: PendingKind, intent: string): PendingOperation<R> | undefined {
  try {
    return JSON.parse(readFileSync(fileOf(dataDir, kind, intent), 'utf8')) as PendingOperation<R>;
  } catch {
    return undefined;
  }
}

/** Written to a temporary file, synced, then renamed: a crash leaves the old record or the new one. */
export function writePending<R>(dataDir: string, kind: PendingKind, intent: string, pending: PendingOperation<R>): void {
  mkdirSync(folderOf(dataDir, kind), { recursive: true, mode: 0o700 });
  const target = fileOf(dataDir, kind, intent);
  writeFileAtomicSync(target, JSON.stringify(pending), { mode: 0o600 });
}

export function clearPending(dataDir: string, kind: PendingKind, intent: string): void {
  rmSync(fileOf(dataDir, kind, intent), { force: true });
  removeOrphanedTemps(dataDir, kind, intent);
}

/**
 * A process killed between writing its temporary record and renaming it leaves
 * `.<intent>.json.<pid>.<random>.tmp` (its request was never sent). Removed once that process is gone; a live one may be about to rename it.
 */
function removeOrphanedTemps(dataDir: string, kind: PendingKind, intent: string): void {
  let names: string[];
  try {
    names = readdirSync(folderOf(dataDir, kind));
  } catch {
    return;
  }
  const prefix = `.${intent}.json.`;
  for (const name of names) {
    const pid = Number(/^(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length))?.[1]);
    if (!name.startsWith(prefix) || !Number.isSafeInteger(pid) || processAlive(pid)) continue;
    rmSync(join(folderOf(dataDir, kind), name), { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Refusals and failures that prove the request had no effect; anything else may have reached the provider. */
const DEFINITE = new Set(['usage', 'validation', 'not_found', 'state_conflict', 'auth', 'rate_limited', 'transient', 'api', 'config', 'cancelled']);

/**
 * Sends with the record kept while the outcome is open: written (synced) before sending, removed on a
 * definite answer. Any other failure keeps it and is reported as an unknown outcome (exit 6).
 */
export async function sendRecorded<R, T>(
  dataDir: string | undefined,
  kind: PendingKind,
  intent: string,
  pending: PendingOperation<R>,
  what: string,
  send: () => Promise<T>,
): Promise<T> {
  if (dataDir !== undefined) writePending(dataDir, kind, intent, pending);
  try {
    const result = await send();
    if (dataDir !== undefined) clearPending(dataDir, kind, intent);
    return result;
  } catch (error) {
    if (isMerchantError(error) && DEFINITE.has(error.kind)) {
      if (dataDir !== undefined) clearPending(dataDir, kind, intent);
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

/** Line references and quantities, order-independent, for telling one capture/refund request from another. */
export function linesSignature(lines: readonly Pick<OrderLine, 'reference' | 'quantity' | 'type'>[] | undefined): string {
  return (lines ?? [])
    .filter((l) => (l.type as string) !== 'return_fee')
    .map((l) => `${l.reference}:${l.quantity}`)
    .sort()
    .join(',');
}
