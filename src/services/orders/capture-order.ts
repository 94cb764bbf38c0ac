/**
 * `orders capture <id>`: prepared (read + checked locally) first so the CLI can confirm with the exact
 * amount, then sent once under a recorded intent (pending-operation.ts). Retries belong to the backend's
 * transport; this layer never re-sends. A capture is named by its identity (capture-identity.ts), the
 * same one a bulk row of the same shipment has, so both send the same idempotency key:
 *   - with a capture reference: the order and the reference. The same reference again is the same capture
 *     (reported as already captured, nothing sent); with another amount it is refused.
 *   - without one: the order and the content (an amount, or lines). A second capture of that content on an
 *     order that already has one is refused unless asked for with `--another` (or given its own
 *     reference): otherwise a re-run could not be told from a new capture.
 *   - a full capture (no amount, no lines) takes what remains, so it cannot happen twice.
 */
import type { Backend, CaptureRequest } from '../../backends/backend.js';
import type { Capture, Order } from '../../domain/model/order.js';
import { StateConflictError, UsageError } from '../../errors.js';
import { formatMoney, parseAmount } from '../../domain/money.js';
import { parseLineSelection } from '../../domain/order-line-selection.js';
import type { CaptureIntent } from './capture-request.js';
import { buildCaptureRequest } from './capture-request.js';
import { capturesOf, identityKey, matchingCapture, type CaptureIdentity } from './capture-identity.js';
import { ordersApi, resolveOrder } from './orders-api.js';
import { intentId, pendingRecordOf, sendRecorded, settle } from './pending-operation.js';
import type { PendingStore } from './pending-store.js';

export interface PreparedCapture {
  order: Order;
  request: CaptureRequest;
  idempotencyKey: string;
  /** The intent (order + flags as typed) under which the request is recorded while its outcome is open. */
  intent: string;
  /** True when this re-sends the request of an earlier run whose outcome was unknown. */
  resumed: boolean;
  /** Captures the order had when this request was computed (a match outside them is this request's). */
  knownIds: string[];
  /** Set when the capture already exists at the provider: nothing is sent. */
  existing?: { capture: Capture; why: 'reconciled' | 'same_reference' };
}

/** As typed on the command line: the amount is parsed in the order's currency once the order is read. */
export interface CaptureFlags extends Omit<CaptureIntent, 'amount' | 'lines'> {
  amount?: string | undefined;
  lines?: string[] | undefined;
  /** A deliberate further capture of the same content as one the order already has. */
  another?: boolean | undefined;
}

/** A reference names one shipment: used by a capture of another amount, it cannot name this one. */
function referenceTaken(order: Order, used: Capture): StateConflictError {
  return new StateConflictError(
    `Capture reference ${JSON.stringify(used.reference)} is already used on order ${order.order_id} (capture ${used.capture_id}, ${formatMoney(used.captured_amount, order.purchase_currency)}).`,
    { hint: 'A reference names one shipment: give this capture its own --reference.', details: { capture_id: used.capture_id } },
  );
}

function sameReference(order: Order, identity: CaptureIdentity, amount: number | undefined): Capture | undefined {
  const [used] = capturesOf(order, identity);
  if (!used) return undefined;
  if (amount !== undefined && used.captured_amount !== amount) throw referenceTaken(order, used);
  return used;
}

export async function prepareCapture(backend: Backend, idOrReference: string, flags: CaptureFlags, storeId?: string, pendingStore?: PendingStore): Promise<PreparedCapture> {
  const api = ordersApi(backend, 'orders.capture', 'capture orders');
  const lines = flags.lines?.map((l) => parseLineSelection(l));
  if (flags.amount !== undefined && lines && lines.length > 0) throw new UsageError('Give either --amount or --line, not both.');
  const order = await resolveOrder(api, idOrReference, storeId);
  const amount = flags.amount === undefined ? undefined : parseAmount(flags.amount, order.purchase_currency, { field: '--amount', allowZero: false });
  const intent = intentId('capture', order.order_id, {
    amount,
    lines: flags.lines,
    reference: flags.reference,
    description: flags.description,
    carrier: flags.carrier,
    trackingNumber: flags.trackingNumber,
    trackingUrl: flags.trackingUrl,
    another: flags.another === true ? true : undefined,
  });
  const knownIds = order.captures.map((c) => c.capture_id);
  // An earlier run of this very command ended with an unknown outcome: the order's state decides first
  // (the capture is there → done), else the recorded request is re-sent with its recorded key.
  const pending = await pendingStore?.read<CaptureRequest>('capture', intent);
  if (pending && pending.order_id === order.order_id) {
    const found = matchingCapture(order, pending.request, pending.known_ids ?? []);
    const base = { order, request: pending.request, idempotencyKey: pending.idempotency_key, intent, resumed: true, knownIds: pending.known_ids ?? [] };
    return found ? { ...base, existing: { capture: found, why: 'reconciled' } } : base;
  }
  const identity: CaptureIdentity = { order_id: order.order_id, reference: flags.reference ?? null, amount: amount ?? null, lines: lines && lines.length > 0 ? lines : null };
  if (identity.reference !== null) {
    const used = sameReference(order, identity, amount);
    if (used) {
      const request: CaptureRequest = { captured_amount: used.captured_amount, reference: identity.reference };
      return { order, request, idempotencyKey: identityKey(identity), intent, resumed: false, knownIds, existing: { capture: used, why: 'same_reference' } };
    }
  }
  const request = buildCaptureRequest(order, { ...flags, amount, lines }, backend.clock.now());
  // A full capture takes what remains (nothing remains once it is made); a referenced one is named above.
  const twins = identity.reference !== null || (identity.amount === null && identity.lines === null) ? [] : capturesOf(order, identity);
  if (twins.length > 0 && flags.another !== true) {
    const first = twins[0] as Capture;
    throw new StateConflictError(
      `Order ${order.order_id} already has a capture of ${formatMoney(request.captured_amount, order.purchase_currency)} (capture ${first.capture_id}, ${first.captured_at}); nothing was sent, so this cannot capture twice.`,
      {
        hint: `If that capture is this one, there is nothing to do. To capture another ${formatMoney(request.captured_amount, order.purchase_currency)} on purpose, add --another, or give the capture its own --reference.`,
        details: { capture_id: first.capture_id },
      },
    );
  }
  const key = identityKey(flags.another === true ? { ...identity, repeat: twins.length } : identity);
  return { order, request, idempotencyKey: key, intent, resumed: false, knownIds };
}

/** The write in words, for the live-write banner and the confirmation: "capture 120.00 SEK on order 123". */
export const captureAction = (prepared: PreparedCapture): string =>
  `capture ${formatMoney(prepared.request.captured_amount, prepared.order.purchase_currency)} on order ${prepared.order.order_id}`;

export interface CaptureOutcome {
  capture: Capture;
  /** `captured`: made now; `already_captured`: it existed (found after an unknown outcome, or by reference). */
  status: 'captured' | 'already_captured';
}

export async function executeCapture(backend: Backend, prepared: PreparedCapture, pendingStore?: PendingStore): Promise<CaptureOutcome> {
  if (prepared.existing) {
    if (prepared.resumed) await settle(pendingStore, 'capture', prepared.intent);
    return { capture: prepared.existing.capture, status: 'already_captured' };
  }
  const api = ordersApi(backend, 'orders.capture', 'capture orders');
  const orderId = prepared.order.order_id;
  const record = pendingRecordOf(prepared, backend.clock.now());
  const capture = await sendRecorded(pendingStore, 'capture', prepared.intent, record, `capture on order ${orderId}`, () =>
    api.capture(orderId, prepared.request, {
      idempotencyKey: prepared.idempotencyKey,
      target: prepared.order.store_id,
      action: captureAction(prepared),
    }),
  );
  // The key is the reference's: another command naming it (another amount) sent first, and the provider
  // answered with that capture. This command moved nothing; it is refused as if it had read that first.
  if (capture.captured_amount !== prepared.request.captured_amount) throw referenceTaken(prepared.order, capture);
  return { capture, status: 'captured' };
}
