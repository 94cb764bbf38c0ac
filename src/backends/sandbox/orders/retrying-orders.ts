/**
 * The sandbox's transport layer for orders: every call goes through the shared retry policy and budget
 * (backends/retry), as every Kustom request goes through the HTTP client. Injected faults (faults.ts) are
 * what this layer retries; services above it never retry.
 */
import type { CallRetry } from '../../retry/call-retry.js';
import { callWithRetry } from '../../retry/call-retry.js';
import type { OrdersApi } from '../../types/orders.js';

export function retryingOrders(inner: OrdersApi, retry: CallRetry): OrdersApi {
  const read = <T>(operation: string, call: () => Promise<T>): Promise<T> => callWithRetry(retry, operation, false, call);
  const write = <T>(operation: string, call: () => Promise<T>): Promise<T> => callWithRetry(retry, operation, true, call);
  return {
    get captureGroup() {
      return inner.captureGroup;
    },
    get: (orderId) => read('orders.get', () => inner.get(orderId)),
    getMany: (orderIds) => read('orders.get', () => inner.getMany(orderIds)),
    findByReference: (storeId, reference) => read('orders.get', () => inner.findByReference(storeId, reference)),
    list: (query) => read('orders.list', () => inner.list(query)),
    search: (query) => read('orders.search', () => inner.search(query)),
    timeline: (orderId) => read('orders.timeline', () => inner.timeline(orderId)),
    capture: (orderId, request, options) => write('orders.capture', () => inner.capture(orderId, request, options)),
    refund: (orderId, request, options) => write('orders.refund', () => inner.refund(orderId, request, options)),
    cancel: (orderId, options) => write('orders.cancel', () => inner.cancel(orderId, options)),
    releaseRemaining: (orderId, options) => write('orders.release', () => inner.releaseRemaining(orderId, options)),
    extendAuthorization: (orderId, options) => write('orders.extend', () => inner.extendAuthorization(orderId, options)),
    addShippingInfo: (orderId, captureId, info, options) => write('orders.shipping_info', () => inner.addShippingInfo(orderId, captureId, info, options)),
  };
}
