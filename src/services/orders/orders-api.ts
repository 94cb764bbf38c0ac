/** The orders part of a backend, after checking the backend has the capability. */
import { NotFoundError, ValidationError } from '../../errors.js';
import { requireCapability, type Backend, type Capability, type OrdersApi } from '../../backends/backend.js';
import type { Order } from '../../domain/model/order.js';
import { canonicalId, classifyIdentifier, isUrl, type IdentifierKind } from '../../domain/identifier.js';

export function ordersApi(backend: Backend, capability: Capability, what: string): OrdersApi {
  requireCapability(backend, capability, what);
  if (!backend.orders) throw new Error(`${capability} listed without an orders API`);
  return backend.orders;
}

/** How many candidates an ambiguous reference lists. */
const CANDIDATES = 10;

/**
 * What names an order here besides its ID: the payment link that produced it (ID or URL, exactly one
 * order) and the short and merchant references (maybe several). Capture and refund IDs are left to
 * `lookup`: on Kustom finding an unknown one reads a month of payouts, too much for every mistyped ID of a
 * bulk capture.
 */
const ORDER_KINDS: readonly IdentifierKind[] = ['link_url', 'klarna_reference', 'merchant_reference', 'link_id'];

/**
 * An order by Kustom order ID or, failing that, by Kustom's short reference, a merchant reference (1 or 2,
 * case-insensitive) or the payment link that produced it (ID or URL). A reference
 * several orders carry is refused, listing them (exit 2): acting on a guess could capture or refund the
 * wrong order. The backend's transport retries reads.
 */
export async function resolveOrder(api: OrdersApi, idOrReference: string, storeId?: string): Promise<Order> {
  const text = idOrReference.trim();
  if (text === '') throw ValidationError.single('order', 'must not be empty: give an order ID, Kustom reference or merchant reference');
  // A URL is a payment link's, never an order ID: it is not sent to the provider as one.
  if (!isUrl(text)) {
    try {
      return await api.get(canonicalId(text));
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  const identifier = classifyIdentifier(text);
  const kinds = identifier.kinds.filter((k) => ORDER_KINDS.includes(k));
  const matches = await api.search({ text: identifier.text, kinds, link_id: identifier.linkId, store_id: storeId, limit: CANDIDATES });
  const [only] = matches;
  if (only && matches.length === 1) return only.order;
  if (matches.length > 1) {
    const list = matches.map((m) => `${m.order.order_id} (${m.order.merchant_reference1 ?? '-'}, ${m.order.klarna_reference}, ${m.order.store_id}, ${m.order.status})`).join('; ');
    throw ValidationError.single('order', `${JSON.stringify(text)} names ${matches.length === CANDIDATES ? `${CANDIDATES} or more` : matches.length} orders: ${list}. Give the order ID (or --store)`);
  }
  throw new NotFoundError('Order', idOrReference, { hint: 'Give a Kustom order ID, Kustom reference, merchant reference or payment link (ID or URL). See: merchant lookup <anything>' });
}
