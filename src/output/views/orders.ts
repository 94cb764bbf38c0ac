/** How orders, captures, refunds, events and bulk-capture rows look in each output mode. */
import type { Capture, Order, OrderEvent, Refund } from '../../backends/backend.js';
import type { LineProgress } from '../../domain/order-line-selection.js';
import type { RowResult } from '../../services/orders/bulk/bulk-apply.js';
import type { OrderDetails } from '../../services/orders/show-order.js';
import { money, time } from '../cells.js';
import type { Column } from '../render.js';

export const orderColumns: Column<Order>[] = [
  { header: 'Order ID', value: (o) => o.order_id },
  { header: 'Store', value: (o) => o.store_id },
  { header: 'Status', value: (o) => o.status },
  { header: 'Amount', value: (o) => money(o.order_amount, o.purchase_currency), align: 'right' },
  { header: 'Captured', value: (o) => money(o.captured_amount, o.purchase_currency), align: 'right' },
  { header: 'Refunded', value: (o) => money(o.refunded_amount, o.purchase_currency), align: 'right' },
  { header: 'Reference', value: (o) => o.merchant_reference1 },
  { header: 'Email', value: (o) => o.customer.email },
  { header: 'Created', value: (o) => time(o.created_at) },
  { header: 'Expires', value: (o) => time(o.expires_at) },
];

export const captureJson = (c: Capture) => ({ ...c });
export const refundJson = (r: Refund) => ({ ...r });

export const orderJson = (o: Order) => ({
  order_id: o.order_id,
  store_id: o.store_id,
  status: o.status,
  purchase_country: o.purchase_country,
  purchase_currency: o.purchase_currency,
  locale: o.locale,
  order_amount: o.order_amount,
  original_order_amount: o.original_order_amount,
  captured_amount: o.captured_amount,
  refunded_amount: o.refunded_amount,
  remaining_authorized_amount: o.remaining_authorized_amount,
  merchant_reference1: o.merchant_reference1,
  merchant_reference2: o.merchant_reference2,
  klarna_reference: o.klarna_reference,
  customer: o.customer,
  link_id: o.link_id,
  created_at: o.created_at,
  expires_at: o.expires_at,
});

export const orderDetailsJson = (o: OrderDetails) => ({
  ...orderJson(o),
  allowed_operations: o.allowed_operations,
  order_lines: o.lines.map((l, i) => ({ ...o.order_lines[i], captured_quantity: l.captured_quantity, captured_amount: l.captured_amount, refunded_quantity: l.refunded_quantity, refunded_amount: l.refunded_amount })),
  captures: o.captures.map(captureJson),
  refunds: o.refunds.map(refundJson),
});

export const lineColumns = (currency: string): Column<LineProgress>[] => [
  { header: 'Reference', value: (l) => l.reference },
  { header: 'Name', value: (l) => l.name },
  { header: 'Qty', value: (l) => l.quantity, align: 'right' },
  { header: 'Total', value: (l) => money(l.total_amount, currency), align: 'right' },
  { header: 'Captured qty', value: (l) => l.captured_quantity, align: 'right' },
  { header: 'Refunded qty', value: (l) => l.refunded_quantity, align: 'right' },
];

export const captureColumns = (currency: string): Column<Capture>[] => [
  { header: 'Capture ID', value: (c) => c.capture_id },
  { header: 'Amount', value: (c) => money(c.captured_amount, currency), align: 'right' },
  { header: 'Captured', value: (c) => time(c.captured_at) },
  { header: 'Reference', value: (c) => c.reference },
  { header: 'Shipping', value: (c) => c.shipping_info.map((s) => [s.shipping_company, s.tracking_number].filter(Boolean).join(' ')).join('; ') },
];

export const refundColumns = (currency: string): Column<Refund>[] => [
  { header: 'Refund ID', value: (r) => r.refund_id },
  { header: 'Amount', value: (r) => money(r.refunded_amount, currency), align: 'right' },
  { header: 'Refunded', value: (r) => time(r.refunded_at) },
  { header: 'Reference', value: (r) => r.reference },
];

export const eventColumns: Column<OrderEvent>[] = [
  { header: 'At', value: (e) => time(e.at) },
  { header: 'Event', value: (e) => e.type },
  { header: 'Amount', value: (e) => e.amount, align: 'right' },
  { header: 'Detail', value: (e) => e.detail },
];

export const bulkResultColumns: Column<RowResult>[] = [
  { header: 'Row', value: (r) => r.row, align: 'right' },
  { header: 'Input', value: (r) => r.input },
  { header: 'Order ID', value: (r) => r.order_id },
  { header: 'Status', value: (r) => r.status },
  { header: 'Plan', value: (r) => r.classification },
  { header: 'Amount', value: (r) => (r.currency && r.amount > 0 ? money(r.amount, r.currency) : null), align: 'right' },
  { header: 'Capture ID', value: (r) => r.capture_id },
  { header: 'Reason', value: (r) => r.reason },
];

/** One NDJSON line / one CSV row per input row: stable snake_case fields, minor units. */
export const bulkResultJson = (r: RowResult) => ({
  row: r.row,
  input: r.input,
  order_id: r.order_id,
  status: r.status,
  classification: r.classification,
  amount: r.amount,
  currency: r.currency,
  capture_id: r.capture_id,
  capture_reference: r.capture_reference,
  attempts: r.attempts,
  reason: r.reason,
});
