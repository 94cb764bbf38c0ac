/**
 * Creating a payment link on Kustom: a Checkout order with the store's terms URL, then an HPP
 * session over it, then (optionally) distribution by email/SMS.
 *
 * Checkout and HPP take no idempotency key, so the ledger provides it: the row is written as soon as the
 * checkout order exists, keyed by the caller's idempotency key. A retried create with the same key returns
 * the finished link, or resumes at the session step with the same checkout order, and never makes a second.
 */
import { linkReferenceTaken, validateLinkRequest } from '../../../domain/link-request.js';
import { isMerchantError, TransientError, ValidationError } from '../../../errors.js';
import type { CreateLinkRequest, WriteOptions } from '../../backend.js';
import type { PaymentLink } from '../../../domain/model/payment-link.js';
import type { Store } from '../../../domain/model/store.js';
import { refuseUnsupported, type KustomContext } from '../context.js';
import type { LinkRow } from '../ledger/links-repo.js';
import { toPaymentLink, type StoredLinkRequest } from './link-view.js';
import { checkoutOrderBody, hppSessionBody } from './payloads.js';
import { recipientFor, refuseTemplate, sendOrSchedule } from './send-link.js';

interface CheckoutCreated {
  order_id?: string;
}
interface SessionCreated {
  session_id?: string;
  session_url?: string;
  distribution_url?: string;
  redirect_url?: string;
  expires_at?: string;
}

/**
 * Until the session exists there is no link a customer could pay, so an unknown outcome is not the
 * money-moving kind: say so, and that running the same command again is safe (it resumes by idempotency key).
 */
async function noLinkYet<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!isMerchantError(error) || error.kind !== 'unknown_outcome') throw error;
    throw new TransientError(`Kustom did not answer while creating the payment link; no link was created. ${error.message}`, {
      hint: 'Run the same command again: it resumes where this one stopped and cannot create two links.',
      cause: error,
    });
  }
}

async function checkStore(ctx: KustomContext, request: CreateLinkRequest): Promise<Store & { terms_url: string }> {
  const store = await ctx.stores.get(request.store_id);
  // Kustom would answer 400 BAD_VALUE to most of these; checking first names every broken rule and sends nothing.
  validateLinkRequest(request, store, ctx.clock.now());
  return store;
}

function checkRequest(ctx: KustomContext, request: CreateLinkRequest, key: string): void {
  if (request.attachment !== undefined) {
    refuseUnsupported('links.attachments', 'attach an invoice PDF to a link', 'Kustom has no API for link attachments.');
  }
  refuseTemplate(request.delivery);
  if (request.link_reference !== undefined) {
    const other = ctx.links.byReference(request.store_id, request.link_reference);
    if (other && other.idempotency_key !== key) throw linkReferenceTaken(request.link_reference, other.link_id, request.store_id);
  }
}

export async function createLink(ctx: KustomContext, request: CreateLinkRequest, options: WriteOptions): Promise<PaymentLink> {
  const key = options.idempotencyKey;
  const existing = ctx.links.byKey(key);
  if (existing?.link_id) return toPaymentLink(existing, ctx.links.messages(existing.link_id), ctx.clock.now());
  checkRequest(ctx, request, key);
  const store = await checkStore(ctx, request);

  let row: LinkRow | undefined = existing;
  if (!row) {
    const created = await noLinkYet(() =>
      ctx.http.request<CheckoutCreated>({ method: 'POST', path: '/checkout/v3/orders', body: checkoutOrderBody(request, store), operation: 'links.create' }),
    );
    const checkoutId = created.body?.order_id ?? created.headers.location?.split('/').pop();
    if (!checkoutId) throw new Error('Kustom created a checkout order but returned no order_id');
    const { attachment: _attachment, ...stored } = request;
    const storedRequest: StoredLinkRequest = stored;
    ctx.links.insertPending({
      idempotency_key: key,
      store_id: request.store_id,
      checkout_order_id: checkoutId,
      link_reference: request.link_reference ?? null,
      merchant_reference1: request.merchant_reference1,
      merchant_reference2: request.merchant_reference2 ?? null,
      request: JSON.stringify(storedRequest),
      created_at: ctx.clock.now().toISOString(),
      expires_at: request.expires_at,
    });
    row = ctx.links.byKey(key);
  }
  if (!row) throw new Error('ledger row vanished while creating a link');

  const pending = row;
  const createSession = () =>
    ctx.http.request<SessionCreated>({ method: 'POST', path: '/hpp/v1/sessions', body: hppSessionBody(ctx.http.baseUrl, pending.checkout_order_id, request), operation: 'links.create' });
  // A second session over the same checkout order cannot take a second payment (the order completes once),
  // so an unanswered session request is simply asked again.
  const session = await noLinkYet(() => createSession().catch((error: unknown) => {
    if (isMerchantError(error) && error.kind === 'unknown_outcome') return createSession();
    throw error;
  }));
  const s = session.body ?? {};
  if (!s.session_id || !s.redirect_url) throw new Error('Kustom created a payment session but returned no session_id/redirect_url');
  // The link lives until the earlier of what the merchant asked for and what Kustom grants the session.
  const providerExpiry = s.expires_at ? Date.parse(s.expires_at) : Number.POSITIVE_INFINITY;
  const expiresAt = new Date(Math.min(Date.parse(request.expires_at), providerExpiry)).toISOString();
  try {
    ctx.links.attachSession(key, {
      link_id: s.session_id,
      session_url: s.session_url ?? `${ctx.http.baseUrl}/hpp/v1/sessions/${s.session_id}`,
      distribution_url: s.distribution_url ?? `${ctx.http.baseUrl}/hpp/v1/sessions/${s.session_id}/distribution`,
      url: s.redirect_url,
      expires_at: expiresAt,
    });
  } catch (error) {
    // Another process finished a link with the same reference meanwhile: withdraw this one, then refuse.
    if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE' || request.link_reference === undefined) throw error;
    await ctx.http.request({ method: 'DELETE', path: `/hpp/v1/sessions/${encodeURIComponent(s.session_id)}`, operation: 'links.create' }).catch(() => undefined);
    throw ValidationError.single('link_reference', `${request.link_reference} is already used by another link in store ${request.store_id}`);
  }
  const done = ctx.links.byKey(key);
  if (!done?.link_id) throw new Error('ledger row vanished while creating a link');

  const channel = request.delivery.channel;
  if (channel !== 'none') {
    await sendOrSchedule(ctx, done, channel, recipientFor(done, channel, undefined), request.delivery.send_at, store.purchase_country, true);
  }
  return toPaymentLink(done, ctx.links.messages(done.link_id), ctx.clock.now());
}
