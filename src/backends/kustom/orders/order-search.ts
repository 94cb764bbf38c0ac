/** Which identifiers name an order the kustom ledger knows, and the `orders list` filters, in memory. */
import { startsWithAny, type IdentifierKind } from '../../../domain/identifier.js';
import type { Order } from '../../../domain/model/order.js';
import type { OrderQuery } from '../../types/orders.js';
import type { OrderRow } from '../ledger/orders-repo.js';

/** The values each identifier kind is matched against, from the ledger row and the last snapshot seen. */
export function orderIdentifiers(row: OrderRow, seen: Order | undefined): Partial<Record<IdentifierKind, readonly (string | null | undefined)[]>> {
  return {
    order_id: [row.order_id],
    link_id: [row.link_id],
    link_url: [row.link_id],
    klarna_reference: [seen?.klarna_reference],
    merchant_reference: [row.merchant_reference1, row.merchant_reference2],
    capture_id: seen?.captures.map((c) => c.capture_id) ?? [],
    refund_id: seen?.refunds.map((r) => r.refund_id) ?? [],
    capture_reference: seen?.captures.map((c) => c.reference) ?? [],
    email: [row.email, seen?.customer.email],
    phone: [seen?.customer.phone],
    name: [seen?.customer.name],
  };
}

const same = (a: string | null | undefined, b: string): boolean => a?.toLowerCase() === b.toLowerCase();

/** References and emails case-insensitive, the phone exact, names and `search` by prefix. */
export function orderMatchesFilters(o: Order, query: OrderQuery): boolean {
  if (query.reference !== undefined && ![o.merchant_reference1, o.merchant_reference2, o.klarna_reference].some((r) => same(r, query.reference!))) return false;
  if (query.email !== undefined && !same(o.customer.email, query.email)) return false;
  if (query.phone !== undefined && o.customer.phone !== query.phone) return false;
  if (query.name !== undefined && !startsWithAny(query.name, [o.customer.name])) return false;
  if (query.search !== undefined) {
    return startsWithAny(query.search, [o.merchant_reference1, o.merchant_reference2, o.klarna_reference, o.customer.email, o.customer.name]);
  }
  return true;
}
