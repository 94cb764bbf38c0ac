/** `merchant links create`: checks the backend can do what was asked, refuses a taken link reference, creates. */
import { requireCapability, type Backend, type CreateLinkRequest, type PaymentLink } from '../../backends/backend.js';
import { linkReferenceTaken } from '../../domain/link-request.js';
import { createLinkIdempotencyKey } from './link-draft.js';
import { linksApi } from './links-api.js';

export function requireLinkCapabilities(backend: Backend, request: CreateLinkRequest): void {
  requireCapability(backend, 'links.create', 'create payment links');
  if (request.delivery.channel === 'email') requireCapability(backend, 'links.send.email', 'send payment links by email');
  if (request.delivery.channel === 'sms') requireCapability(backend, 'links.send.sms', 'send payment links by SMS');
  if (request.delivery.send_at) requireCapability(backend, 'links.schedule', 'schedule payment link messages');
  if (request.delivery.template) requireCapability(backend, 'links.message_template', 'use message templates');
  if (request.attachment) requireCapability(backend, 'links.attachments', 'attach invoices to payment links');
}

/** Refuses a link reference already used in the store (checked before review and dry runs, and again by the backend). */
export async function assertLinkReferenceFree(backend: Backend, request: CreateLinkRequest): Promise<void> {
  if (!request.link_reference) return;
  const taken = await linksApi(backend).findByReference(request.store_id, request.link_reference);
  if (taken) throw linkReferenceTaken(request.link_reference, taken.link_id, request.store_id);
}

export async function createLink(backend: Backend, request: CreateLinkRequest): Promise<PaymentLink> {
  requireLinkCapabilities(backend, request);
  await assertLinkReferenceFree(backend, request);
  return linksApi(backend).create(request, { idempotencyKey: createLinkIdempotencyKey(request) });
}
