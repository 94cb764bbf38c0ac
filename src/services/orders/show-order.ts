import type { Backend } from '../../backends/backend.js';
import type { Order, OrderEvent } from '../../domain/model/order.js';
import { allowedOrderOperations, type OrderOperation } from '../../domain/order-lifecycle.js';
import { lineProgress, type LineProgress } from '../../domain/order-line-selection.js';
import { assertInNamedStore, type OrderScope } from './order-scope.js';
import { ordersApi, resolveOrder } from './orders-api.js';

export interface OrderDetails extends Order {
  lines: LineProgress[];
  allowed_operations: OrderOperation[];
}

export function describeOrder(order: Order, now: Date): OrderDetails {
  return {
    ...order,
    lines: lineProgress(
      order.order_lines,
      order.captures.map((c) => c.order_lines),
      order.refunds.map((r) => r.order_lines),
    ),
    allowed_operations: allowedOrderOperations(order, now),
  };
}

export async function showOrder(backend: Backend, idOrReference: string, scope: OrderScope = {}): Promise<OrderDetails> {
  const order = await resolveOrder(ordersApi(backend, 'orders.read', 'show orders'), idOrReference, scope.storeId);
  assertInNamedStore(order, scope);
  return describeOrder(order, backend.clock.now());
}

export async function orderTimeline(backend: Backend, idOrReference: string, scope: OrderScope = {}): Promise<{ order: Order; events: OrderEvent[] }> {
  const api = ordersApi(backend, 'orders.read', 'show order timelines');
  const order = await resolveOrder(api, idOrReference, scope.storeId);
  assertInNamedStore(order, scope);
  return { order, events: await api.timeline(order.order_id) };
}
