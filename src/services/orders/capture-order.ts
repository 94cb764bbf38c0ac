/**
 * `orders capture <id>`: prepared (read + checked locally) first so the CLI can confirm with the exact
 * amount, then sent once under a recorded intent (pending-operation.ts). Retries belong to the backend's
 * transport; this layer never re-sends. What identifies a capture:
 *   - with a capture reference: the order and the reference. The same reference again is the same capture
 *     (reported as already captured, nothing sent); with another amount it is refused.
 *   - without one: the order and the content (amount, lines). A second capture of exactly that content
 *     (same amount and same lines, or same amount and no lines) on an order that already has one is refused unless asked for with `--another` (or given its own
 *     reference): otherwise a re-run could not be told from a new capture.
 *   - a full capture (no amount, no lines) takes what remains, so it cannot happen twice.
 */
import type { Backend, Capture, CaptureRequest, Order } from '../../backends/backend.js';
import { StateConflictError, UsageError } from '../../errors.js';
import { formatMoney, parseAmount } from '../../domain/money.js';
import { parseLineSelection } from '../../domain/order-line-selection.js';
import type { CaptureIntent } from './capture-request.js';
import { buildCaptureRequest } from './capture-request.js';
import { operationKey } from './idempotency-key.js';
import { ordersApi, resolveOrder } from './orders-api.js';
import { clearPending, intentId, linesSignature, readPending, sendRecorded, type PendingOperation } from './pending-operation.js';

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

/**
 * The key of one logical capture, from its business identity: the order, the content and the reference.
 * `scope` tells deliberate repeats apart (`another:<n>`); bulk runs pass their own scope.
 */
export function captureKey(orderId: string, request: CaptureRequest, scope = ''): string {
  return operationKey(['capture', orderId, request.captured_amount, linesSignature(request.order_lines), request.reference ?? '', scope]);
}

/** The capture made by `request` among the order's captures, leaving out those that existed before. */
export function matchingCapture(order: Order, request: CaptureRequest, knownIds: readonly string[]): Capture | undefined {
  return order.captures.find(
    (c) =>
      !knownIds.includes(c.capture_id) &&
      c.captured_amount === request.captured_amount &&
      (c.reference ?? undefined) === (request.reference ?? undefined) &&
      (!request.order_lines || request.order_lines.length === 0 || linesSignature(c.order_lines) === linesSignature(request.order_lines)),
  );
}

/** As typed on the command line: the amount is parsed in the order's currency once the order is read. */
export interface CaptureFlags extends Omit<CaptureIntent, 'amount' | 'lines'> {
  amount?: string | undefined;
  lines?: string[] | undefined;
  /** A deliberate further capture of the same content as one the order already has. */
  another?: boolean | undefined;
}

function sameReference(order: Order, reference: string, amount: number | undefined): Capture | undefined {
  const used = order.captures.find((c) => c.reference === reference);
  if (!used) return undefined;
  if (amount !== undefined && used.captured_amount !== amount) {
    throw new StateConflictError(
      `Capture reference ${JSON.stringify(reference)} is already used on order ${order.order_id} (capture ${used.capture_id}, ${formatMoney(used.captured_amount, order.purchase_currency)}).`,
      { hint: 'A reference names one shipment: give this capture its own --reference.', details: { capture_id: used.capture_id } },
    );
  }
  return used;
}

export async function prepareCapture(backend: Backend, idOrReference: string, flags: CaptureFlags, storeId?: string, dataDir?: string): Promise<PreparedCapture> {
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
  const pending = dataDir === undefined ? undefined : readPending<CaptureRequest>(dataDir, 'capture', intent);
  if (pending && pending.order_id === order.order_id) {
    const found = matchingCapture(order, pending.request, pending.known_ids ?? []);
    const base = { order, request: pending.request, idempotencyKey: pending.idempotency_key, intent, resumed: true, knownIds: pending.known_ids ?? [] };
    return found ? { ...base, existing: { capture: found, why: 'reconciled' } } : base;
  }
  if (flags.reference !== undefined) {
    const used = sameReference(order, flags.reference, amount);
    if (used) {
      const request: CaptureRequest = { captured_amount: used.captured_amount, reference: flags.reference };
      return { order, request, idempotencyKey: captureKey(order.order_id, request), intent, resumed: false, knownIds, existing: { capture: used, why: 'same_reference' } };
    }
  }
  const request = buildCaptureRequest(order, { ...flags, amount, lines }, backend.clock.now());
  const explicit = amount !== undefined || (lines !== undefined && lines.length > 0);
  const twins = request.reference || !explicit ? [] : order.captures.filter((c) => c.captured_amount === request.captured_amount && linesSignature(c.order_lines) === linesSignature(request.order_lines));
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
  const scope = flags.another === true ? `another:${twins.length}` : '';
  return { order, request, idempotencyKey: captureKey(order.order_id, request, scope), intent, resumed: false, knownIds };
}

export interface CaptureOutcome {
  capture: Capture;
  /** `captured`: made now; `already_captured`: it existed (found after an unknown outcome, or by reference). */
  status: 'captured' | 'already_captured';
}

export async function executeCapture(backend: Backend, prepared: PreparedCapture, dataDir?: string): Promise<CaptureOutcome> {
  if (prepared.existing) {
    if (prepared.resumed && dataDir !== undefined) clearPending(dataDir, 'capture', prepared.intent);
    return { capture: prepared.existing.capture, status: 'already_captured' };
  }
  const api = ordersApi(backend, 'orders.capture', 'capture orders');
  const orderId = prepared.order.order_id;
  const record: PendingOperation<CaptureRequest> = {
    order_id: orderId,
    idempotency_key: prepared.idempotencyKey,
    request: prepared.request,
    known_ids: prepared.knownIds,
    sent_at: backend.clock.now().toISOString(),
  };
  const capture = await sendRecorded(dataDir, 'capture', prepared.intent, record, `capture on order ${orderId}`, () =>
    api.capture(orderId, prepared.request, {
      idempotencyKey: prepared.idempotencyKey,
      target: prepared.order.store_id,
      action: `capture ${formatMoney(prepared.request.captured_amount, prepared.order.purchase_currency)} on order ${orderId}`,
    }),
  );
  return { capture, status: 'captured' };
}
