/**
 * A single `orders capture` whose outcome was unknown (exit 6) must, when the same command is run again,
 * return the first capture rather than refuse it as "already captured" or compute a new request from the
 * changed order. The request and its idempotency key are recorded under the *intent* (the order and the
 * flags as typed) before sending and forgotten once the provider answers. A re-run finds the record and
 * re-sends exactly that request with that key: the provider returns the first result, or — if the first
 * never arrived — acts now, once. Files, one per intent, so concurrent commands never share a write.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaptureRequest } from '../../backends/backend.js';
import { operationKey } from './idempotency-key.js';

export interface PendingCapture {
  order_id: string;
  idempotency_key: string;
  request: CaptureRequest;
}

export interface CaptureIntentParts {
  amount?: number | undefined;
  lines?: readonly string[] | undefined;
  reference?: string | undefined;
  description?: string | undefined;
  carrier?: string | undefined;
  trackingNumber?: string | undefined;
  trackingUrl?: string | undefined;
}

export function captureIntentId(orderId: string, parts: CaptureIntentParts): string {
  return operationKey(['capture-intent', orderId, parts.amount, (parts.lines ?? []).join('|'), parts.reference, parts.description, parts.carrier, parts.trackingNumber, parts.trackingUrl]);
}

const fileOf = (dataDir: string, intent: string): string => join(dataDir, 'pending-captures', `${intent}.json`);

export function readPendingCapture(dataDir: string, intent: string): PendingCapture | undefined {
  try {
    return JSON.parse(readFileSync(fileOf(dataDir, intent), 'utf8')) as PendingCapture;
  } catch {
    return undefined;
  }
}

export function writePendingCapture(dataDir: string, intent: string, pending: PendingCapture): void {
  mkdirSync(join(dataDir, 'pending-captures'), { recursive: true, mode: 0o700 });
  const target = fileOf(dataDir, intent);
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(pending), { mode: 0o600 });
  renameSync(temp, target);
}

export function clearPendingCapture(dataDir: string, intent: string): void {
  rmSync(fileOf(dataDir, intent), { force: true });
}
