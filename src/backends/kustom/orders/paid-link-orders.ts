/**
 * The ledger learns a link's order only when the link is read (Kustom cannot list orders). A link carrying
 * the searched identifier and not yet known paid may have been paid since: its session is read first, so
 * its order is among the matches. Without this, a merchant reference two customers' links carry names only
 * the order already known and looks unambiguous, and a capture or refund by it could act on the wrong order.
 */
import { matchingKind } from '../../../domain/identifier.js';
import type { SearchQuery } from '../../types/search.js';
import type { KustomContext } from '../context.js';
import { linkIdentifiers } from '../links/link-view.js';
import { refreshLink } from '../links/refresh-link.js';

export async function learnPaidLinkOrders(ctx: KustomContext, query: SearchQuery): Promise<void> {
  for (const row of await ctx.links.all()) {
    if (row.order_id !== null) continue;
    if (query.store_id !== undefined && row.store_id !== query.store_id) continue;
    const named = (row.url !== null && row.url === query.text) || matchingKind(query, linkIdentifiers(row)) !== undefined;
    // refreshLink reads only a link whose status can still change (not cancelled, expired or completed).
    if (named) await refreshLink(ctx, row);
  }
}
