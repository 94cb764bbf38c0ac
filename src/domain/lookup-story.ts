/**
 * The whole story of a payment on one screen (`merchant lookup`): one timeline from the link's creation to
 * the payout, and what can be done next as commands. Pure: the service gathers links, order events and
 * settlement transactions; this puts them in order and words.
 */
import { merchantAction, reversesMoney, words as disputeWords } from './dispute-lifecycle.js';
import { allowedLinkOperations } from './link-lifecycle.js';
import type { Dispute } from './model/dispute.js';
import type { Order, OrderEvent } from './model/order.js';
import type { PaymentLink } from './model/payment-link.js';
import type { OrderOperation } from './order-lifecycle.js';
import { keyMay, type Role } from './roles.js';
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
  | 'settled'
  | DisputeEventType;

/** A dispute's life on the timeline: opened, answered, decided, and its money leaving a payout. */
export type DisputeEventType = 'dispute_opened' | 'dispute_responded' | 'dispute_accepted' | 'dispute_won' | 'dispute_lost' | 'dispute_closed' | 'dispute_reversed';

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

const DECIDED: Partial<Record<Dispute['state'], DisputeEventType>> = { accepted: 'dispute_accepted', won: 'dispute_won', lost: 'dispute_lost', closed: 'dispute_closed' };

/**
 * A dispute's events. Its amount is shown when it is opened (what is challenged) and when it leaves a
 * payout (negative: a lost or accepted dispute's reversal, on the payout's date; a lost one also pays the
 * dispute fee, in the same payout's transactions).
 */
function disputeEvents(d: Dispute, settlements: readonly Settlement[]): StoryEvent[] {
  const out: StoryEvent[] = [
    { at: d.opened_at, type: 'dispute_opened', amount: d.amount, currency: d.currency, detail: `dispute ${d.dispute_id} opened (${d.reason.replace(/_/g, ' ')}); respond by ${d.response_deadline}` },
  ];
  if (d.responded_at) {
    const files = d.evidence.length === 0 ? 'no evidence' : `${d.evidence.length} evidence file${d.evidence.length === 1 ? '' : 's'}`;
    out.push({ at: d.responded_at, type: 'dispute_responded', amount: null, currency: null, detail: `dispute ${d.dispute_id} answered (${files}); under review` });
  }
  const decided = DECIDED[d.state];
  if (decided && d.decided_at) out.push({ at: d.decided_at, type: decided, amount: null, currency: null, detail: `dispute ${d.dispute_id} ${disputeWords(d.state)}` });
  if (d.settled_in && reversesMoney(d.state)) {
    const payout = settlements.find((s) => s.payment_reference === d.settled_in);
    const fee = d.state === 'lost' ? ' with the dispute fee' : '';
    out.push({
      at: payout?.payout_date ?? d.decided_at ?? d.opened_at,
      type: 'dispute_reversed',
      amount: -d.amount,
      currency: d.currency,
      detail: `dispute ${d.dispute_id}: the disputed amount left payout ${d.settled_in}${fee}`,
    });
  }
  return out;
}

/** One timeline, oldest first: links, messages, opening, payment, captures, refunds, cancellation, disputes, payouts. */
export function storyTimeline(input: {
  links: readonly PaymentLink[];
  order: Order | null;
  events: readonly OrderEvent[];
  settlements: readonly Settlement[];
  disputes?: readonly Dispute[];
}): StoryEvent[] {
  const currency = input.order?.purchase_currency ?? null;
  const out: StoryEvent[] = input.links.flatMap(linkEvents);
  for (const e of input.events) {
    out.push({ at: e.at, type: e.type === 'created' ? 'paid' : e.type, amount: e.amount, currency: e.amount === null ? null : currency, detail: e.detail });
  }
  for (const s of input.settlements) {
    out.push({ at: s.payout_date ?? '', type: 'settled', amount: s.net_amount, currency: s.currency, detail: `payout ${s.payment_reference} (net for this order)` });
  }
  for (const d of input.disputes ?? []) out.push(...disputeEvents(d, input.settlements));
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

/**
 * What can be done next, as commands to type: a dispute the merchant may still answer first (it has a
 * deadline), then the order's operations, then the links'. A dispute is offered `respond` and `accept`
 * only while the rule allows it (`merchantAction`: not decided, deadline not passed, not answered twice).
 * Only what the key's Portal `role` may do is offered (`keyMay`: answering disputes needs
 * `disputes.respond`, order operations `orders.manage`, link operations `links.create`, as the provider
 * checks them); a `null` role is one the provider checks on its side, so everything the state allows is offered.
 */
export function nextActions(
  order: { order_id: string; allowed_operations: readonly OrderOperation[] } | null,
  links: readonly PaymentLink[],
  disputes: readonly Dispute[],
  now: Date,
  role: Role | null,
): string[] {
  const out: string[] = [];
  if (keyMay(role, 'disputes.respond')) {
    for (const d of disputes) {
      if (merchantAction(d, 'respond', now).ok) out.push(`merchant disputes respond ${d.dispute_id} --text "<your answer>"`);
      if (merchantAction(d, 'accept', now).ok) out.push(`merchant disputes accept ${d.dispute_id}`);
    }
  }
  if (order && keyMay(role, 'orders.manage')) out.push(...order.allowed_operations.map((op) => ORDER_COMMANDS[op](order.order_id)));
  if (!keyMay(role, 'links.create')) return out;
  for (const link of links) {
    const ops = allowedLinkOperations(link.status);
    if (ops.includes('resend')) out.push(`merchant links resend ${link.link_id}`);
    if (ops.includes('cancel')) out.push(`merchant links cancel ${link.link_id}`);
    if (ops.includes('duplicate') && !order) out.push(`merchant links duplicate ${link.link_id}`);
  }
  return out;
}
