/**
 * What one bulk-capture row IS, independent of the file or run it came in: the order plus the capture
 * reference (the shipment's name), or — without a reference — the order plus what the row captures (an
 * amount, some lines, or everything still authorized). Both the idempotency key sent to the provider and
 * the journal row are derived from this identity, so a grown, re-ordered or split input, another process
 * or another day names the same capture the same way.
 *
 * Idempotency keys expire at the provider (Kustom keeps them about 24 hours), so the order's existing
 * captures are checked against the same identity before anything is sent: a shipment already captured is
 * recognised from the provider's state alone, whichever journal (or none) saw it.
 */
import type { Capture, Order } from '../../../backends/backend.js';
import type { LineSelection } from '../../../domain/order-line-selection.js';
import { operationKey } from '../idempotency-key.js';

export interface CaptureIdentity {
  order_id: string;
  /** The row's capture reference; when set it alone names the capture on its order. */
  reference: string | null;
  /** Minor units asked for; null with lines or for "everything still authorized". */
  amount: number | null;
  /** Lines asked for; null with an amount or for "everything still authorized". */
  lines: LineSelection[] | null;
}

const linesText = (lines: readonly LineSelection[]): string =>
  lines
    .map((l) => `${l.reference}:${l.quantity ?? '*'}`)
    .sort()
    .join(',');

/** The idempotency key (and journal key) of the capture this identity names. */
export function identityKey(id: CaptureIdentity): string {
  if (id.reference !== null) return operationKey(['bulk-capture', id.order_id, 'reference', id.reference]);
  if (id.amount !== null) return operationKey(['bulk-capture', id.order_id, 'amount', id.amount]);
  if (id.lines !== null && id.lines.length > 0) return operationKey(['bulk-capture', id.order_id, 'lines', linesText(id.lines)]);
  return operationKey(['bulk-capture', id.order_id, 'full']);
}

function sameLines(capture: Capture, lines: readonly LineSelection[]): boolean {
  if (capture.order_lines.length !== lines.length) return false;
  return lines.every((want) => capture.order_lines.some((l) => l.reference === want.reference && (want.quantity === undefined || l.quantity === want.quantity)));
}

/**
 * The capture on `order` that already is this identity's capture, if any: the one with the reference; a
 * capture without reference of the same amount or the same lines; for "everything", the last capture of
 * an order with nothing left to capture.
 */
export function existingCapture(order: Order, id: CaptureIdentity): Capture | undefined {
  if (id.reference !== null) return order.captures.find((c) => c.reference === id.reference);
  if (id.amount !== null) return order.captures.find((c) => c.reference === null && c.captured_amount === id.amount);
  if (id.lines !== null && id.lines.length > 0) {
    const lines = id.lines;
    return order.captures.find((c) => c.reference === null && sameLines(c, lines));
  }
  if (order.remaining_authorized_amount > 0 || order.captured_amount === 0) return undefined;
  return order.captures[order.captures.length - 1];
}
