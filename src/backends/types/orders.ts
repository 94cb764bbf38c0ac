/** Orders in Order Management: read, capture, refund, cancel, release, extend. Kustom field names. */
import type { OrderStatus } from '../../domain/order-lifecycle.js';
import type { OrderLine } from '../../domain/order-lines.js';
import type { Page, PageRequest, WriteOptions } from './common.js';
import type { OrderMatch, SearchQuery } from './search.js';
import type { ShippingInfo, Capture, Refund, Order, OrderEvent } from '../../domain/model/order.js';

export interface CaptureRequest {
  captured_amount: number;
  description?: string | undefined;
  reference?: string | undefined;
  order_lines?: OrderLine[] | undefined;
  shipping_info?: ShippingInfo[] | undefined;
}

export interface RefundRequest {
  refunded_amount: number;
  description?: string | undefined;
  reference?: string | undefined;
  order_lines?: OrderLine[] | undefined;
}

export interface OrderQuery extends PageRequest {
  store_id?: string | undefined;
  statuses?: OrderStatus[] | undefined;
  created_from?: string | undefined;
  created_to?: string | undefined;
  /** Merchant reference 1/2 or Kustom reference, exact, case-insensitive. */
  reference?: string | undefined;
  /** Customer email, exact, case-insensitive. */
  email?: string | undefined;
  /** Customer phone, E.164. */
  phone?: string | undefined;
  /** Customer name: each word starts a word of the name, case- and accent-insensitive (`nameMatches`). */
  name?: string | undefined;
  /** Prefix, case-insensitive, of a reference or email; or a name, as `name`. */
  search?: string | undefined;
}

export interface OrdersApi {
  /**
   * True when `capture` checks against WriteOptions.snapshot instead of reading the order (Kustom: a
   * request saved per order). Without it the snapshot is ignored, so a bulk plan does not keep one.
   */
  readonly usesSnapshot?: boolean;
  /** True when `capture` awaits WriteOptions.beforeSend before each request it sends (Kustom). */
  readonly gatesSends?: boolean;
  /**
   * Set by a provider that does no network I/O and commits the captures asked for in one turn of the event
   * loop together (the sandbox): how many rows a bulk run keeps in flight at least, whatever --concurrency
   * says, so that its commits are few and large; its plan reads that many orders at a time (`getMany`).
   * Absent for a remote provider: there --concurrency is the number of requests out at once.
   */
  readonly captureGroup?: number;
  get(orderId: string): Promise<Order>;
  /**
   * The orders these IDs name, in the order asked; an ID that names no order is left out (the caller may
   * try it as a reference). Each order is read as `get` reads it and refused as `get` refuses it (a store
   * the key may not view). The sandbox reads a batch in three queries; Kustom GETs each order in turn.
   */
  getMany(orderIds: readonly string[]): Promise<Order[]>;
  findByReference(storeId: string | undefined, merchantReference: string): Promise<Order | undefined>;
  list(query: OrderQuery): Promise<Page<Order>>;
  timeline(orderId: string): Promise<OrderEvent[]>;
  /** Orders an identifier names (see `SearchQuery`), newest first, each with the kind that matched. */
  search(query: SearchQuery): Promise<OrderMatch[]>;
  capture(orderId: string, request: CaptureRequest, options: WriteOptions): Promise<Capture>;
  refund(orderId: string, request: RefundRequest, options: WriteOptions): Promise<Refund>;
  cancel(orderId: string, options: WriteOptions): Promise<Order>;
  releaseRemaining(orderId: string, options: WriteOptions): Promise<Order>;
  extendAuthorization(orderId: string, options: WriteOptions): Promise<Order>;
  addShippingInfo(orderId: string, captureId: string, info: ShippingInfo[], options: WriteOptions): Promise<void>;
}
