/** How orders, captures, refunds and events look in each output mode, and what a write on one order says. */
import type { Writable } from 'node:stream';
import type { Capture, Order, OrderEvent, Refund } from '../../domain/model/order.js';
import { formatMoney } from '../../domain/money.js';
import type { LineProgress } from '../../domain/order-line-selection.js';
import type { CaptureDone, RefundDone, StateChangeDone } from '../../services/orders/confirmed-write.js';
import type { StateChange } from '../../services/orders/order-state-change.js';
import type { OrderDetails } from '../../services/orders/show-order.js';
import { money, time, type CellValue } from '../cells.js';
import type { Logger } from '../logger.js';
import { renderList, renderRecord, writeJson, type Column, type RenderTarget } from '../render.js';

export const orderColumns: Column<Order>[] = [
  { header: 'Order ID', value: (o) => o.order_id },
  { header: 'Store', value: (o) => o.store_id, priority: 3 },
  { header: 'Status', value: (o) => o.status },
  { header: 'Amount', value: (o) => money(o.order_amount, o.purchase_currency), align: 'right' },
  { header: 'Captured', value: (o) => money(o.captured_amount, o.purchase_currency), align: 'right', priority: 2 },
  { header: 'Refunded', value: (o) => money(o.refunded_amount, o.purchase_currency), align: 'right', priority: 3 },
  { header: 'Reference', value: (o) => o.merchant_reference1, priority: 2 },
  { header: 'Email', value: (o) => o.customer.email, priority: 3, truncate: true },
  { header: 'Created', value: (o) => time(o.created_at), priority: 2 },
  { header: 'Expires', value: (o) => time(o.expires_at), priority: 4 },
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
  { header: 'Reference', value: (l) => l.reference, priority: 2 },
  { header: 'Name', value: (l) => l.name, truncate: true },
  { header: 'Qty', value: (l) => l.quantity, align: 'right' },
  { header: 'Total', value: (l) => money(l.total_amount, currency), align: 'right' },
  // Captures and refunds by amount name no line: these count only what was captured or refunded by line.
  { header: 'Captured qty (by line)', value: (l) => l.captured_quantity, align: 'right', priority: 2 },
  { header: 'Refunded qty (by line)', value: (l) => l.refunded_quantity, align: 'right', priority: 2 },
];

/** What a capture or refund took: its lines, or an amount that names no line. */
const linesTaken = (lines: readonly { quantity: number }[]): string =>
  lines.length === 0 ? 'amount only' : `${lines.length} line${lines.length === 1 ? '' : 's'}`;

/** The part of an order's captures (or refunds) made by amount, naming no line. */
export function byAmount<T extends { order_lines: readonly unknown[] }>(items: readonly T[], amount: (item: T) => number): number {
  return items.filter((i) => i.order_lines.length === 0).reduce((n, i) => n + amount(i), 0);
}

export const captureColumns = (currency: string): Column<Capture>[] => [
  { header: 'Capture ID', value: (c) => c.capture_id },
  { header: 'Amount', value: (c) => money(c.captured_amount, currency), align: 'right' },
  { header: 'Lines', value: (c) => linesTaken(c.order_lines), priority: 2, truncate: true },
  { header: 'Captured', value: (c) => time(c.captured_at), priority: 2 },
  { header: 'Reference', value: (c) => c.reference, priority: 2 },
  { header: 'Shipping', value: (c) => c.shipping_info.map((s) => [s.shipping_company, s.tracking_number].filter(Boolean).join(' ')).join('; '), priority: 4, truncate: true },
];

export const refundColumns = (currency: string): Column<Refund>[] => [
  { header: 'Refund ID', value: (r) => r.refund_id },
  { header: 'Amount', value: (r) => money(r.refunded_amount, currency), align: 'right' },
  { header: 'Lines', value: (r) => linesTaken(r.order_lines), priority: 2, truncate: true },
  { header: 'Refunded', value: (r) => time(r.refunded_at), priority: 3 },
  { header: 'Reference', value: (r) => r.reference, priority: 2 },
];

export const eventColumns = (currency: string): Column<OrderEvent>[] => [
  { header: 'At', value: (e) => time(e.at) },
  { header: 'Event', value: (e) => e.type },
  { header: 'Amount', value: (e) => (e.amount === null ? null : money(e.amount, currency)), align: 'right' },
  { header: 'Detail', value: (e) => e.detail, priority: 2, truncate: true },
];

/** One timeline event as JSON: a list item that names its order and the amount's currency. */
export const eventJson = (order: Order) => (e: OrderEvent) => ({
  order_id: order.order_id,
  at: e.at,
  type: e.type,
  amount: e.amount,
  currency: order.purchase_currency,
  detail: e.detail,
});

export async function renderOrderList(target: RenderTarget, rows: readonly Order[] | AsyncIterable<readonly Order[]>): Promise<void> {
  await renderList(target, rows, orderColumns, (r) => r.map(orderJson), { empty: 'No orders match.' });
}

export function orderFields(o: OrderDetails): [string, CellValue][] {
  const cur = o.purchase_currency;
  return [
    ['Order ID', o.order_id],
    ['Store', o.store_id],
    ['Status', o.status],
    ['Order amount', money(o.order_amount, cur)],
    ['Captured', money(o.captured_amount, cur)],
    ['Refunded', money(o.refunded_amount, cur)],
    ['Remaining authorized', money(o.remaining_authorized_amount, cur)],
    ['Authorization expires', time(o.expires_at)],
    ...amountOnly('Captured by amount (no lines)', byAmount(o.captures, (c) => c.captured_amount), cur),
    ...amountOnly('Refunded by amount (no lines)', byAmount(o.refunds, (r) => r.refunded_amount), cur),
    ['Merchant reference', o.merchant_reference1],
    ['Merchant reference 2', o.merchant_reference2],
    ['Kustom reference', o.klarna_reference],
    ['Payment link', o.link_id],
    ['Customer email', o.customer.email],
    ['Customer phone', o.customer.phone],
    ['Created', time(o.created_at)],
    ['You can', o.allowed_operations.join(', ') || 'nothing (final state)'],
  ];
}

function amountOnly(label: string, minor: number, currency: string): [string, CellValue][] {
  return minor === 0 ? [] : [[label, money(minor, currency)]];
}

export async function renderOrderDetails(target: RenderTarget, o: OrderDetails): Promise<void> {
  const cur = o.purchase_currency;
  await renderRecord(target, orderFields(o), orderDetailsJson(o), [
    { title: 'Lines', rows: o.lines, columns: lineColumns(cur) },
    { title: 'Captures', rows: o.captures, columns: captureColumns(cur) },
    { title: 'Refunds', rows: o.refunds, columns: refundColumns(cur) },
  ]);
}

export async function renderOrderTimeline(target: RenderTarget, timeline: { order: Order; events: readonly OrderEvent[] }): Promise<void> {
  const { order } = timeline;
  await renderList(target, timeline.events, eventColumns(order.purchase_currency), (rows) => rows.map(eventJson(order)));
}

/** Where a write on one order reports: its result on stdout, what happened on stderr. */
export interface WriteReport {
  io: { stdout: Writable };
  logger: Pick<Logger, 'info' | 'success'>;
}

/** The question before a capture / refund is sent (also the live guard's action words, without "?"). */
export const question = (action: string): string => `${action.charAt(0).toUpperCase()}${action.slice(1)}?`;

/** Said before re-sending a request whose earlier outcome is unknown and not visible on the order. */
export function resumedNotice(what: 'capture' | 'refund' | StateChange): string {
  if (what === 'capture' || what === 'refund') {
    return `An earlier run of this ${what} ended with an unknown outcome and the order does not show it; sending the same request with the same idempotency key (the provider answers with the first ${what} if it was made).`;
  }
  return `An earlier run of this ${what} ended with an unknown outcome; sending the same request with the same idempotency key.`;
}

export function renderCaptureDone(out: WriteReport, done: CaptureDone, json: boolean): void {
  const { order, capture } = done;
  if (json) writeJson(out.io, { order_id: order.order_id, status: done.existing ? 'already_captured' : 'captured', ...capture });
  else out.io.stdout.write(`${capture.capture_id}\n`);
  if (done.existing) {
    const why = done.existing === 'reconciled' ? 'an earlier run of this capture ended with an unknown outcome; the order shows it was made' : `reference ${JSON.stringify(capture.reference)} is already captured`;
    out.logger.success(`Already captured: ${why} (capture ${capture.capture_id}, ${formatMoney(capture.captured_amount, order.purchase_currency)}). Nothing was sent.`);
    return;
  }
  out.logger.success(`Captured ${formatMoney(done.amount, order.purchase_currency)} on order ${order.order_id} (capture ${capture.capture_id}).`);
}

export function renderRefundDone(out: WriteReport, done: RefundDone, json: boolean): void {
  const { order, refund } = done;
  if (json) writeJson(out.io, { order_id: order.order_id, status: done.existing ? 'already_refunded' : 'refunded', ...refund });
  else out.io.stdout.write(`${refund.refund_id}\n`);
  if (done.existing) {
    const why = done.existing === 'reconciled' ? 'an earlier run of this refund ended with an unknown outcome; the order shows it was made' : `reference ${JSON.stringify(refund.reference)} is already refunded`;
    out.logger.success(`Already refunded: ${why} (refund ${refund.refund_id}, ${formatMoney(refund.refunded_amount, order.purchase_currency)}). Nothing was sent.`);
    return;
  }
  out.logger.success(`Refunded ${formatMoney(done.amount, order.purchase_currency)} on order ${order.order_id} (refund ${refund.refund_id}).`);
}

export function renderStateChangeDone(out: WriteReport, change: StateChange, done: StateChangeDone, doneWords: string, json: boolean): void {
  if (done.alreadyDone) out.logger.info(`An earlier run of this ${change} ended with an unknown outcome; the order shows it was done. Nothing was sent.`);
  const { order } = done;
  if (json) writeJson(out.io, orderJson(order));
  else out.io.stdout.write(`${order.order_id}\t${order.status}\t${order.expires_at}\n`);
  out.logger.success(`${doneWords} order ${order.order_id} (now ${order.status}).`);
}
