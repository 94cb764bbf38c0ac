/**
 * Finds what an identifier names, on any backend: the orders and links the backends' search finds, plus
 * the orders of a payout when it is a payment reference. A link and the order it produced are one match.
 */
import { isPayoutSearchFailure, type Backend, type IdentifierKind, type Order, type OrderMatch, type OrdersApi, type PaymentLink, type SearchQuery } from '../../backends/backend.js';
import { classifyIdentifier, phoneToE164, type Identifier } from '../../domain/identifier.js';
import { isMerchantError } from '../../errors.js';
import { isReadFailure, readPart, type Incomplete } from './incomplete.js';

export const DEFAULT_LOOKUP_LIMIT = 20;

/** One thing an identifier names: an order (with the links that produced it) or a link not yet paid. */
export interface Match {
  kind: IdentifierKind;
  order: Order | null;
  links: PaymentLink[];
}

export interface Found {
  identifier: Identifier;
  matches: Match[];
  /** More than `limit` things matched: `matches` holds the newest `limit`. */
  more: boolean;
  /** What could not be tried (see incomplete.ts); with no match, the lookup cannot say "not found". */
  incomplete: Incomplete[];
}

const notFound = (error: unknown): boolean => isMerchantError(error) && error.kind === 'not_found';

async function orNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (notFound(error)) return null;
    throw error;
  }
}

/** The countries a local phone number is read with: the store named, else every store's. */
async function countriesFor(backend: Backend, storeId: string | undefined): Promise<string[]> {
  if (storeId) return [(await backend.stores.get(storeId)).purchase_country];
  return [...new Set((await backend.stores.list()).map((s) => s.purchase_country))];
}

/**
 * The orders a payout's transactions name (the payment reference on a bank statement). Every identifier is
 * also tried as a payment reference, so a key whose Portal role may not view payouts finds none this way
 * (and payouts that cannot be read find none, named in `incomplete`) rather than being refused the lookup
 * of an email or an order ID.
 */
async function payoutOrders(backend: Backend, reference: string, storeId: string | undefined, limit: number, incomplete: Incomplete[]): Promise<string[]> {
  const api = backend.settlements;
  if (!api || !backend.capabilities.has('settlements.read')) return [];
  const read = async (): Promise<string[]> => {
    const ids = new Set<string>();
    try {
      for await (const t of api.transactions({ payment_reference: reference.toUpperCase(), store_id: storeId })) {
        if (t.order_id) ids.add(t.order_id);
        if (ids.size >= limit) break;
      }
    } catch (error) {
      if (notFound(error)) return [];
      throw error;
    }
    return [...ids];
  };
  // A key that may not view payouts is not told so on every lookup: it is simply no payment reference.
  const hidden: Incomplete[] = [];
  const ids = await readPart('payment_reference', read, hidden, []);
  incomplete.push(...hidden.filter((i) => i.cause === 'read_failed'));
  return ids;
}

/** Kinds a backend may answer from the provider's payouts (Kustom: an order never seen here). */
const SETTLED_KINDS: readonly IdentifierKind[] = ['capture_id', 'refund_id', 'capture_reference'];

/**
 * The orders a query names. A backend may search payouts for a capture or refund it has not seen (Kustom);
 * when that read of payouts fails (the backend marks the error: isPayoutSearchFailure), the search is made again without those
 * kinds, so the orders and links found by the others are still the answer and the gap is named
 * (`capture_search`).
 */
async function searchOrders(orders: OrdersApi, q: SearchQuery, incomplete: Incomplete[]): Promise<OrderMatch[]> {
  if (!q.kinds.some((k) => SETTLED_KINDS.includes(k))) return orders.search(q);
  try {
    return await orders.search(q);
  } catch (error) {
    // Only a failed read of payouts is left out; a failed read of an order (the answer itself) fails the lookup.
    if (!isPayoutSearchFailure(error) || !isReadFailure(error) || !isMerchantError(error)) throw error;
    incomplete.push({ part: 'capture_search', cause: 'read_failed', reason: `could not be read: ${error.message}` });
    return orders.search({ ...q, kinds: q.kinds.filter((k) => !SETTLED_KINDS.includes(k)) });
  }
}

export async function findMatches(backend: Backend, text: string, options: { storeId?: string | undefined; limit?: number | undefined } = {}): Promise<Found> {
  const limit = options.limit ?? DEFAULT_LOOKUP_LIMIT;
  const countries = await countriesFor(backend, options.storeId);
  const identifier = classifyIdentifier(text, countries[0]);
  const query: SearchQuery = {
    text: identifier.text,
    kinds: identifier.kinds,
    link_id: identifier.linkId,
    email: identifier.email,
    phone: identifier.phone,
    store_id: options.storeId,
    // One more than shown, so a cut list is known to be cut.
    limit: limit + 1,
  };
  const orders = backend.orders && backend.capabilities.has('orders.read') ? backend.orders : undefined;
  const links = backend.links && backend.capabilities.has('links.read') ? backend.links : undefined;
  const byOrder = new Map<string, Match>();
  const unpaid = new Map<string, Match>();
  const incomplete: Incomplete[] = [];

  // A local number means a different E.164 in each store's country: each is tried as a phone.
  const otherPhones = new Set(countries.slice(1).map((c) => phoneToE164(identifier.text, c)));
  otherPhones.delete(identifier.phone);
  otherPhones.delete(undefined);
  const queries: SearchQuery[] = [query, ...[...otherPhones].map((phone) => ({ ...query, kinds: ['phone' as const], phone }))];

  for (const q of queries) for (const m of orders ? await searchOrders(orders, q, incomplete) : []) byOrder.set(m.order.order_id, { kind: m.kind, order: m.order, links: [] });
  if (orders && identifier.kinds.includes('payment_reference')) {
    for (const orderId of await payoutOrders(backend, identifier.text, options.storeId, limit, incomplete)) {
      if (byOrder.has(orderId)) continue;
      const order = await orNull(() => orders.get(orderId));
      if (order) byOrder.set(orderId, { kind: 'payment_reference', order, links: [] });
    }
  }
  const linkMatches = [];
  for (const q of queries) linkMatches.push(...((await links?.search(q)) ?? []));
  for (const m of linkMatches) {
    const orderId = m.link.order_id;
    const existing = orderId ? byOrder.get(orderId) : undefined;
    if (existing) existing.links.push(m.link);
    else if (orderId && orders) {
      const order = await orNull(() => orders.get(orderId));
      if (order) byOrder.set(orderId, { kind: m.kind, order, links: [m.link] });
      else unpaid.set(m.link.link_id, { kind: m.kind, order: null, links: [m.link] });
    } else unpaid.set(m.link.link_id, { kind: m.kind, order: null, links: [m.link] });
  }
  // An order found by its own identifiers still shows the link that produced it.
  for (const match of byOrder.values()) {
    const linkId = match.order?.link_id;
    if (links && linkId && !match.links.some((l) => l.link_id === linkId)) {
      const link = await orNull(() => links.get(linkId));
      if (link) match.links.push(link);
    }
  }
  const createdAt = (m: Match): string => m.order?.created_at ?? m.links[0]?.created_at ?? '';
  const all = [...byOrder.values(), ...unpaid.values()].sort((a, b) => createdAt(b).localeCompare(createdAt(a)));
  return { identifier, matches: all.slice(0, limit), more: all.length > limit, incomplete };
}
