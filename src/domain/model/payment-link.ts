/** A payment link and the messages that carry it to the customer (Kustom field names). */
import type { LinkStatus } from '../link-lifecycle.js';
import type { OrderLine } from '../order-lines.js';

export type LinkChannel = 'email' | 'sms' | 'none';

export interface LinkCustomer {
  email?: string | undefined;
  /** E.164, e.g. +46701234567. */
  phone?: string | undefined;
}

export interface LinkDelivery {
  channel: LinkChannel;
  /** ISO time to send at; absent = now. */
  send_at?: string | undefined;
  /** Message text with placeholders ({url}, {amount}, {store}, {reference}, {expires}); sandbox only. */
  template?: string | undefined;
}

export interface LinkAttachment {
  filename: string;
  content_type: 'application/pdf';
  /** Base64 of the file (the sandbox stores it; Kustom has no attachment API). */
  data_base64: string;
  size_bytes: number;
}

export interface LinkMessage {
  message_id: string;
  link_id: string;
  channel: Exclude<LinkChannel, 'none'>;
  recipient: string;
  subject: string | null;
  body: string;
  status: 'scheduled' | 'sent' | 'failed';
  /** Why a message failed (e.g. the link was cancelled before its scheduled time); null otherwise. */
  detail: string | null;
  scheduled_for: string | null;
  sent_at: string | null;
  created_at: string;
}

export interface PaymentLink {
  link_id: string;
  store_id: string;
  /** Effective status: computed from the provider's state and the clock (never a stale flag). */
  status: LinkStatus;
  url: string;
  /** The Order Management order created when the customer paid; null until then. */
  order_id: string | null;
  purchase_country: string;
  purchase_currency: string;
  locale: string;
  order_amount: number;
  order_tax_amount: number;
  order_lines: OrderLine[];
  merchant_reference1: string;
  merchant_reference2: string | null;
  link_reference: string | null;
  description: string | null;
  notes: Record<string, string>;
  invoice_number: string | null;
  has_attachment: boolean;
  customer: LinkCustomer;
  auto_capture: boolean;
  channel: LinkChannel;
  created_at: string;
  created_by: string;
  expires_at: string;
  cancelled_at: string | null;
  completed_at: string | null;
  /** When the customer first opened the payment page, where the provider says (the sandbox does; Kustom does not). */
  opened_at?: string | null | undefined;
  /** Link this one was duplicated from, if any. */
  duplicated_from: string | null;
  messages: LinkMessage[];
}
