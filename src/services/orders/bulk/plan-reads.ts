/**
 * A local provider's orders read ahead for the plan, a batch at a time: one `getMany` per batch instead of
 * one `get` per row (three queries each on the sandbox, and a developer-log row holding the whole order).
 * Only rows naming an order by ID are read ahead; a row whose order is not among those found (a
 * reference, a mistyped ID) is resolved on its own, as without reading ahead. A batch whose read fails
 * is read row by row, so each row is classified, and its failure reported, as it would be alone.
 */
import type { Order, OrdersApi } from '../../../backends/backend.js';
import { canonicalId, isUrl } from '../../../domain/identifier.js';
import type { BulkInputRow } from './bulk-input.js';

/** The ID an input names, as `resolveOrder` first tries it. */
export const readAheadKey = (input: string): string => canonicalId(input);

export async function readAhead(api: OrdersApi, rows: readonly BulkInputRow[]): Promise<Map<string, Order>> {
  const ids = rows.map((r) => r.order.trim()).filter((text) => text !== '' && !isUrl(text)).map(readAheadKey);
  let orders: Order[];
  try {
    orders = await api.getMany(ids);
  } catch {
    return new Map();
  }
  return new Map(orders.map((order) => [order.order_id, order]));
}
