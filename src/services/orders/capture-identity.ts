/**
 * What one capture IS, whichever command names it (`orders capture <id>` or a bulk row), file, run,
 * process or day: the order plus the capture reference (the shipment's name), or — without a reference —
 * the order plus what it captures (an amount, some lines, or everything still authorized). The
 * idempotency key sent to the provider, the bulk journal's row and the check against the order's existing
 * captures all derive from this one identity, so a single command and a bulk row for the same shipment,
 * running at the same time, send the same key and the provider captures once.
 *
 * A deliberate further capture of content the order already has (`--another`) is a new identity: the
 * same content plus `repeat`, the number of such captures the order had when it was asked for. Two
 * concurrent `--another` of the same content from the same state therefore name one capture. A re-run of
 * an `--another` whose outcome was unknown must not count its own capture as an older one: it finds its
 * pending record (pending-operation.ts) and reconciles against the captures known before it was sent.
 *
 * Idempotency keys expire at the provider (Kustom keeps them about 24 hours), so the order's captures are
 * checked against the identity before anything is sent: a capture already made is recognised from the
 * provider's state alone, whichever journal, record (or none) saw it.
 */
import type { CaptureRequest } from '../../backends/backend.js';
import type { Capture, Order } from '../../domain/model/order.js';
import type { LineSelection } from '../../domain/order-line-selection.js';
import { operationKey } from './idempotency-key.js';
import { linesSignature } from './pending-operation.js';

export interface CaptureIdentity {
  order_id: string;
  /** The capture reference; when set it alone names the capture on its order. */
  reference: string | null;
  /** Minor units asked for; null with lines or for "everything still authorized". */
  amount: number | null;
  /** Lines asked for; null with an amount or for "everything still authorized". */
  lines: LineSelection[] | null;
  /** How many captures of this content the order had when a deliberate further one was asked for. */
  repeat?: number | undefined;
}

const linesText = (lines: readonly LineSelection[]): string =>
  lines
    .map((l) => `${l.reference}:${l.quantity ?? '*'}`)
    .sort()
    .join(',');

/**
 * The idempotency key (and journal key) of the capture this identity names. The `bulk-capture` tag is
 * part of every key: journals and plan files already hold keys derived with it.
 */
export function identityKey(id: CaptureIdentity): string {
  const repeat = id.repeat !== undefined && id.repeat > 0 ? ['repeat', id.repeat] : [];
  if (id.reference !== null) return operationKey(['bulk-capture', id.order_id, 'reference', id.reference]);
  if (id.amount !== null) return operationKey(['bulk-capture', id.order_id, 'amount', id.amount, ...repeat]);
  if (id.lines !== null && id.lines.length > 0) return operationKey(['bulk-capture', id.order_id, 'lines', linesText(id.lines), ...repeat]);
  return operationKey(['bulk-capture', id.order_id, 'full']);
}

function sameLines(capture: Capture, lines: readonly LineSelection[]): boolean {
  if (capture.order_lines.length !== lines.length) return false;
  return lines.every((want) => capture.order_lines.some((l) => l.reference === want.reference && (want.quantity === undefined || l.quantity === want.quantity)));
}

/**
 * Every capture on `order` with this identity's content (the `repeat` aside): the one with the reference;
 * captures without reference of the same amount and no lines (what an amount capture makes), or of the
 * same lines; for "everything", the last capture of an order with nothing left to capture.
 */
export function capturesOf(order: Order, id: CaptureIdentity): Capture[] {
  if (id.reference !== null) return order.captures.filter((c) => c.reference === id.reference);
  if (id.amount !== null) return order.captures.filter((c) => c.reference === null && c.captured_amount === id.amount && c.order_lines.length === 0);
  if (id.lines !== null && id.lines.length > 0) {
    const lines = id.lines;
    return order.captures.filter((c) => c.reference === null && sameLines(c, lines));
  }
  if (order.remaining_authorized_amount > 0 || order.captured_amount === 0) return [];
  return order.captures.slice(-1);
}

/** The capture on `order` that already is this identity's capture, if any. */
export function existingCapture(order: Order, id: CaptureIdentity): Capture | undefined {
  const found = capturesOf(order, id);
  // A deliberate repeat is made once the order holds more captures of the content than it had then.
  if (id.repeat !== undefined && id.repeat > 0) return found.length > id.repeat ? found[found.length - 1] : undefined;
  return found[0];
}

/** The capture made by `request` among the order's captures, leaving out those that existed before it was sent. */
export function matchingCapture(order: Order, request: CaptureRequest, knownIds: readonly string[]): Capture | undefined {
  return order.captures.find(
    (c) =>
      !knownIds.includes(c.capture_id) &&
      c.captured_amount === request.captured_amount &&
      (c.reference ?? undefined) === (request.reference ?? undefined) &&
      (!request.order_lines || request.order_lines.length === 0 || linesSignature(c.order_lines) === linesSignature(request.order_lines)),
  );
}
