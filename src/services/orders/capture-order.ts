/**
 * `orders capture <id>`: prepared (read + checked locally) first so the CLI can confirm with the exact
 * amount, then sent with an idempotency key derived from the operation. A timeout after sending is
 * resolved by sending the same request with the same key again (the provider answers with the first
 * result) — never with a new key.
 */
import type { Backend, Capture, CaptureRequest, Order } from '../../backends/backend.js';
import { UnknownOutcomeError, UsageError } from '../../errors.js';
import { parseAmount } from '../../domain/money.js';
import { parseLineSelection } from '../../domain/order-line-selection.js';
import type { CaptureIntent } from './capture-request.js';
import { buildCaptureRequest } from './capture-request.js';
import { operationKey } from './idempotency-key.js';
import { ordersApi, resolveOrder } from './orders-api.js';
import { withRetry } from './retry.js';
import { intentId, readPending, sendRecorded } from './pending-operation.js';

export interface PreparedCapture {
  order: Order;
  request: CaptureRequest;
  idempotencyKey: string;
  /** The intent (order + flags as typed) under which the request is recorded while its outcome is open. */
  intent: string;
  /** True when this re-sends the request of an earlier run whose outcome was unknown. */
  resumed: boolean;
}

/**
 * The key of one logical capture. With a capture reference, the reference names the shipment and so
 * the operation. Without one, `prior` (the order's capture state the request was computed from) tells a
 * second, separate 100.00 capture (new key) from a retry (same key; a re-run after an unknown outcome
 * re-sends the recorded request with its recorded key). Bulk runs pass their run ID (their journal keeps
 * one row per order per run).
 */
export function captureKey(orderId: string, request: CaptureRequest, runId = '', prior?: { captured_amount: number; captures: number }): string {
  const lines = (request.order_lines ?? []).map((l) => `${l.reference}:${l.quantity}`).join(',');
  const state = prior ? `${prior.captured_amount}/${prior.captures}` : '';
  return operationKey(['capture', orderId, request.captured_amount, lines, request.reference ?? '', runId, state]);
}

/** As typed on the command line: the amount is parsed in the order's currency once the order is read. */
export interface CaptureFlags extends Omit<CaptureIntent, 'amount' | 'lines'> {
  amount?: string | undefined;
  lines?: string[] | undefined;
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
  });
  // An earlier run of this very command ended with an unknown outcome: re-send its request with its key
  // (the provider answers with the first capture), instead of checking against the order as it is now.
  const pending = dataDir === undefined ? undefined : readPending<CaptureRequest>(dataDir, 'capture', intent);
  if (pending && pending.order_id === order.order_id) return { order, request: pending.request, idempotencyKey: pending.idempotency_key, intent, resumed: true };
  const request = buildCaptureRequest(order, { ...flags, amount, lines }, backend.clock.now());
  // A capture reference names the shipment, so it alone identifies the operation (running the same command
  // again returns the first capture). Without one, the order's state tells one capture from the next.
  const prior = request.reference ? undefined : { captured_amount: order.captured_amount, captures: order.captures.length };
  return { order, request, idempotencyKey: captureKey(order.order_id, request, '', prior), intent, resumed: false };
}

/** Sends a money-moving request; transient failures are retried and unknown outcomes re-sent with the same key. */
export async function sendWithSameKey<T>(send: () => Promise<T>, what: string, resends = 3): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await withRetry(send);
    } catch (error) {
      if (!(error instanceof UnknownOutcomeError) || i >= resends) {
        if (error instanceof UnknownOutcomeError) {
          throw new UnknownOutcomeError(`${what}: the outcome is unknown (${error.message}).`, {
            hint: 'Check with merchant orders show <order>. Running the same command again cannot act twice: it carries the same idempotency key.',
            cause: error,
          });
        }
        throw error;
      }
    }
  }
}

export async function executeCapture(backend: Backend, prepared: PreparedCapture, dataDir?: string): Promise<Capture> {
  const api = ordersApi(backend, 'orders.capture', 'capture orders');
  return sendRecorded(
    dataDir,
    'capture',
    prepared.intent,
    { order_id: prepared.order.order_id, idempotency_key: prepared.idempotencyKey, request: prepared.request },
    () => sendWithSameKey(() => api.capture(prepared.order.order_id, prepared.request, { idempotencyKey: prepared.idempotencyKey }), `capture on order ${prepared.order.order_id}`),
    (error) => error instanceof UnknownOutcomeError,
  );
}
