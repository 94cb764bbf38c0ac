/** Checkout API (reference §2): create, read, update (POST), abort. */
import { checkOrderArithmetic } from './order-lines.js';
import { bodyObject, errorReply, isReply, iso, newId, type Handler, type HandlerContext, type Reply } from './reply.js';
import type { FakeCheckoutOrder } from './state.js';

export function checkoutOrderJson(ctx: HandlerContext, order: FakeCheckoutOrder): Record<string, unknown> {
  return {
    ...order.data,
    order_id: order.order_id,
    status: order.status,
    html_snippet: `<div id="klarna-checkout-container"><!-- fake checkout ${order.order_id} --></div>`,
    started_at: order.started_at,
    last_modified_at: order.last_modified_at,
    ...(order.completed_at ? { completed_at: order.completed_at } : {}),
  };
}

function location(ctx: HandlerContext, id: string): string {
  return `${ctx.url}/checkout/v3/orders/${id}`;
}

const create: Handler = (ctx) => {
  const data = bodyObject(ctx);
  const problems = checkOrderArithmetic(data);
  if (problems.length > 0) return errorReply(400, 'BAD_VALUE', problems);
  const at = iso(ctx.now());
  const order: FakeCheckoutOrder = {
    order_id: newId(),
    status: 'checkout_incomplete',
    aborted: false,
    data,
    started_at: at,
    last_modified_at: at,
  };
  ctx.state.checkoutOrders.set(order.order_id, order);
  return { status: 201, headers: { location: location(ctx, order.order_id) }, json: checkoutOrderJson(ctx, order), committed: true };
};

function find(ctx: HandlerContext): FakeCheckoutOrder | Reply {
  const id = ctx.params.order_id ?? '';
  const order = ctx.state.checkoutOrders.get(id);
  if (!order) return errorReply(404, 'NOT_FOUND', [`Order ${id} not found`]);
  return order;
}

const read: Handler = (ctx) => {
  const order = find(ctx);
  if (isReply(order)) return order;
  return { status: 200, json: checkoutOrderJson(ctx, order) };
};

const update: Handler = (ctx) => {
  const order = find(ctx);
  if (isReply(order)) return order;
  if (order.status !== 'checkout_incomplete' || order.aborted) {
    return errorReply(403, 'READ_ONLY_ORDER', ['Order is read only and cannot be updated']);
  }
  const merged = { ...order.data, ...bodyObject(ctx) };
  const problems = checkOrderArithmetic(merged);
  if (problems.length > 0) return errorReply(400, 'BAD_VALUE', problems);
  order.data = merged;
  order.last_modified_at = iso(ctx.now());
  return { status: 200, json: checkoutOrderJson(ctx, order), committed: true };
};

const abort: Handler = (ctx) => {
  const order = find(ctx);
  if (isReply(order)) return order;
  if (order.status !== 'checkout_incomplete') return errorReply(403, 'READ_ONLY_ORDER', ['Order is read only and cannot be aborted']);
  order.aborted = true;
  order.last_modified_at = iso(ctx.now());
  return { status: 200, json: checkoutOrderJson(ctx, order), committed: true };
};

export const checkoutHandlers: Record<string, Handler> = {
  createOrderMerchant: create,
  readOrderMerchant: read,
  updateOrderMerchant: update,
  abortOrder: abort,
};
