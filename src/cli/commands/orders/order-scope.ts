/** The store scope of an order command: the store in force for reference look-ups, and the one named. */
import type { Context } from '../../context.js';
import type { OrderScope } from '../../../services/orders/order-scope.js';

export const orderScope = (ctx: Context, store: string | undefined): OrderScope => ({ storeId: ctx.storeId(store), named: store });
