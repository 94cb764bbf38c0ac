/** Maps Order Management order JSON onto the backend interface's Order, Capture and Refund. */
import { effectiveOrderStatus, ORDER_STATUSES, type OrderState, type OrderStatus } from '../../../domain/order-lifecycle.js';
import type { OrderLine, OrderLineType } from '../../../domain/order-lines.js';
import type { Capture, Order, Refund, ShippingInfo } from '../../../domain/model/order.js';
import { amount, str } from '../../../infra/coerce.js';

export type OmJson = Record<string, unknown>;

const arr = (v: unknown): OmJson[] => (Array.isArray(v) ? (v.filter((x) => x !== null && typeof x === 'object') as OmJson[]) : []);

export function toOrderLine(line: OmJson): OrderLine {
  const out: OrderLine = {
    type: (str(line.type) ?? 'physical') as OrderLineType,
    reference: str(line.reference) ?? '',
    name: str(line.name) ?? '',
    quantity: amount(line.quantity, 'order_lines[].quantity'),
    unit_price: amount(line.unit_price, 'order_lines[].unit_price'),
    // Optional in Order Management; absent means none (no tax, no discount).
    tax_rate: amount(line.tax_rate, 'order_lines[].tax_rate', 0),
    total_discount_amount: amount(line.total_discount_amount, 'order_lines[].total_discount_amount', 0),
    total_amount: amount(line.total_amount, 'order_lines[].total_amount'),
    total_tax_amount: amount(line.total_tax_amount, 'order_lines[].total_tax_amount', 0),
  };
  const unit = str(line.quantity_unit);
  if (unit) out.quantity_unit = unit;
  return out;
}

function toShippingInfo(info: OmJson): ShippingInfo {
  const out: ShippingInfo = {};
  for (const k of ['shipping_company', 'shipping_method', 'tracking_number', 'tracking_uri'] as const) {
    const v = info[k];
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number') out[k] = String(v); // Kustom's own example sends tracking numbers as numbers
  }
  return out;
}

export function toCapture(c: OmJson): Capture {
  return {
    capture_id: str(c.capture_id) ?? '',
    captured_amount: amount(c.captured_amount, 'capture.captured_amount'),
    captured_at: str(c.captured_at) ?? '',
    description: str(c.description),
    reference: str(c.reference),
    order_lines: arr(c.order_lines).map(toOrderLine),
    // Absent on a capture nothing was refunded from.
    refunded_amount: amount(c.refunded_amount, 'capture.refunded_amount', 0),
    shipping_info: arr(c.shipping_info).map(toShippingInfo),
  };
}

export function toRefund(r: OmJson): Refund {
  return {
    refund_id: str(r.refund_id) ?? '',
    refunded_amount: amount(r.refunded_amount, 'refund.refunded_amount'),
    refunded_at: str(r.refunded_at) ?? '',
    description: str(r.description),
    reference: str(r.reference),
    order_lines: arr(r.order_lines).map(toOrderLine),
  };
}

function status(value: unknown): OrderStatus {
  const s = (str(value) ?? '').toUpperCase();
  return (ORDER_STATUSES as readonly string[]).includes(s) ? (s as OrderStatus) : 'AUTHORIZED';
}

export function toOrder(om: OmJson, context: { storeId: string; linkId: string | null; now: Date }): Order {
  const billing = (om.billing_address ?? {}) as OmJson;
  const customer: Order['customer'] = {};
  const email = str(billing.email);
  const phone = str(billing.phone);
  if (email) customer.email = email;
  if (phone) customer.phone = phone;
  const name = [str(billing.given_name), str(billing.family_name)].filter(Boolean).join(' ');
  if (name) customer.name = name;
  const expiresAt = str(om.expires_at) ?? '';
  const rawStatus = status(om.status);
  return {
    order_id: str(om.order_id) ?? '',
    store_id: context.storeId,
    status: expiresAt ? effectiveOrderStatus({ status: rawStatus, expires_at: expiresAt }, context.now) : rawStatus,
    purchase_country: (str(om.purchase_country) ?? '').toUpperCase(),
    purchase_currency: (str(om.purchase_currency) ?? '').toUpperCase(),
    locale: str(om.locale) ?? '',
    order_amount: amount(om.order_amount, 'order.order_amount'),
    original_order_amount: amount(om.original_order_amount ?? om.order_amount, 'order.original_order_amount'),
    captured_amount: amount(om.captured_amount, 'order.captured_amount'),
    refunded_amount: amount(om.refunded_amount, 'order.refunded_amount'),
    remaining_authorized_amount: amount(om.remaining_authorized_amount, 'order.remaining_authorized_amount'),
    merchant_reference1: str(om.merchant_reference1),
    merchant_reference2: str(om.merchant_reference2),
    klarna_reference: str(om.klarna_reference) ?? '',
    created_at: str(om.created_at) ?? '',
    expires_at: expiresAt,
    order_lines: arr(om.order_lines).map(toOrderLine),
    captures: arr(om.captures).map(toCapture),
    refunds: arr(om.refunds).map(toRefund),
    customer,
    link_id: context.linkId,
  };
}

/** The snapshot the domain's state rules need. */
export function orderState(order: Order): OrderState {
  return {
    order_id: order.order_id,
    status: order.status,
    order_amount: order.order_amount,
    captured_amount: order.captured_amount,
    refunded_amount: order.refunded_amount,
    remaining_authorized_amount: order.remaining_authorized_amount,
    expires_at: order.expires_at,
    created_at: order.created_at,
    captures_count: order.captures.length,
    purchase_currency: order.purchase_currency,
    purchase_country: order.purchase_country,
  };
}

export function omShippingInfo(info: ShippingInfo): OmJson {
  const out: OmJson = {};
  for (const [k, v] of Object.entries(info)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}
