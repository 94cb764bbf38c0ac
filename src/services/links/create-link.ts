/** `merchant links create`: checks the backend can do what was asked, refuses a taken link reference, creates. */
import { requireCapability, type Backend, type CreateLinkRequest } from '../../backends/backend.js';
import type { PaymentLink } from '../../domain/model/payment-link.js';
import { linkReferenceTaken } from '../../domain/link-request.js';
import { linkCreateAction } from '../auth/write-checks.js';
import type { WriteGate } from '../auth/write-gate.js';
import { createLinkIdempotencyKey, prepareLink, type LinkDraft } from './link-draft.js';
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

export interface CheckDraftOptions {
  dryRun: boolean;
  gate: WriteGate;
  /** The `--store` flag, if given. */
  storeFlag?: string | undefined;
  /** The draft's store was picked from the list on a terminal (no flag and no store in the settings). */
  storePicked: boolean;
}

/**
 * A completed draft as the request to send: checked against the backend (capabilities, a free link
 * reference) and, unless it is a dry run, through the live-write check, before any review or question.
 */
export async function checkLinkDraft(backend: Backend, draft: LinkDraft, options: CheckDraftOptions): Promise<CreateLinkRequest> {
  const { request } = await prepareLink(backend, draft, backend.clock.now());
  requireLinkCapabilities(backend, request);
  await assertLinkReferenceFree(backend, request);
  if (!options.dryRun) {
    // A store picked on a terminal is named; one that came from the settings must be the flag's or the profile's.
    options.gate.check({ action: linkCreateAction(request), store: options.storeFlag ?? (options.storePicked ? draft.storeId : undefined) });
  }
  return request;
}

export async function createLink(backend: Backend, request: CreateLinkRequest): Promise<PaymentLink> {
  requireLinkCapabilities(backend, request);
  await assertLinkReferenceFree(backend, request);
  return linksApi(backend).create(request, { idempotencyKey: createLinkIdempotencyKey(request) });
}
