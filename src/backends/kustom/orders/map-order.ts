/** Maps Order Management JSON (reference §4.2) onto the backend interface's Order, Capture and Refund. */
import { effectiveOrderStatus, ORDER_STATUSES, type OrderState, type OrderStatus } from '../../../domain/order-lifecycle.js';
import type { OrderLine, OrderLineType } from '../../../domain/order-lines.js';
import type { Capture, Order, Refund, ShippingInfo } from '../../types/orders.js';

export type OmJson = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const arr = (v: unknown): OmJson[] => (Array.isArray(v) ? (v.filter((x) => x !== null && typeof x === 'object') as OmJson[]) : []);

export function toOrderLine(line: OmJson): OrderLine {
  const out: OrderLine = {
    type: (str(line.type) ?? 'physical') as OrderLineType,
    reference: str(line.reference) ?? '',
    name: str(line.name) ?? '',
    quantity: num(line.quantity),
    unit_price: num(line.unit_price),
    tax_rate: num(line.tax_rate),
    total_discount_amount: num(line.total_discount_amount),
    total_amount: num(line.total_amount),
    total_tax_amount: num(line.total_tax_amount),
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
    captured_amount: num(c.captured_amount),
    captured_at: str(c.captured_at) ?? '',
    description: str(c.description),
    reference: str(c.reference),
    order_lines: arr(c.order_lines).map(toOrderLine),
    refunded_amount: num(c.refunded_amount),
    shipping_info: arr(c.shipping_info).map(toShippingInfo),
  };
}

export function toRefund(r: OmJson): Refund {
  return {
    refund_id: str(r.refund_id) ?? '',
    refunded_amount: num(r.refunded_amount),
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
  const expiresAt = str(om.expires_at) ?? '';
  const rawStatus = status(om.status);
  return {
    order_id: str(om.order_id) ?? '',
    store_id: context.storeId,
    status: expiresAt ? effectiveOrderStatus({ status: rawStatus, expires_at: expiresAt }, context.now) : rawStatus,
    purchase_country: (str(om.purchase_country) ?? '').toUpperCase(),
    purchase_currency: (str(om.purchase_currency) ?? '').toUpperCase(),
    locale: str(om.locale) ?? '',
    order_amount: num(om.order_amount),
    original_order_amount: num(om.original_order_amount ?? om.order_amount),
    captured_amount: num(om.captured_amount),
    refunded_amount: num(om.refunded_amount),
    remaining_authorized_amount: num(om.remaining_authorized_amount),
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

/** Capture request lines: same shape as checkout lines (OM accepts the same fields). */
export function omLine(line: OrderLine): OmJson {
  const out: OmJson = {
    type: line.type,
    reference: line.reference,
    name: line.name,
    quantity: line.quantity,
    unit_price: line.unit_price,
    tax_rate: line.tax_rate,
    total_amount: line.total_amount,
    total_tax_amount: line.total_tax_amount,
  };
  if (line.quantity_unit) out.quantity_unit = line.quantity_unit;
  if (line.total_discount_amount > 0) out.total_discount_amount = line.total_discount_amount;
  return out;
}

export function omShippingInfo(info: ShippingInfo): OmJson {
  const out: OmJson = {};
  for (const [k, v] of Object.entries(info)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}
