/**
 * Payment links: a checkout order wrapped in a hosted payment page session, sent to a customer.
 * Field names follow Kustom's where Kustom has the concept (snake_case), so `--json` is stable and the
 * kustom backend maps 1:1.
 */
import type { LinkStatus } from '../../domain/link-lifecycle.js';
import type { OrderLine } from '../../domain/order-lines.js';
import type { Page, PageRequest, WriteOptions } from './common.js';
import type { LinkMatch, SearchQuery } from './search.js';
import type { LinkCustomer, LinkDelivery, LinkAttachment, LinkMessage, PaymentLink } from '../../domain/model/payment-link.js';

export interface CreateLinkRequest {
  store_id: string;
  purchase_country: string;
  purchase_currency: string;
  locale: string;
  order_amount: number;
  order_tax_amount: number;
  order_lines: OrderLine[];
  merchant_reference1: string;
  merchant_reference2?: string | undefined;
  customer: LinkCustomer;
  auto_capture: boolean;
  delivery: LinkDelivery;
  /** ISO; already validated against the 48-hour rule by the service. */
  expires_at: string;
  /** Merchant's own link reference, unique per store. */
  link_reference?: string | undefined;
  description?: string | undefined;
  notes: Record<string, string>;
  invoice_number?: string | undefined;
  attachment?: LinkAttachment | undefined;
  /** Who created it (user@host, or the key's name), shown in history as the portal does. */
  created_by: string;
  /** The cancelled or expired link this one copies (`links duplicate`). */
  duplicated_from?: string | undefined;
}

export interface LinkQuery extends PageRequest {
  store_id?: string | undefined;
  statuses?: LinkStatus[] | undefined;
  created_from?: string | undefined;
  created_to?: string | undefined;
  /** Matches merchant_reference1/2 or link_reference. */
  reference?: string | undefined;
  /** The customer's phone (E.164, exact) or email (a prefix of it, case-insensitive: `anna`, `anna@ex`). */
  contact?: string | undefined;
}

export interface LinksApi {
  create(request: CreateLinkRequest, options: WriteOptions): Promise<PaymentLink>;
  /**
   * Creates several links atomically (all or none), each with its own idempotency key; optional — a
   * backend without transactions leaves it out and bulk create falls back to one `create` per row.
   */
  createMany?(items: readonly { request: CreateLinkRequest; idempotencyKey: string }[]): Promise<PaymentLink[]>;
  get(linkId: string): Promise<PaymentLink>;
  findByReference(storeId: string, linkReference: string): Promise<PaymentLink | undefined>;
  /** Links an identifier names (see `SearchQuery`), newest first, each with the kind that matched. */
  search(query: SearchQuery): Promise<LinkMatch[]>;
  /** Newest first. */
  list(query: LinkQuery): Promise<Page<PaymentLink>>;
  cancel(linkId: string): Promise<PaymentLink>;
  /** Sends (or schedules) a message with the link to the customer. */
  send(linkId: string, delivery: LinkDelivery & { recipient?: string | undefined }): Promise<LinkMessage>;
  /**
   * Sends every scheduled message that is due; safe to run twice at once. Once `stopped()` is true no
   * further message is sent: the rest stay scheduled for the next dispatch.
   */
  dispatchDue(options?: { stopped?: () => boolean }): Promise<LinkMessage[]>;
}

/** What only the sandbox can do with links: act as the customer, and show what was "sent". */
export interface SandboxLinksControlApi {
  /** Messages the sandbox would have sent, oldest first; one link's when `linkId` is given. */
  outbox(linkId?: string): Promise<LinkMessage[]>;
  /** The customer opens the payment page: created/failed → in_progress. */
  open(linkId: string): Promise<PaymentLink>;
  /**
   * The customer pays: the link turns completed and an authorized order (captured with auto-capture) is
   * created in the same transaction. With `decline`, the payment is refused and the link turns failed.
   */
  pay(linkId: string, options?: { decline?: boolean }): Promise<PaymentLink>;
}
