/** Reads sandbox order rows into the backend's `Order` shape, with the status as of the sandbox clock. */
import { NotFoundError } from '../../../errors.js';
import { effectiveOrderStatus, type OrderState } from '../../../domain/order-lifecycle.js';
import type { OrderLine } from '../../../domain/order-lines.js';
import type { Capture, Order, Refund } from '../../../domain/model/order.js';
import type { Db } from '../database.js';
import { contactFields } from '../contact-fields.js';

export interface OrderRow {
  order_id: string;
  store_id: string;
  link_id: string | null;
  status: 'AUTHORIZED' | 'PART_CAPTURED' | 'CAPTURED' | 'CANCELLED' | 'CLOSED';
  purchase_country: string;
  purchase_currency: string;
  locale: string;
  order_amount: number;
  original_order_amount: number;
  captured_amount: number;
  refunded_amount: number;
  released: number;
  merchant_reference1: string | null;
  merchant_reference2: string | null;
  klarna_reference: string;
  customer_email: string | null;
  customer_phone: string | null;
  customer_name: string | null;
  order_lines: string;
  created_at: string;
  expires_at: string;
}

interface CaptureRow {
  capture_id: string;
  captured_amount: number;
  captured_at: string;
  description: string | null;
  reference: string | null;
  order_lines: string;
  refunded_amount: number;
  shipping_info: string;
}

interface RefundRow {
  refund_id: string;
  refunded_amount: number;
  refunded_at: string;
  description: string | null;
  reference: string | null;
  order_lines: string;
}

/** The columns the order rules read (orderState), with the order's store and lines. */
export type OrderRuleRow = Pick<
  OrderRow,
  'order_id' | 'store_id' | 'status' | 'order_amount' | 'captured_amount' | 'refunded_amount' | 'released' | 'expires_at' | 'created_at' | 'purchase_currency' | 'purchase_country' | 'order_lines'
>;

/** An order about to be captured: its rule columns, how many captures it has and their lines. */
export interface CaptureTargetRow extends OrderRuleRow {
  captures_count: number;
  /** The captures' `order_lines` (JSON arrays) joined by commas; null without captures. */
  captured_lines: string | null;
}

/** The lines an order's captures took (CaptureTargetRow.captured_lines). */
export function capturedLines(row: CaptureTargetRow): OrderLine[] {
  return row.captured_lines === null ? [] : (JSON.parse(`[${row.captured_lines}]`) as OrderLine[][]).flat();
}

export function remainingAuthorized(row: Pick<OrderRow, 'status' | 'released' | 'order_amount' | 'captured_amount'>): number {
  if (row.status === 'CANCELLED' || row.released === 1) return 0;
  return row.order_amount - row.captured_amount;
}

/** The rule-engine view of a row (stored status; the rules compute expiry themselves). */
export function orderState(row: OrderRuleRow, capturesCount: number): OrderState {
  return {
    order_id: row.order_id,
    status: row.status,
    order_amount: row.order_amount,
    captured_amount: row.captured_amount,
    refunded_amount: row.refunded_amount,
    remaining_authorized_amount: remainingAuthorized(row),
    expires_at: row.expires_at,
    created_at: row.created_at,
    captures_count: capturesCount,
    purchase_currency: row.purchase_currency,
    purchase_country: row.purchase_country,
  };
}

export function loadRow(db: Db, orderId: string): OrderRow {
  const row = db.prepare<[string], OrderRow>(`SELECT * FROM orders WHERE order_id = ?`).get(orderId);
  if (!row) throw new NotFoundError('Order', orderId, { hint: 'See: merchant orders list' });
  return row;
}

/**
 * What a capture checks, in one statement: the order's rule columns (not its contact details), its
 * captures' count and their lines. A bulk run captures thousands of orders, and each statement costs about
 * as much as a small write.
 */
export function loadCaptureTarget(db: Db, orderId: string): CaptureTargetRow {
  const row = db
    .prepare<[string], CaptureTargetRow>(
      `SELECT order_id, store_id, status, order_amount, captured_amount, refunded_amount, released, expires_at, created_at, purchase_currency, purchase_country, order_lines,
         (SELECT COUNT(*) FROM captures c WHERE c.order_id = o.order_id) AS captures_count,
         (SELECT group_concat(c.order_lines) FROM captures c WHERE c.order_id = o.order_id) AS captured_lines
       FROM orders o WHERE order_id = ?`,
    )
    .get(orderId);
  if (!row) throw new NotFoundError('Order', orderId, { hint: 'See: merchant orders list' });
  return row;
}

export function toCapture(row: CaptureRow): Capture {
  return {
    capture_id: row.capture_id,
    captured_amount: row.captured_amount,
    captured_at: row.captured_at,
    description: row.description,
    reference: row.reference,
    order_lines: JSON.parse(row.order_lines) as OrderLine[],
    refunded_amount: row.refunded_amount,
    shipping_info: JSON.parse(row.shipping_info) as Capture['shipping_info'],
  };
}

export function toRefund(row: RefundRow): Refund {
  return {
    refund_id: row.refund_id,
    refunded_amount: row.refunded_amount,
    refunded_at: row.refunded_at,
    description: row.description,
    reference: row.reference,
    order_lines: JSON.parse(row.order_lines) as OrderLine[],
  };
}

export function captureRows(db: Db, orderId: string): Capture[] {
  return db.prepare<[string], CaptureRow>(`SELECT * FROM captures WHERE order_id = ? ORDER BY captured_at, rowid`).all(orderId).map(toCapture);
}

export function toOrder(db: Db, row: OrderRow, now: Date): Order {
  const refunds = db.prepare<[string], RefundRow>(`SELECT * FROM refunds WHERE order_id = ? ORDER BY refunded_at, rowid`).all(row.order_id).map(toRefund);
  return orderOf(row, now, captureRows(db, row.order_id), refunds);
}

/** Rows of `table` for a page of orders in one query, by order, each in the order `orderBy` gives. */
function byOrder<R extends { order_id: string }>(db: Db, table: 'captures' | 'refunds', orderBy: string, orderIds: readonly string[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  if (orderIds.length === 0) return out;
  const rows = db.prepare<string[], R>(`SELECT * FROM ${table} WHERE order_id IN (${orderIds.map(() => '?').join(', ')}) ORDER BY order_id, ${orderBy}, rowid`).all(...orderIds);
  for (const row of rows) {
    const list = out.get(row.order_id);
    if (list) list.push(row);
    else out.set(row.order_id, [row]);
  }
  return out;
}

/** A page of orders with their captures and refunds read in one query each (not two per order). */
export function toOrders(db: Db, rows: readonly OrderRow[], now: Date): Order[] {
  const ids = rows.map((r) => r.order_id);
  const captures = byOrder<CaptureRow & { order_id: string }>(db, 'captures', 'captured_at', ids);
  const refunds = byOrder<RefundRow & { order_id: string }>(db, 'refunds', 'refunded_at', ids);
  return rows.map((row) => orderOf(row, now, (captures.get(row.order_id) ?? []).map(toCapture), (refunds.get(row.order_id) ?? []).map(toRefund)));
}

function orderOf(row: OrderRow, now: Date, captures: Capture[], refunds: Refund[]): Order {
  return {
    order_id: row.order_id,
    store_id: row.store_id,
    status: effectiveOrderStatus(row, now),
    purchase_country: row.purchase_country,
    purchase_currency: row.purchase_currency,
    locale: row.locale,
    order_amount: row.order_amount,
    original_order_amount: row.original_order_amount,
    captured_amount: row.captured_amount,
    refunded_amount: row.refunded_amount,
    remaining_authorized_amount: remainingAuthorized(row),
    merchant_reference1: row.merchant_reference1,
    merchant_reference2: row.merchant_reference2,
    klarna_reference: row.klarna_reference,
    created_at: row.created_at,
    expires_at: row.expires_at,
    order_lines: JSON.parse(row.order_lines) as OrderLine[],
    captures,
    refunds,
    customer: contactFields(row.customer_email, row.customer_phone, row.customer_name),
    link_id: row.link_id,
  };
}
