/**
 * `orders cancel|release|extend`: read, check the rule locally (the error says what is possible), then
 * send once with a key derived from the operation (retries belong to the backend's transport). Cancel and
 * release act on money (they void an authorization), so, as captures do, they are recorded before sending
 * and a re-run after an unknown outcome reconciles from the order's state: already cancelled/released
 * → done; otherwise the same request is re-sent with the same key.
 */
import type { Backend } from '../../backends/backend.js';
import type { Order } from '../../domain/model/order.js';
import { checkCancel, checkExtend, checkRelease } from '../../domain/order-lifecycle.js';
import { operationKey } from './idempotency-key.js';
import { ordersApi, resolveOrder } from './orders-api.js';
import { intentId, sendRecorded, settle } from './pending-operation.js';
import type { PendingStore } from './pending-store.js';

export type StateChange = 'cancel' | 'release' | 'extend';

const CAPABILITY = { cancel: 'orders.cancel', release: 'orders.release', extend: 'orders.extend' } as const;

export interface PreparedStateChange {
  order: Order;
  key: string;
  newExpiry?: string;
  /** The effect is already visible after an earlier run's unknown outcome: nothing is sent. */
  done?: boolean;
  /** Re-sends the request of an earlier run whose outcome was unknown. */
  resumed?: boolean;
}

/** Whether the order shows the effect of a cancel / release. */
function effectVisible(change: 'cancel' | 'release', order: Order): boolean {
  return change === 'cancel' ? order.status === 'CANCELLED' : order.remaining_authorized_amount === 0 && order.captured_amount > 0;
}

const intentOf = (change: 'cancel' | 'release', orderId: string): string => intentId(change, orderId, {});

export async function prepareStateChange(backend: Backend, change: StateChange, idOrReference: string, storeId?: string, pendingStore?: PendingStore): Promise<PreparedStateChange> {
  const order = await resolveOrder(ordersApi(backend, CAPABILITY[change], `${change} orders`), idOrReference, storeId);
  // Extension keys include the current expiry: a later extension is a new operation, a retry is not.
  const key = operationKey([change, order.order_id, change === 'extend' ? order.expires_at : '']);
  if (change !== 'extend' && pendingStore !== undefined && (await pendingStore.read(change, intentOf(change, order.order_id)))) {
    return effectVisible(change, order) ? { order, key, done: true } : { order, key, resumed: true };
  }
  const now = backend.clock.now();
  let newExpiry: string | undefined;
  if (change === 'cancel') checkCancel(order, now);
  if (change === 'release') checkRelease(order, now);
  if (change === 'extend') newExpiry = checkExtend(order, now).toISOString();
  return { order, key, ...(newExpiry ? { newExpiry } : {}) };
}

/** The write in words, for the live-write banner: "cancel order 123". */
export const stateChangeAction = (change: StateChange, orderId: string): string => `${change} order ${orderId}`;

export async function executeStateChange(backend: Backend, change: StateChange, prepared: PreparedStateChange, pendingStore?: PendingStore): Promise<Order> {
  const api = ordersApi(backend, CAPABILITY[change], `${change} orders`);
  const orderId = prepared.order.order_id;
  const options = { idempotencyKey: prepared.key, target: prepared.order.store_id, action: stateChangeAction(change, orderId) };
  if (change === 'extend') return api.extendAuthorization(orderId, options);
  const intent = intentOf(change, orderId);
  if (prepared.done) {
    await settle(pendingStore, change, intent);
    return prepared.order;
  }
  const record = { order_id: orderId, idempotency_key: prepared.key, request: { operation: change }, sent_at: backend.clock.now().toISOString() };
  return sendRecorded(pendingStore, change, intent, record, `${change} on order ${orderId}`, () => (change === 'cancel' ? api.cancel(orderId, options) : api.releaseRemaining(orderId, options)));
}
