/**
 * Test-only control operations under `/__fake/` (not part of Kustom, not validated against OpenAPI), and the
 * helpers behind `FakeKustom.seedOrder` / `completeSession`.
 */
import { errorReply, iso, newId, shortReference, type Reply } from './reply.js';
import type { FakeOmOrder, FakeState, HppStatus, Json, OmStatus } from './state.js';

const DAY_MS = 86_400_000;

/** Partial OM order accepted by seedOrder; omitted fields get sensible defaults (a 10 000 SEK-minor order). */
export type SeedOrder = Partial<Omit<FakeOmOrder, 'captures' | 'refunds'>> & {
  captures?: FakeOmOrder['captures'];
  refunds?: FakeOmOrder['refunds'];
};

export function createOmOrder(state: FakeState, seed: SeedOrder, now: Date): FakeOmOrder {
  const lines = seed.order_lines ?? [
    {
      type: 'physical',
      reference: 'SKU-1',
      name: 'Fake item',
      quantity: 1,
      unit_price: seed.order_amount ?? 10_000,
      tax_rate: 2500,
      total_amount: seed.order_amount ?? 10_000,
      total_tax_amount: Math.round((seed.order_amount ?? 10_000) * 0.2),
    },
  ];
  const orderAmount = seed.order_amount ?? lines.reduce((acc, l) => acc + (typeof l.total_amount === 'number' ? l.total_amount : 0), 0);
  const captured = seed.captured_amount ?? (seed.captures ?? []).reduce((acc, c) => acc + c.captured_amount, 0);
  const refunded = seed.refunded_amount ?? (seed.refunds ?? []).reduce((acc, r) => acc + r.refunded_amount, 0);
  const status: OmStatus = seed.status ?? (captured === 0 ? 'AUTHORIZED' : captured >= orderAmount ? 'CAPTURED' : 'PART_CAPTURED');
  const open = status === 'AUTHORIZED' || status === 'PART_CAPTURED';
  const order: FakeOmOrder = {
    order_id: seed.order_id ?? newId(),
    status,
    fraud_status: seed.fraud_status ?? 'ACCEPTED',
    order_amount: orderAmount,
    original_order_amount: seed.original_order_amount ?? orderAmount,
    captured_amount: captured,
    refunded_amount: refunded,
    remaining_authorized_amount: seed.remaining_authorized_amount ?? (open ? orderAmount - captured : 0),
    purchase_currency: seed.purchase_currency ?? 'SEK',
    purchase_country: seed.purchase_country ?? 'SE',
    locale: seed.locale ?? 'sv-SE',
    klarna_reference: seed.klarna_reference ?? shortReference(),
    order_lines: lines,
    captures: seed.captures ?? [],
    refunds: seed.refunds ?? [],
    shipping_info: seed.shipping_info ?? [],
    created_at: seed.created_at ?? iso(now),
    expires_at: seed.expires_at ?? new Date(now.getTime() + 28 * DAY_MS).toISOString(),
    acknowledged: seed.acknowledged ?? false,
  };
  for (const key of ['merchant_reference1', 'merchant_reference2', 'merchant_data'] as const) {
    const v = seed[key];
    if (v !== undefined) order[key] = v;
  }
  if (seed.billing_address) order.billing_address = seed.billing_address;
  if (seed.shipping_address) order.shipping_address = seed.shipping_address;
  state.orders.set(order.order_id, order);
  return order;
}

/** Turns an HPP session COMPLETED and creates the AUTHORIZED OM order from its checkout order. */
export function completeSession(state: FakeState, sessionId: string, now: Date): FakeOmOrder | Reply {
  const session = state.sessions.get(sessionId);
  if (!session) return errorReply(404, 'NOT_FOUND', [`Session ${sessionId} not found`]);
  if (session.status === 'COMPLETED' && session.order_id) {
    const existing = state.orders.get(session.order_id);
    if (existing) return existing;
  }
  if (session.status === 'DISABLED' || session.status === 'CANCELLED') {
    return errorReply(400, 'CONSTRAINT_VIOLATION', [`Session is ${session.status}`]);
  }
  const checkout = state.checkoutOrders.get(session.checkout_order_id);
  if (!checkout) return errorReply(404, 'NOT_FOUND', ['Checkout order not found']);
  const d = checkout.data;
  const seed: SeedOrder = {
    order_id: checkout.order_id,
    order_amount: typeof d.order_amount === 'number' ? d.order_amount : 0,
    purchase_currency: typeof d.purchase_currency === 'string' ? d.purchase_currency : 'SEK',
    purchase_country: typeof d.purchase_country === 'string' ? d.purchase_country : 'SE',
    locale: typeof d.locale === 'string' ? d.locale : 'sv-SE',
    order_lines: Array.isArray(d.order_lines) ? (d.order_lines as Json[]) : [],
  };
  if (typeof d.merchant_reference1 === 'string') seed.merchant_reference1 = d.merchant_reference1;
  if (typeof d.merchant_reference2 === 'string') seed.merchant_reference2 = d.merchant_reference2;
  if (typeof d.merchant_data === 'string') seed.merchant_data = d.merchant_data;
  if (d.billing_address && typeof d.billing_address === 'object') seed.billing_address = d.billing_address as Json;
  if (d.shipping_address && typeof d.shipping_address === 'object') seed.shipping_address = d.shipping_address as Json;
  const order = createOmOrder(state, seed, now);
  checkout.status = 'checkout_complete';
  checkout.completed_at = iso(now);
  session.status = 'COMPLETED';
  session.order_id = order.order_id;
  session.klarna_reference = order.klarna_reference;
  session.updated_at = iso(now);
  return order;
}

export function setSessionStatus(state: FakeState, sessionId: string, status: HppStatus, now: Date): Reply | undefined {
  const session = state.sessions.get(sessionId);
  if (!session) return errorReply(404, 'NOT_FOUND', [`Session ${sessionId} not found`]);
  session.status = status;
  session.updated_at = iso(now);
  return undefined;
}
