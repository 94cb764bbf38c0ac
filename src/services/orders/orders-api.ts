/** The orders part of a backend, after checking the backend has the capability. */
import { requireCapability, type Backend, type Capability, type OrdersApi } from '../../backends/backend.js';
import type { Order } from '../../domain/model/order.js';
import { NotFoundError } from '../../errors.js';

export function ordersApi(backend: Backend, capability: Capability, what: string): OrdersApi {
  requireCapability(backend, capability, what);
  if (!backend.orders) throw new Error(`${capability} listed without an orders API`);
  return backend.orders;
}

/** An order by Kustom order ID or, failing that, by merchant reference (the backend's transport retries reads). */
export async function resolveOrder(api: OrdersApi, idOrReference: string, storeId?: string): Promise<Order> {
  try {
    return await api.get(idOrReference);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    const byReference = await api.findByReference(storeId, idOrReference);
    if (byReference) return byReference;
    throw new NotFoundError('Order', idOrReference, { hint: 'Give a Kustom order ID or a merchant reference. See: merchant orders list' });
  }
}
