/**
 * The orders a capture or refund ID, or a capture reference, names when the ledger has never seen them.
 * Order Management reads an order only by its own ID, but every settlement transaction names its order
 * next to the capture and refund it comes from. The Settlements API filters transactions by payout or
 * order only, so the newest payouts are read one at a time, newest first, until one names the identifier:
 * at most `SETTLED_SEARCH_PAYOUTS` payouts, one request for the payout list (per 500) and one per payout
 * (per 500 transactions). A capture not yet paid out is in no payout, so it is not found this way.
 */
import { payoutSearchFailure, type IdentifierKind, type SearchQuery } from '../../types/search.js';
import type { SettlementTransaction } from '../../../domain/settlement-types.js';
import { str } from '../../../infra/coerce.js';
import type { KustomContext } from '../context.js';
import { createKustomSettlements, MAX_PAGE_SIZE } from '../settlements/kustom-settlements.js';

/** How many of the newest payouts a lookup reads before it says "not found" (about a month of daily payouts). */
export const SETTLED_SEARCH_PAYOUTS = 30;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The kinds the settlement transactions can answer; Kustom's capture and refund IDs are UUIDs. */
function wanted(query: SearchQuery): IdentifierKind[] {
  const id = UUID.test(query.text);
  return query.kinds.filter((k) => k === 'capture_reference' || (id && (k === 'capture_id' || k === 'refund_id')));
}

function kindOf(t: SettlementTransaction, kinds: readonly IdentifierKind[], text: string): IdentifierKind | undefined {
  const lower = text.toLowerCase();
  return kinds.find(
    (k) =>
      (k === 'capture_id' && t.capture_id === text) ||
      (k === 'refund_id' && t.refund_id === text) ||
      (k === 'capture_reference' && t.merchant_capture_reference?.toLowerCase() === lower),
  );
}

/** Payment references of the newest payouts, newest first (Kustom pages payouts in its own order). */
async function newestPayouts(ctx: KustomContext): Promise<string[]> {
  const all: { ref: string; date: string }[] = [];
  for (let offset = 0; ; ) {
    const res = await ctx.http.request<{ payouts?: Record<string, unknown>[]; pagination?: { total?: number } }>({
      method: 'GET',
      path: '/settlements/v1/payouts',
      query: { size: MAX_PAGE_SIZE, offset },
      operation: 'settlements.payouts',
    });
    const items = res.body?.payouts ?? [];
    for (const p of items) all.push({ ref: str(p.payment_reference) ?? '', date: str(p.payout_date) ?? '' });
    offset += items.length;
    const total = res.body?.pagination?.total;
    if (items.length === 0 || total === undefined || offset >= total) break;
  }
  return all
    .filter((p) => p.ref !== '')
    .sort((a, b) => b.date.localeCompare(a.date))
    .slice(0, SETTLED_SEARCH_PAYOUTS)
    .map((p) => p.ref);
}

/**
 * Order ID → the kind that matched, from the first of the newest payouts that names the identifier. A
 * failed read of payouts is marked (payoutSearchFailure): the caller tells it from a failed read of an order.
 */
export async function settledOrderIds(ctx: KustomContext, query: SearchQuery): Promise<Map<string, IdentifierKind>> {
  const kinds = wanted(query);
  if (kinds.length === 0) return new Map();
  try {
    return await searchPayouts(ctx, query, kinds);
  } catch (error) {
    throw payoutSearchFailure(error);
  }
}

async function searchPayouts(ctx: KustomContext, query: SearchQuery, kinds: readonly IdentifierKind[]): Promise<Map<string, IdentifierKind>> {
  const found = new Map<string, IdentifierKind>();
  const settlements = createKustomSettlements(ctx);
  for (const reference of await newestPayouts(ctx)) {
    for await (const t of settlements.transactions({ payment_reference: reference })) {
      const kind = t.order_id ? kindOf(t, kinds, query.text) : undefined;
      if (kind && !found.has(t.order_id)) found.set(t.order_id, kind);
    }
    if (found.size > 0) break;
  }
  return found;
}
