/**
 * The sandbox's transport layer for orders: every call goes through the shared retry policy and budget
 * (backends/retry), as every Kustom request goes through the HTTP client. Injected faults (faults.ts) are
 * what this layer retries; services above it never retry.
 */
import type { CallRetry } from '../../retry/call-retry.js';
import { callWithRetry } from '../../retry/call-retry.js';
import type { OrdersApi } from '../../types/orders.js';

export function retryingOrders(inner: OrdersApi, retry: CallRetry): OrdersApi {
  const read = <A extends unknown[], T>(operation: string, fn: (...args: A) => Promise<T>) => (...args: A): Promise<T> => callWithRetry(retry, operation, false, () => fn(...args));
  const write = <A extends unknown[], T>(operation: string, fn: (...args: A) => Promise<T>) => (...args: A): Promise<T> => callWithRetry(retry, operation, true, () => fn(...args));
  return {
    get: read('orders.get', inner.get),
    findByReference: read('orders.get', inner.findByReference),
    list: read('orders.list', inner.list),
    timeline: read('orders.timeline', inner.timeline),
    capture: write('orders.capture', inner.capture),
    refund: write('orders.refund', inner.refund),
    cancel: write('orders.cancel', inner.cancel),
    releaseRemaining: write('orders.release', inner.releaseRemaining),
    extendAuthorization: write('orders.extend', inner.extendAuthorization),
    addShippingInfo: write('orders.shipping_info', inner.addShippingInfo),
  };
}
