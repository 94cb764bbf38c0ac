/** Turns a ledger row (plus its messages) into the `PaymentLink` of the backend interface. */
import { effectiveLinkStatus, linkStatusFromSession, type LinkStatus } from '../../../domain/link-lifecycle.js';
import type { IdentifierKind } from '../../../domain/identifier.js';
import type { CreateLinkRequest } from '../../types/links.js';
import type { LinkMessage, PaymentLink } from '../../../domain/model/payment-link.js';
import type { LinkRow, MessageRow } from '../ledger/links-repo.js';

/**
 * Provider status recorded when the session is gone for good by expiry: GET answered 404 (how Kustom answers for an
 * expired session), or this tool disabled it when the link's own, earlier expiry passed.
 */
export const SESSION_GONE = 'NOT_FOUND';

export type StoredLinkRequest = Omit<CreateLinkRequest, 'attachment'>;

export function providerLinkStatus(row: LinkRow): LinkStatus {
  if (row.provider_status === SESSION_GONE) return 'expired';
  return linkStatusFromSession(row.provider_status ?? 'WAITING');
}

export function toMessage(m: MessageRow): LinkMessage {
  return {
    message_id: m.message_id,
    link_id: m.link_id,
    channel: m.channel,
    recipient: m.recipient,
    subject: m.subject,
    body: m.body,
    // `sending` is a claim held by one dispatcher for a moment; to everyone else it is still scheduled.
    status: (m.status as string) === 'sending' ? 'scheduled' : m.status,
    detail: m.status === 'failed' ? (m.error ?? 'not sent') : null,
    scheduled_for: m.scheduled_for,
    sent_at: m.sent_at,
    created_at: m.created_at,
  };
}

export function toPaymentLink(row: LinkRow, messages: MessageRow[], now: Date): PaymentLink {
  const req = JSON.parse(row.request) as StoredLinkRequest;
  const status = effectiveLinkStatus({ status: providerLinkStatus(row), expires_at: row.expires_at }, now);
  return {
    link_id: row.link_id ?? '',
    store_id: row.store_id,
    status,
    url: row.url ?? '',
    order_id: row.order_id,
    purchase_country: req.purchase_country,
    purchase_currency: req.purchase_currency,
    locale: req.locale,
    order_amount: req.order_amount,
    order_tax_amount: req.order_tax_amount,
    order_lines: req.order_lines,
    merchant_reference1: req.merchant_reference1,
    merchant_reference2: req.merchant_reference2 ?? null,
    link_reference: req.link_reference ?? null,
    description: req.description ?? null,
    notes: req.notes,
    invoice_number: req.invoice_number ?? null,
    has_attachment: false,
    customer: req.customer,
    auto_capture: req.auto_capture,
    channel: req.delivery.channel,
    created_at: row.created_at,
    created_by: req.created_by,
    expires_at: row.expires_at,
    cancelled_at: row.cancelled_at,
    completed_at: row.completed_at,
    // Kustom does not say when the page was opened (only that it is in progress).
    opened_at: null,
    duplicated_from: req.duplicated_from ?? null,
    messages: messages.map(toMessage),
  };
}

/** The values each identifier kind is matched against, from the ledger row. */
export function linkIdentifiers(row: LinkRow): Partial<Record<IdentifierKind, readonly (string | null | undefined)[]>> {
  const req = JSON.parse(row.request) as StoredLinkRequest;
  return {
    link_id: [row.link_id],
    // A URL names the link by its session ID, or is the very page address the ledger recorded.
    link_url: [row.link_id],
    order_id: [row.order_id],
    link_reference: [row.link_reference],
    merchant_reference: [row.merchant_reference1, row.merchant_reference2],
    email: [req.customer.email],
    phone: [req.customer.phone],
  };
}
