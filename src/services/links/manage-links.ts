/** `merchant links show|cancel|resend|duplicate|dispatch`: one use case each, no printing. */
import { requireCapability, type Backend } from '../../backends/backend.js';
import type { LinkChannel, LinkMessage, PaymentLink } from '../../domain/model/payment-link.js';
import { assertLinkOperation } from '../../domain/link-lifecycle.js';
import { parseWhen, validateTemplate } from '../../domain/link-fields.js';
import type { OrderLineInput } from '../../domain/order-lines.js';
import { ValidationError } from '../../errors.js';
import type { WriteGate } from '../auth/write-gate.js';
import type { LinkDraft } from './link-draft.js';
import { linksApi } from './links-api.js';
import { resolveLink } from './resolve-link.js';

/** `linkId` may be the link's ID, URL, link reference or merchant reference (see resolveLink). */
export async function showLink(backend: Backend, linkId: string): Promise<PaymentLink> {
  return resolveLink(linksApi(backend), linkId);
}

/** Checks the link can be cancelled, and the live write, so the question is only asked when it makes sense. */
export async function linkForCancel(backend: Backend, linkId: string, options: { gate: WriteGate }): Promise<PaymentLink> {
  requireCapability(backend, 'links.cancel', 'cancel payment links');
  const link = await resolveLink(linksApi(backend), linkId);
  assertLinkOperation(link, 'cancel', backend.clock.now());
  // A link ID names its own store: the link's.
  options.gate.check({ action: `cancel link ${link.link_id}`, store: link.store_id });
  return link;
}

export async function cancelLink(backend: Backend, linkId: string): Promise<PaymentLink> {
  requireCapability(backend, 'links.cancel', 'cancel payment links');
  return linksApi(backend).cancel(linkId);
}

export interface ResendOptions {
  channel?: string | undefined;
  sendAt?: string | undefined;
  template?: string | undefined;
  gate: WriteGate;
}

export async function resendLink(backend: Backend, linkId: string, options: ResendOptions): Promise<LinkMessage> {
  const links = linksApi(backend);
  const link = await resolveLink(links, linkId);
  options.gate.check({ action: `resend link ${linkId}`, store: link.store_id });
  assertLinkOperation(link, 'resend', backend.clock.now());
  const channel = (options.channel ?? (link.channel === 'none' ? (link.customer.email ? 'email' : 'sms') : link.channel)) as LinkChannel;
  if (channel !== 'email' && channel !== 'sms') throw ValidationError.single('send', `must be email or sms; got ${JSON.stringify(options.channel)}`);
  requireCapability(backend, channel === 'email' ? 'links.send.email' : 'links.send.sms', `send payment links by ${channel}`);
  let sendAt: string | undefined;
  if (options.sendAt !== undefined) {
    requireCapability(backend, 'links.schedule', 'schedule payment link messages');
    const at = parseWhen(options.sendAt, backend.clock.now(), 'send_at');
    if (at.getTime() <= backend.clock.now().getTime()) throw ValidationError.single('send_at', `${at.toISOString()} is in the past`);
    sendAt = at.toISOString();
  }
  const template = options.template === undefined ? undefined : validateTemplate(options.template);
  return links.send(link.link_id, { channel, send_at: sendAt, template });
}

export interface DuplicateOptions {
  send?: string | undefined;
  expiresIn?: string | undefined;
  expiresAt?: string | undefined;
  linkReference?: string | undefined;
  createdBy: string;
  gate: WriteGate;
}

/** A cancelled or expired link copied into a new one with a fresh expiry (its link reference is not reused). */
export async function duplicateLink(backend: Backend, linkId: string, options: DuplicateOptions): Promise<PaymentLink> {
  const old = await resolveLink(linksApi(backend), linkId);
  options.gate.check({ action: `duplicate link ${linkId}`, store: old.store_id });
  assertLinkOperation(old, 'duplicate', backend.clock.now());
  // The old lines are copied exactly (in API units) and recomputed, so totals are checked again.
  const lineInputs: OrderLineInput[] = old.order_lines.map(({ total_amount: _a, total_tax_amount: _t, ...input }) => input);
  const draft: LinkDraft = {
    storeId: old.store_id,
    email: old.customer.email,
    phone: old.customer.phone,
    country: old.purchase_country,
    currency: old.purchase_currency,
    reference: old.merchant_reference1,
    reference2: old.merchant_reference2 ?? undefined,
    lineInputs,
    autoCapture: old.auto_capture,
    send: options.send ?? 'none',
    expiresIn: options.expiresIn,
    expiresAt: options.expiresAt,
    linkReference: options.linkReference,
    description: old.description ?? undefined,
    notes: Object.entries(old.notes).map(([k, v]) => `${k}=${v}`),
    invoiceNumber: old.invoice_number ?? undefined,
    createdBy: options.createdBy,
    duplicatedFrom: old.link_id,
  };
  // Loaded here: showing, cancelling and resending a link need neither link creation nor its schemas.
  const { prepareLink } = await import('./link-draft.js');
  const { createLink } = await import('./create-link.js');
  const { request } = await prepareLink(backend, draft, backend.clock.now());
  return createLink(backend, request);
}

/** `stopped` (SIGINT/SIGTERM) ends the run after the message in flight; the rest stay scheduled. */
export async function dispatchDueMessages(backend: Backend, options: { stopped?: () => boolean } = {}): Promise<LinkMessage[]> {
  requireCapability(backend, 'links.schedule', 'dispatch scheduled messages');
  return linksApi(backend).dispatchDue(options);
}
