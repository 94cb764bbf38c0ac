/** Rows of `links` / `link_messages` and their API shapes. Status is computed from the sandbox clock here. */
import { effectiveLinkStatus, type LinkStatus } from '../../../domain/link-lifecycle.js';
import type { OrderLine } from '../../../domain/order-lines.js';
import type { LinkChannel, LinkMessage, PaymentLink } from '../../../domain/model/payment-link.js';
import { contactFields } from '../contact-fields.js';

export interface LinkRow {
  link_id: string;
  store_id: string;
  status: LinkStatus;
  order_id: string | null;
  purchase_country: string;
  purchase_currency: string;
  locale: string;
  order_amount: number;
  order_tax_amount: number;
  order_lines: string;
  merchant_reference1: string;
  merchant_reference2: string | null;
  link_reference: string | null;
  description: string | null;
  notes: string;
  invoice_number: string | null;
  attachment: string | null;
  customer_email: string | null;
  customer_phone: string | null;
  auto_capture: number;
  /** The first medium (the column's CHECK allows one); `channels` holds them all when there are more. */
  channel: Exclude<LinkChannel, 'email,sms'>;
  /** `email,sms`, or null (absent on rows built before they are inserted) when `channel` says it all. */
  channels?: 'email,sms' | null;
  template: string | null;
  created_at: string;
  created_by: string;
  expires_at: string;
  cancelled_at: string | null;
  completed_at: string | null;
  /** Absent on rows built before they are inserted. */
  opened_at?: string | null;
  duplicated_from: string | null;
  idempotency_key: string;
}

export type MessageRow = LinkMessage;

/** The sandbox's stand-in for Kustom's hosted payment page address. */
export const linkUrl = (linkId: string): string => `https://pay.sandbox.kustom.example/l/${linkId}`;

export function toLink(row: LinkRow, messages: LinkMessage[], now: Date): PaymentLink {
  return {
    link_id: row.link_id,
    store_id: row.store_id,
    status: effectiveLinkStatus(row, now),
    url: linkUrl(row.link_id),
    order_id: row.order_id,
    purchase_country: row.purchase_country,
    purchase_currency: row.purchase_currency,
    locale: row.locale,
    order_amount: row.order_amount,
    order_tax_amount: row.order_tax_amount,
    order_lines: JSON.parse(row.order_lines) as OrderLine[],
    merchant_reference1: row.merchant_reference1,
    merchant_reference2: row.merchant_reference2,
    link_reference: row.link_reference,
    description: row.description,
    notes: JSON.parse(row.notes) as Record<string, string>,
    invoice_number: row.invoice_number,
    has_attachment: row.attachment !== null,
    customer: contactFields(row.customer_email, row.customer_phone),
    auto_capture: row.auto_capture === 1,
    channel: row.channels ?? row.channel,
    created_at: row.created_at,
    created_by: row.created_by,
    expires_at: row.expires_at,
    cancelled_at: row.cancelled_at,
    completed_at: row.completed_at,
    opened_at: row.opened_at ?? null,
    duplicated_from: row.duplicated_from,
    messages,
  };
}

/** SQL for the effective status (must match effectiveLinkStatus): final statuses stay, others expire by the clock. */
export const EFFECTIVE_STATUS_SQL = `CASE WHEN status IN ('completed','cancelled') THEN status WHEN expires_at <= @now THEN 'expired' ELSE status END`;
