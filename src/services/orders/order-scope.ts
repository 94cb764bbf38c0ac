/**
 * Which store an order command looks in. An order ID finds the order in any store; `storeId` scopes the
 * look-up by merchant reference. A store the user named (`--store`) that is not the order's is a mistake
 * worth stopping before anything is sent: the command was meant for another store's order.
 */
import type { Order } from '../../domain/model/order.js';
import { UsageError } from '../../errors.js';

export interface OrderScope {
  /** The store in force (named, or the settings' default): merchant references are looked up in it. */
  storeId?: string | undefined;
  /** The store named on the command line: the order must belong to it. */
  named?: string | undefined;
}

export function assertInNamedStore(order: Pick<Order, 'order_id' | 'store_id'>, scope: OrderScope): void {
  if (scope.named === undefined || scope.named === order.store_id) return;
  throw new UsageError(`--store ${scope.named}: order ${order.order_id} belongs to store ${order.store_id}.`, { hint: `Drop --store, or pass --store ${order.store_id}.` });
}
