/**
 * `orders refund <id>`: by lines (amount = those lines) or by amount, with an optional return fee that
 * is kept back from the refund (sent as a `return_fee` line, so the settlement shows it). Checked
 * locally against what was captured and already refunded before anything is sent.
 */
import type { Backend, Order, Refund, RefundRequest } from '../../backends/backend.js';
import { checkRefund } from '../../domain/order-lifecycle.js';
import { lineProgress, parseLineSelection, selectLines, type LineSelection } from '../../domain/order-line-selection.js';
import { formatMoney, parseAmount } from '../../domain/money.js';
import type { OrderLine } from '../../domain/order-lines.js';
import { UnknownOutcomeError, UsageError, ValidationError } from '../../errors.js';
import { sendWithSameKey } from './capture-order.js';
import { operationKey } from './idempotency-key.js';
import { ordersApi, resolveOrder } from './orders-api.js';
import { intentId, readPending, sendRecorded } from './pending-operation.js';

export interface RefundIntent {
  amount?: number | undefined;
  lines?: LineSelection[] | undefined;
  returnFee?: number | undefined;
  reference?: string | undefined;
  description?: string | undefined;
}

export interface PreparedRefund {
  order: Order;
  request: RefundRequest;
  idempotencyKey: string;
  /** The order and flags as typed: under it the request is recorded while its outcome is open. */
  intent: string;
  /** True when this re-sends the request of an earlier run whose outcome was unknown. */
  resumed: boolean;
}

export function buildRefundRequest(order: Order, intent: RefundIntent, now: Date): RefundRequest {
  const hasLines = Boolean(intent.lines && intent.lines.length > 0);
  if (hasLines === (intent.amount !== undefined)) throw new UsageError('Give what to refund: --amount <amount> or one or more --line <reference>[:qty] (not both).');
  let gross = intent.amount ?? 0;
  let lines: OrderLine[] = [];
  if (hasLines) {
    checkRefund(order, 1, now);
    const progress = lineProgress(order.order_lines, order.captures.map((c) => c.order_lines), order.refunds.map((r) => r.order_lines));
    const chosen = selectLines(
      order.order_lines,
      intent.lines ?? [],
      (ref) => {
        const p = progress.find((x) => x.reference === ref);
        return { quantity: p?.refunded_quantity ?? 0, amount: p?.refunded_amount ?? 0 };
      },
      (line) => {
        const p = progress.find((x) => x.reference === line.reference);
        return { quantity: p?.captured_quantity ?? 0, amount: p?.captured_amount ?? 0 };
      },
      'refund',
    );
    gross = chosen.amount;
    lines = chosen.order_lines;
  }
  const fee = intent.returnFee ?? 0;
  if (fee < 0 || fee >= gross) throw ValidationError.single('--return-fee', `${formatMoney(fee, order.purchase_currency)} must be less than the refund (${formatMoney(gross, order.purchase_currency)})`);
  const amount = gross - fee;
  checkRefund(order, amount, now);
  if (fee > 0 && lines.length > 0) {
    lines.push({ type: 'return_fee' as OrderLine['type'], reference: 'return-fee', name: 'Return fee', quantity: 1, unit_price: -fee, tax_rate: 0, total_discount_amount: 0, total_amount: -fee, total_tax_amount: 0 });
  }
  return {
    refunded_amount: amount,
    ...(intent.description ? { description: intent.description } : {}),
    ...(intent.reference ? { reference: intent.reference } : {}),
    ...(lines.length > 0 ? { order_lines: lines } : {}),
  };
}

export interface RefundFlags {
  amount?: string | undefined;
  lines?: string[] | undefined;
  returnFee?: string | undefined;
  reference?: string | undefined;
  description?: string | undefined;
}

export async function prepareRefund(backend: Backend, idOrReference: string, flags: RefundFlags, storeId?: string, dataDir?: string): Promise<PreparedRefund> {
  const selections = flags.lines?.map((l) => parseLineSelection(l));
  const order = await resolveOrder(ordersApi(backend, 'orders.refund', 'refund orders'), idOrReference, storeId);
  const cur = order.purchase_currency;
  const intent: RefundIntent = {
    amount: flags.amount === undefined ? undefined : parseAmount(flags.amount, cur, { field: '--amount', allowZero: false }),
    lines: selections,
    returnFee: flags.returnFee === undefined ? undefined : parseAmount(flags.returnFee, cur, { field: '--return-fee', allowZero: false }),
    reference: flags.reference,
    description: flags.description,
  };
  const intentKey = intentId('refund', order.order_id, { amount: intent.amount, lines: flags.lines, returnFee: intent.returnFee, reference: flags.reference, description: flags.description });
  // A re-run after an unknown outcome re-sends the recorded request with its key (see pending-operation.ts).
  const pending = dataDir === undefined ? undefined : readPending<RefundRequest>(dataDir, 'refund', intentKey);
  if (pending && pending.order_id === order.order_id) return { order, request: pending.request, idempotencyKey: pending.idempotency_key, intent: intentKey, resumed: true };
  const request = buildRefundRequest(order, intent, backend.clock.now());
  const lines = (request.order_lines ?? []).map((l) => `${l.reference}:${l.quantity}`).join(',');
  // A refund reference (an RMA number) names the return, so it alone identifies the operation. Without
  // one, the refund state before this one does: two separate 100.00 refunds are two keys.
  const prior = request.reference ? '' : `${order.refunded_amount}/${order.refunds.length}`;
  const idempotencyKey = operationKey(['refund', order.order_id, request.refunded_amount, lines, request.reference ?? '', prior]);
  return { order, request, idempotencyKey, intent: intentKey, resumed: false };
}

export async function executeRefund(backend: Backend, prepared: PreparedRefund, dataDir?: string): Promise<Refund> {
  const api = ordersApi(backend, 'orders.refund', 'refund orders');
  return sendRecorded(
    dataDir,
    'refund',
    prepared.intent,
    { order_id: prepared.order.order_id, idempotency_key: prepared.idempotencyKey, request: prepared.request },
    () => sendWithSameKey(() => api.refund(prepared.order.order_id, prepared.request, { idempotencyKey: prepared.idempotencyKey }), `refund on order ${prepared.order.order_id}`),
    (error) => error instanceof UnknownOutcomeError,
  );
}
