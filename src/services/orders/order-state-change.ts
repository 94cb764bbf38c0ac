/**
 * `orders cancel|release|extend`: read, check the rule locally (the error says what is possible), then
 * send with a key derived from the operation and the order's state it acts on.
 */
import type { Backend, Order } from '../../backends/backend.js';
import { checkCancel, checkExtend, checkRelease } from '../../domain/order-lifecycle.js';
import { sendWithSameKey } from './capture-order.js';
import { operationKey } from './idempotency-key.js';
import { ordersApi, resolveOrder } from './orders-api.js';

export type StateChange = 'cancel' | 'release' | 'extend';

const CAPABILITY = { cancel: 'orders.cancel', release: 'orders.release', extend: 'orders.extend' } as const;

export async function prepareStateChange(backend: Backend, change: StateChange, idOrReference: string, storeId?: string): Promise<{ order: Order; key: string; newExpiry?: string }> {
  const order = await resolveOrder(ordersApi(backend, CAPABILITY[change], `${change} orders`), idOrReference, storeId);
  const now = backend.clock.now();
  let newExpiry: string | undefined;
  if (change === 'cancel') checkCancel(order, now);
  if (change === 'release') checkRelease(order, now);
  if (change === 'extend') newExpiry = checkExtend(order, now).toISOString();
  // Extension keys include the current expiry: a later extension is a new operation, a retry is not.
  const key = operationKey([change, order.order_id, change === 'extend' ? order.expires_at : '']);
  return { order, key, ...(newExpiry ? { newExpiry } : {}) };
}

export async function executeStateChange(backend: Backend, change: StateChange, orderId: string, key: string): Promise<Order> {
  const api = ordersApi(backend, CAPABILITY[change], `${change} orders`);
  const send = { cancel: () => api.cancel(orderId, { idempotencyKey: key }), release: () => api.releaseRemaining(orderId, { idempotencyKey: key }), extend: () => api.extendAuthorization(orderId, { idempotencyKey: key }) }[change];
  return sendWithSameKey(send, `${change} on order ${orderId}`);
}
