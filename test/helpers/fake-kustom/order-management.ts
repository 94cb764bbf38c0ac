/** Order Management API (reference §4): the stateful order, captures, refunds and the other mutations. */
import {
  bodyObject,
  errorReply,
  isReply,
  iso,
  newId,
  UUID_PATTERN,
  type Handler,
  type HandlerContext,
  type Reply,
} from './reply.js';
import type { FakeCapture, FakeOmOrder, FakeRefund, Json } from './state.js';

const DAY_MS = 86_400_000;

export function omOrderJson(order: FakeOmOrder): Json {
  const { acknowledged: _acknowledged, captures, refunds, ...rest } = order;
  return {
    ...rest,
    captures: captures.map((c) => captureJson(c)),
    refunds: refunds.map((r) => ({ ...r })),
  };
}

function captureJson(capture: FakeCapture): Json {
  return { ...capture };
}

function find(ctx: HandlerContext): FakeOmOrder | Reply {
  const id = ctx.params.order_id ?? '';
  if (!UUID_PATTERN.test(id)) return errorReply(400, 'INVALID_ORDER_ID', ['Order ID must be a valid UUID.']);
  const order = ctx.state.orders.get(id);
  if (!order) return errorReply(404, 'NO_SUCH_ORDER', [`Order ${id} was not found`]);
  if (order.status === 'AUTHORIZED' || order.status === 'PART_CAPTURED') {
    if (Date.parse(order.expires_at) < ctx.now().getTime()) {
      order.status = 'EXPIRED';
      order.remaining_authorized_amount = 0;
    }
  }
  return order;
}

function findCapture(ctx: HandlerContext, order: FakeOmOrder): FakeCapture | Reply {
  const id = ctx.params.capture_id ?? '';
  const capture = order.captures.find((c) => c.capture_id === id);
  if (!capture) return errorReply(404, 'NO_SUCH_CAPTURE', [`Capture ${id} was not found`]);
  return capture;
}

function withOrder(fn: (ctx: HandlerContext, order: FakeOmOrder) => Reply): Handler {
  return (ctx) => {
    const order = find(ctx);
    if (isReply(order)) return order;
    return fn(ctx, order);
  };
}

function orderUrl(ctx: HandlerContext, order: FakeOmOrder): string {
  return `${ctx.url}/ordermanagement/v1/orders/${order.order_id}`;
}

const getOrder = withOrder((_ctx, order) => ({ status: 200, json: omOrderJson(order) }));

const capture = withOrder((ctx, order) => {
  const body = bodyObject(ctx);
  const amount = typeof body.captured_amount === 'number' ? body.captured_amount : 0;
  if (order.status !== 'AUTHORIZED' && order.status !== 'PART_CAPTURED') {
    return errorReply(403, 'CAPTURE_NOT_ALLOWED', [`Capture not allowed: order is ${order.status}`]);
  }
  if (amount <= 0) return errorReply(403, 'CAPTURE_NOT_ALLOWED', ['Capture not allowed: captured amount must be positive']);
  if (amount > order.remaining_authorized_amount) {
    return errorReply(403, 'CAPTURE_NOT_ALLOWED', [
      `Captured amount ${amount} is higher than the remaining authorized amount ${order.remaining_authorized_amount}`,
    ]);
  }
  const c: FakeCapture = {
    capture_id: newId(),
    klarna_reference: `${order.klarna_reference}-${order.captures.length + 1}`,
    captured_amount: amount,
    captured_at: iso(ctx.now()),
    order_lines: Array.isArray(body.order_lines) ? (body.order_lines as Json[]) : [],
    refunded_amount: 0,
    shipping_info: Array.isArray(body.shipping_info) ? (body.shipping_info as Json[]) : [],
  };
  if (typeof body.description === 'string') c.description = body.description;
  if (typeof body.reference === 'string') c.reference = body.reference;
  order.captures.push(c);
  order.captured_amount += amount;
  order.remaining_authorized_amount -= amount;
  order.status = order.remaining_authorized_amount === 0 ? 'CAPTURED' : 'PART_CAPTURED';
  return {
    status: 201,
    headers: { 'capture-id': c.capture_id, location: `${orderUrl(ctx, order)}/captures/${c.capture_id}` },
    committed: true,
  };
});

const getCaptures = withOrder((_ctx, order) => ({ status: 200, json: order.captures.map(captureJson) }));

const getCapture = withOrder((ctx, order) => {
  const c = findCapture(ctx, order);
  if (isReply(c)) return c;
  return { status: 200, json: captureJson(c) };
});

const refund = withOrder((ctx, order) => {
  const body = bodyObject(ctx);
  const amount = typeof body.refunded_amount === 'number' ? body.refunded_amount : 0;
  if (order.captures.length === 0) return errorReply(403, 'REFUND_NOT_ALLOWED', ['Order has no captures. Refund not possible']);
  if (order.status === 'CANCELLED' || order.status === 'EXPIRED') {
    return errorReply(403, 'REFUND_NOT_ALLOWED', [`Refund not allowed: order is ${order.status}`]);
  }
  const refundable = order.captured_amount - order.refunded_amount;
  if (amount <= 0 || amount > refundable) {
    return errorReply(403, 'REFUND_NOT_ALLOWED', [`Refunded amount ${amount} exceeds the refundable amount ${refundable}`]);
  }
  const r: FakeRefund = {
    refund_id: newId(),
    refunded_amount: amount,
    refunded_at: iso(ctx.now()),
    order_lines: Array.isArray(body.order_lines) ? (body.order_lines as Json[]) : [],
  };
  if (typeof body.description === 'string') r.description = body.description;
  if (typeof body.reference === 'string') r.reference = body.reference;
  order.refunds.push(r);
  order.refunded_amount += amount;
  let left = amount;
  for (const c of order.captures) {
    const take = Math.min(left, c.captured_amount - c.refunded_amount);
    c.refunded_amount += take;
    left -= take;
    if (left === 0) break;
  }
  if (order.status === 'CAPTURED' && order.refunded_amount === order.captured_amount) order.status = 'CLOSED';
  return {
    status: 201,
    headers: { 'refund-id': r.refund_id, location: `${orderUrl(ctx, order)}/refunds/${r.refund_id}` },
    committed: true,
  };
});

const getRefund = withOrder((ctx, order) => {
  const id = ctx.params.refund_id ?? '';
  const r = order.refunds.find((x) => x.refund_id === id);
  if (!r) return errorReply(404, 'NOT_FOUND', [`Refund ${id} was not found`]);
  return { status: 200, json: { ...r } };
});

const cancel = withOrder((ctx, order) => {
  if (order.captures.length > 0) return errorReply(403, 'CANCEL_NOT_ALLOWED', ['Order has previous captures. Cancel not possible']);
  if (order.status !== 'AUTHORIZED') return errorReply(403, 'CANCEL_NOT_ALLOWED', [`Cancel not allowed: order is ${order.status}`]);
  order.status = 'CANCELLED';
  order.remaining_authorized_amount = 0;
  void ctx;
  return { status: 204, committed: true };
});

const release = withOrder((_ctx, order) => {
  if (order.status !== 'PART_CAPTURED') {
    return errorReply(403, 'NOT_ALLOWED', [`Release not allowed: order is ${order.status}${order.captures.length === 0 ? ' and has no captures' : ''}`]);
  }
  order.remaining_authorized_amount = 0;
  order.status = 'CAPTURED';
  return { status: 204, committed: true };
});

const extendAuthorization = withOrder((ctx, order) => {
  if (order.status !== 'AUTHORIZED' && order.status !== 'PART_CAPTURED') {
    return errorReply(403, 'NOT_ALLOWED', [`Extension not allowed: order is ${order.status}`]);
  }
  const now = ctx.now().getTime();
  const limit = Date.parse(order.created_at) + 90 * DAY_MS;
  const next = Math.min(now + 28 * DAY_MS, limit);
  if (next <= Date.parse(order.expires_at)) return errorReply(403, 'NOT_ALLOWED', ['Authorization time cannot be extended further']);
  order.expires_at = new Date(next).toISOString();
  return { status: 204, committed: true };
});

const appendOrderShippingInfo = withOrder((ctx, order) => {
  const info = bodyObject(ctx).shipping_info;
  if (Array.isArray(info)) order.shipping_info.push(...(info as Json[]));
  return { status: 204, committed: true };
});

const appendCaptureShippingInfo = withOrder((ctx, order) => {
  const c = findCapture(ctx, order);
  if (isReply(c)) return c;
  const info = bodyObject(ctx).shipping_info;
  if (Array.isArray(info)) c.shipping_info.push(...(info as Json[]));
  return { status: 204, committed: true };
});

const acknowledge = withOrder((_ctx, order) => {
  order.acknowledged = true;
  return { status: 204, committed: true };
});

const updateAuthorization = withOrder((ctx, order) => {
  const body = bodyObject(ctx);
  const amount = typeof body.order_amount === 'number' ? body.order_amount : 0;
  if (order.status !== 'AUTHORIZED' && order.status !== 'PART_CAPTURED') {
    return errorReply(403, 'NOT_ALLOWED', ['Update not allowed.']);
  }
  if (amount < order.captured_amount) {
    return errorReply(403, 'NOT_ALLOWED', [
      `Resulting authorization amount ${amount} cannot be less than the captured amount ${order.captured_amount} for order. Order authorization cannot be updated`,
    ]);
  }
  order.order_amount = amount;
  order.remaining_authorized_amount = amount - order.captured_amount;
  if (Array.isArray(body.order_lines)) order.order_lines = body.order_lines as Json[];
  if (order.remaining_authorized_amount === 0 && order.captured_amount > 0) order.status = 'CAPTURED';
  return { status: 204, committed: true };
});

const updateMerchantReferences = withOrder((ctx, order) => {
  if (order.status === 'CANCELLED') return errorReply(403, 'NOT_ALLOWED', ['Can not update a cancelled order']);
  const body = bodyObject(ctx);
  if (typeof body.merchant_reference1 === 'string') order.merchant_reference1 = body.merchant_reference1;
  if (typeof body.merchant_reference2 === 'string') order.merchant_reference2 = body.merchant_reference2;
  return { status: 204, committed: true };
});

const updateCustomerDetails = withOrder((ctx, order) => {
  if (order.status === 'CANCELLED' || order.status === 'EXPIRED' || order.status === 'CLOSED') {
    return errorReply(403, 'NOT_ALLOWED', ['Update not allowed.']);
  }
  const address = bodyObject(ctx).shipping_address;
  if (address && typeof address === 'object') order.shipping_address = address as Json;
  return { status: 204, committed: true };
});

const triggerSendOut = withOrder((ctx, order) => {
  const c = findCapture(ctx, order);
  if (isReply(c)) return c;
  return { status: 204, committed: true };
});

const extendDueDateOptions = withOrder((ctx, order) => {
  const c = findCapture(ctx, order);
  if (isReply(c)) return c;
  return {
    status: 200,
    json: {
      currency: order.purchase_currency,
      options: [
        { number_of_days: 14, amount: 0 },
        { number_of_days: 30, amount: 0 },
      ],
    },
  };
});

const extendDueDate = withOrder((ctx, order) => {
  const c = findCapture(ctx, order);
  if (isReply(c)) return c;
  return { status: 204, committed: true };
});

export const omHandlers: Record<string, Handler> = {
  getOrder,
  captureOrder: capture,
  getCaptures,
  getCapture,
  refundOrder: refund,
  get: getRefund,
  cancelOrder: cancel,
  releaseRemainingAuthorization: release,
  extendAuthorizationTime: extendAuthorization,
  appendOrderShippingInfo,
  appendShippingInfo: appendCaptureShippingInfo,
  acknowledgeOrder: acknowledge,
  updateAuthorization,
  updateMerchantReferences,
  updateConsumerDetails: updateCustomerDetails,
  triggerSendOut,
  getOptionsForExtendDueDate: extendDueDateOptions,
  extendDueDate,
};
