/** `disputes list` and `disputes show`: read, newest first, page by page up to a limit. */
import type { Backend, Dispute } from '../../backends/backend.js';
import type { DisputeState } from '../../domain/dispute-lifecycle.js';
import { disputesApi } from './disputes-api.js';
import { ordersApi, resolveOrder } from '../orders/orders-api.js';

export interface ListDisputesOptions {
  storeId?: string | undefined;
  states?: DisputeState[] | undefined;
  /** The order as any order command takes it: ID, Kustom or merchant reference, payment link. */
  orderId?: string | undefined;
  /** At most this many; undefined: all. */
  limit?: number | undefined;
}

export async function listDisputes(backend: Backend, options: ListDisputesOptions): Promise<Dispute[]> {
  const api = disputesApi(backend, 'disputes.read', 'list disputes');
  // Resolved like every order command, so a reference lists that order's disputes instead of none.
  const orderId = options.orderId === undefined ? undefined : (await resolveOrder(ordersApi(backend, 'orders.read', 'find the order'), options.orderId, options.storeId)).order_id;
  const out: Dispute[] = [];
  let cursor: string | undefined;
  do {
    const want = options.limit === undefined ? 500 : Math.min(500, options.limit - out.length);
    const page = await api.list({ store_id: options.storeId, states: options.states, order_id: orderId, pageSize: want, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined && (options.limit === undefined || out.length < options.limit));
  return options.limit === undefined ? out : out.slice(0, options.limit);
}

export async function showDispute(backend: Backend, disputeId: string): Promise<Dispute> {
  return disputesApi(backend, 'disputes.read', 'show disputes').get(disputeId);
}
