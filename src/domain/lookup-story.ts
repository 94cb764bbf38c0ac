/**
 * The whole story of a payment on one screen (`merchant lookup`): one timeline from the link's creation to
 * the payout, and what can be done next as commands. Pure: the service gathers links, order events and
 * settlement transactions; this puts them in order and words.
 */
import { allowedLinkOperations } from './link-lifecycle.js';
import type { Order, OrderEvent } from './model/order.js';
import type { PaymentLink } from './model/payment-link.js';
import type { OrderOperation } from './order-lifecycle.js';
import type { SettlementTransaction } from './settlement-types.js';

export type StoryEventType =
  | 'link_created'
  | 'message_sent'
  | 'message_scheduled'
  | 'message_failed'
  | 'opened'
  | 'link_cancelled'
  | 'paid'
  | OrderEvent['type']
  | 'settled';

export interface StoryEvent {
  at: string;
  type: StoryEventType;
  /** Minor units in `currency`; null when the event moves no money. */
  amount: number | null;
  currency: string | null;
  detail: string;
}

/** This order's part of one payout: the sum of its transactions there (sales less fees and returns). */
export interface Settlement {
  payment_reference: string;
  payout_date: string | null;
  currency: string;
  net_amount: number;
  transaction_count: number;
}

/** Groups an order's settlement transactions by payout, in payout order. */
export function settlementsOf(transactions: readonly SettlementTransaction[], payoutDates: ReadonlyMap<string, string>): Settlement[] {
  const byPayout = new Map<string, Settlement>();
  for (const t of transactions) {
    if (!t.payment_reference) continue;
    const s = byPayout.get(t.payment_reference) ?? {
      payment_reference: t.payment_reference,
      payout_date: payoutDates.get(t.payment_reference) ?? null,
      currency: t.currency_code,
      net_amount: 0,
      transaction_count: 0,
    };
    s.net_amount += t.amount;
    s.transaction_count += 1;
    byPayout.set(t.payment_reference, s);
  }
  return [...byPayout.values()].sort((a, b) => (a.payout_date ?? '').localeCompare(b.payout_date ?? ''));
}

function linkEvents(link: PaymentLink): StoryEvent[] {
  const cur = link.purchase_currency;
  const out: StoryEvent[] = [{ at: link.created_at, type: 'link_created', amount: link.order_amount, currency: cur, detail: `link ${link.link_id} created by ${link.created_by}` }];
  for (const m of link.messages) {
    if (m.status === 'sent' && m.sent_at) out.push({ at: m.sent_at, type: 'message_sent', amount: null, currency: null, detail: `${m.channel} to ${m.recipient}` });
    else if (m.status === 'scheduled') out.push({ at: m.scheduled_for ?? m.created_at, type: 'message_scheduled', amount: null, currency: null, detail: `${m.channel} to ${m.recipient} (scheduled)` });
    else if (m.status === 'failed') out.push({ at: m.created_at, type: 'message_failed', amount: null, currency: null, detail: `${m.channel} to ${m.recipient} not sent: ${m.detail ?? 'failed'}` });
  }
  if (link.opened_at) out.push({ at: link.opened_at, type: 'opened', amount: null, currency: null, detail: 'payment page opened' });
  if (link.cancelled_at) out.push({ at: link.cancelled_at, type: 'link_cancelled', amount: null, currency: null, detail: `link ${link.link_id} cancelled` });
  return out;
}

/** One timeline, oldest first: links, messages, opening, payment, captures, refunds, cancellation, payouts. */
export function storyTimeline(input: { links: readonly PaymentLink[]; order: Order | null; events: readonly OrderEvent[]; settlements: readonly Settlement[] }): StoryEvent[] {
  const currency = input.order?.purchase_currency ?? null;
  const out: StoryEvent[] = input.links.flatMap(linkEvents);
  for (const e of input.events) {
    out.push({ at: e.at, type: e.type === 'created' ? 'paid' : e.type, amount: e.amount, currency: e.amount === null ? null : currency, detail: e.detail });
  }
  for (const s of input.settlements) {
    out.push({ at: s.payout_date ?? '', type: 'settled', amount: s.net_amount, currency: s.currency, detail: `payout ${s.payment_reference} (net for this order)` });
  }
  // Stable: events at the same instant keep the order they happen in (created before sent, captured before refunded).
  return out.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => a.at.localeCompare(b.at) || i - j).map(([e]) => e);
}

const ORDER_COMMANDS: Record<OrderOperation, (id: string) => string> = {
  capture: (id) => `merchant orders capture ${id}`,
  refund: (id) => `merchant orders refund ${id} --amount <amount>`,
  cancel: (id) => `merchant orders cancel ${id}`,
  release: (id) => `merchant orders release ${id}`,
  extend: (id) => `merchant orders extend ${id}`,
};

/** What can be done next, as commands to type. */
export function nextActions(order: { order_id: string; allowed_operations: readonly OrderOperation[] } | null, links: readonly PaymentLink[]): string[] {
  const out = order ? order.allowed_operations.map((op) => ORDER_COMMANDS[op](order.order_id)) : [];
  for (const link of links) {
    const ops = allowedLinkOperations(link.status);
    if (ops.includes('resend')) out.push(`merchant links resend ${link.link_id}`);
    if (ops.includes('cancel')) out.push(`merchant links cancel ${link.link_id}`);
    if (ops.includes('duplicate') && !order) out.push(`merchant links duplicate ${link.link_id}`);
  }
  return out;
}
