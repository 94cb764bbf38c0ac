/** LinksApi on Kustom: HPP sessions over Checkout orders, remembered in the ledger and refreshed on read. */
import { assertLinkOperation, effectiveLinkStatus } from '../../../domain/link-lifecycle.js';
import { isMerchantError, MerchantError, NotFoundError, StateConflictError, ValidationError } from '../../../errors.js';
import type { LinkMatch } from '../../types/search.js';
import { matchingKind, startsWithAny } from '../../../domain/identifier.js';
import type { LinksApi } from '../../types/links.js';
import type { LinkMessage, PaymentLink } from '../../../domain/model/payment-link.js';
import type { KustomContext } from '../context.js';
import type { LinkRow } from '../ledger/links-repo.js';
import { createLink } from './create-link.js';
import { linkIdentifiers, providerLinkStatus, SESSION_GONE, toMessage, toPaymentLink, type StoredLinkRequest } from './link-view.js';
import { refreshLink } from './refresh-link.js';
import { distribute, recipientFor, refuseTemplate, sendOrSchedule } from './send-link.js';

function rowOrThrow(ctx: KustomContext, linkId: string): LinkRow {
  const row = ctx.links.byId(linkId);
  if (!row) {
    throw new NotFoundError('Payment link', linkId, { hint: 'The kustom backend knows the links it created (Kustom cannot list them). See: merchant links list' });
  }
  return row;
}

function matches(link: PaymentLink, query: Parameters<LinksApi['list']>[0]): boolean {
  if (query.store_id !== undefined && link.store_id !== query.store_id) return false;
  if (query.statuses && query.statuses.length > 0 && !query.statuses.includes(link.status)) return false;
  if (query.created_from !== undefined && link.created_at < query.created_from) return false;
  if (query.created_to !== undefined && link.created_at > query.created_to) return false;
  if (query.reference !== undefined) {
    const refs = [link.merchant_reference1, link.merchant_reference2, link.link_reference];
    if (!refs.some((r) => r?.toLowerCase() === query.reference!.toLowerCase())) return false;
  }
  if (query.contact !== undefined) {
    // A phone is exact (E.164); anything else is the start of an email, case-insensitive.
    const hit = query.contact.startsWith('+') ? link.customer.phone === query.contact : startsWithAny(query.contact, [link.customer.email]);
    if (!hit) return false;
  }
  return true;
}

async function storeCountry(ctx: KustomContext, storeId: string, fallback: string): Promise<string> {
  try {
    return (await ctx.stores.get(storeId)).purchase_country;
  } catch {
    return fallback;
  }
}

export function createKustomLinks(ctx: KustomContext): LinksApi {
  const view = (row: LinkRow): PaymentLink => toPaymentLink(row, ctx.links.messages(row.link_id ?? ''), ctx.clock.now());

  /** Refreshes from Kustom, and if our own (earlier) expiry has passed, disables the session so Kustom agrees. */
  async function load(row: LinkRow): Promise<PaymentLink> {
    let current = await refreshLink(ctx, row);
    const now = ctx.clock.now();
    const provider = providerLinkStatus(current);
    const linkId = current.link_id;
    if (effectiveLinkStatus({ status: provider, expires_at: current.expires_at }, now) === 'expired' && provider !== 'expired' && linkId) {
      try {
        await ctx.http.request({ method: 'DELETE', path: `/hpp/v1/sessions/${encodeURIComponent(linkId)}`, operation: 'links.expire' });
        ctx.links.updateStatus(linkId, { provider_status: SESSION_GONE, refreshed_at: now.toISOString() });
        current = ctx.links.byId(linkId) ?? current;
      } catch (error) {
        // Most likely paid (400) or already gone (404) in the meantime: read what Kustom says now.
        ctx.logger.debug(`could not disable expired session ${linkId}: ${(error as Error).message}`);
        current = await refreshLink(ctx, ctx.links.byId(linkId) ?? current);
      }
    }
    return view(current);
  }

  return {
    create: (request, options) => createLink(ctx, request, options),

    async get(linkId) {
      return load(rowOrThrow(ctx, linkId));
    },

    async findByReference(storeId, linkReference) {
      const row = ctx.links.byReference(storeId, linkReference);
      return row ? load(row) : undefined;
    },

    /** The ledger holds every link this tool created (Kustom cannot list them); matches are refreshed live. */
    async search(query) {
      const found: LinkMatch[] = [];
      for (const row of ctx.links.all()) {
        if (found.length >= query.limit) break;
        if (query.store_id !== undefined && row.store_id !== query.store_id) continue;
        const kind = row.url !== null && row.url === query.text ? 'link_url' : matchingKind(query, linkIdentifiers(row));
        if (kind) found.push({ link: await load(row), kind });
      }
      return found;
    },

    async list(query) {
      const links: PaymentLink[] = [];
      for (const row of ctx.links.all()) {
        if (query.store_id !== undefined && row.store_id !== query.store_id) continue;
        links.push(await load(row));
      }
      const filtered = links.filter((l) => matches(l, query));
      const offset = query.cursor ? Number.parseInt(query.cursor, 10) || 0 : 0;
      const size = query.pageSize ?? filtered.length;
      const items = filtered.slice(offset, offset + size);
      const next = offset + items.length;
      return next < filtered.length ? { items, nextCursor: String(next) } : { items };
    },

    async cancel(linkId) {
      const link = await load(rowOrThrow(ctx, linkId));
      assertLinkOperation(link, 'cancel', ctx.clock.now());
      const row = rowOrThrow(ctx, linkId);
      try {
        await ctx.http.request({ method: 'DELETE', path: `/hpp/v1/sessions/${encodeURIComponent(linkId)}`, operation: 'links.cancel', resource: 'Payment link', resourceId: linkId });
      } catch (error) {
        if (isMerchantError(error) && (error.kind === 'not_found' || (error.kind === 'api' && (error.details?.status === 400 || /HTTP 400/.test(error.message))))) {
          // 400: completed meanwhile; 404: expired meanwhile. Either way the link is no longer cancellable.
          const fresh = await load(row);
          throw new StateConflictError(`link ${linkId} is ${fresh.status}; it cannot be cancelled.`, {
            details: { linkId, status: fresh.status, operation: 'cancel' },
            cause: error,
          });
        }
        throw error;
      }
      const now = ctx.clock.now().toISOString();
      ctx.links.updateStatus(linkId, { provider_status: 'DISABLED', cancelled_at: now, refreshed_at: now });
      // Disabling the session leaves the checkout order open; abort it too so nothing can complete it.
      try {
        await ctx.http.request({ method: 'POST', path: `/checkout/v3/orders/${encodeURIComponent(row.checkout_order_id)}/abort`, operation: 'links.cancel' });
      } catch (error) {
        // The link can no longer be opened, but its order could still be completed: that is not a cancel.
        const kind = isMerchantError(error) ? error.kind : 'transient';
        throw new MerchantError(kind, `Link ${linkId} was disabled, but Kustom did not abort its checkout order ${row.checkout_order_id}: ${(error as Error).message}`, {
          hint: 'The link cannot be opened any more; abort the checkout order in the Kustom Portal, or check it with `merchant links show`.',
          details: { ...(isMerchantError(error) ? error.details : {}), linkId, checkoutOrderId: row.checkout_order_id, sessionDisabled: true },
          cause: error,
        });
      }
      return view(rowOrThrow(ctx, linkId));
    },

    async send(linkId, delivery): Promise<LinkMessage> {
      refuseTemplate(delivery);
      if (delivery.channel === 'none') throw ValidationError.single('channel', 'must be email or sms to send a link');
      const link = await load(rowOrThrow(ctx, linkId));
      assertLinkOperation(link, 'resend', ctx.clock.now());
      const row = rowOrThrow(ctx, linkId);
      const recipient = recipientFor(row, delivery.channel, delivery.recipient);
      return sendOrSchedule(ctx, row, delivery.channel, recipient, delivery.send_at, await storeCountry(ctx, row.store_id, link.purchase_country));
    },

    async dispatchDue(options = {}) {
      const sent: LinkMessage[] = [];
      const now = ctx.clock.now();
      const claimed = ctx.links.claimDue(now.toISOString());
      for (const [index, message] of claimed.entries()) {
        if (options.stopped?.()) {
          ctx.links.releaseClaims(claimed.slice(index).map((m) => m.message_id));
          break;
        }
        const at = ctx.clock.now().toISOString();
        try {
          const link = await load(rowOrThrow(ctx, message.link_id));
          assertLinkOperation(link, 'resend', ctx.clock.now());
          const row = rowOrThrow(ctx, message.link_id);
          const req = JSON.parse(row.request) as StoredLinkRequest;
          await distribute(ctx, row, message.channel, message.recipient, await storeCountry(ctx, row.store_id, req.purchase_country));
          ctx.links.finishMessage(message.message_id, 'sent', at, null);
          sent.push(toMessage({ ...message, status: 'sent', sent_at: at }));
        } catch (error) {
          const reason = (error as Error).message;
          ctx.links.finishMessage(message.message_id, 'failed', at, reason);
          sent.push(toMessage({ ...message, status: 'failed', sent_at: null, error: reason }));
        }
      }
      return sent;
    },
  };
}
