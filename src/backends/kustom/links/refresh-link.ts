/**
 * Brings a ledger link up to date from the provider: GET the HPP session. A 404 means the session
 * has expired (Kustom deletes expired sessions). A completed session names the Order Management order, which the ledger then
 * remembers so `orders list` can find it.
 */
import { isFinalLinkStatus } from '../../../domain/link-lifecycle.js';
import { isMerchantError } from '../../../errors.js';
import type { KustomContext } from '../context.js';
import type { LinkRow } from '../ledger/links-repo.js';
import { providerLinkStatus, SESSION_GONE, type StoredLinkRequest } from './link-view.js';

interface SessionBody {
  status?: string;
  order_id?: string;
  updated_at?: string;
}

/**
 * Tells Kustom the order has been received (acknowledge), which stops its push notifications to the merchant URL
 * this tool never reads. Best effort: the link's status does not depend on it, and the next read retries.
 */
async function acknowledge(ctx: KustomContext, orderId: string): Promise<void> {
  try {
    await ctx.http.request({
      method: 'POST',
      path: `/ordermanagement/v1/orders/${encodeURIComponent(orderId)}/acknowledge`,
      idempotencyKey: `acknowledge:${orderId}`,
      operation: 'orders.acknowledge',
      resource: 'Order',
      resourceId: orderId,
    });
  } catch (error) {
    ctx.logger.debug(`could not acknowledge order ${orderId}: ${(error as Error).message}`);
  }
}

export async function refreshLink(ctx: KustomContext, row: LinkRow): Promise<LinkRow> {
  if (!row.link_id || !row.session_url) return row;
  if (isFinalLinkStatus(providerLinkStatus(row))) return row;
  const linkId = row.link_id;
  const now = ctx.clock.now().toISOString();
  try {
    const res = await ctx.http.request<SessionBody>({
      method: 'GET',
      path: `/hpp/v1/sessions/${encodeURIComponent(linkId)}`,
      headers: { 'cache-control': 'no-cache' },
      operation: 'links.get',
      resource: 'Payment link',
      resourceId: linkId,
    });
    const status = (res.body?.status ?? 'WAITING').toUpperCase();
    const orderId = res.body?.order_id ?? null;
    const completed = status === 'COMPLETED';
    await ctx.links.updateStatus(linkId, {
      provider_status: status,
      order_id: completed ? orderId : row.order_id,
      completed_at: completed ? (row.completed_at ?? res.body?.updated_at ?? now) : row.completed_at,
      refreshed_at: now,
    });
    if (completed && orderId) {
      const req = JSON.parse(row.request) as StoredLinkRequest;
      await ctx.orders.remember(
        { order_id: orderId, store_id: row.store_id, link_id: linkId, merchant_reference1: req.merchant_reference1, merchant_reference2: req.merchant_reference2 ?? null },
        now,
      );
      await acknowledge(ctx, orderId);
    }
  } catch (error) {
    if (isMerchantError(error) && error.kind === 'not_found') {
      await ctx.links.updateStatus(linkId, { provider_status: SESSION_GONE, refreshed_at: now });
    } else {
      throw error;
    }
  }
  return (await ctx.links.byId(linkId)) ?? row;
}
