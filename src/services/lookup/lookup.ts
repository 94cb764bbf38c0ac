/** `merchant lookup <anything>`: what an identifier names, and for each match the whole story. */
import type { Backend, IdentifierKind, PaymentLink } from '../../backends/backend.js';
import type { SettlementTransaction } from '../../domain/settlement-types.js';
import { nextActions, settlementsOf, storyTimeline, type Settlement, type StoryEvent } from '../../domain/lookup-story.js';
import { describeOrder, type OrderDetails } from '../orders/show-order.js';
import { findMatches, type Match } from './find-matches.js';

export interface LookupOptions {
  storeId?: string | undefined;
  limit?: number | undefined;
}

/** One match told in full (`--json` shape: see README "merchant lookup"). */
export interface LookupStory {
  kind: IdentifierKind;
  order: OrderDetails | null;
  links: PaymentLink[];
  settlements: Settlement[];
  timeline: StoryEvent[];
  next_actions: string[];
}

export interface LookupResult {
  query: string;
  /** The kinds the identifier was tried as. */
  tried: IdentifierKind[];
  matches: Match[];
}

export async function lookup(backend: Backend, text: string, options: LookupOptions = {}): Promise<LookupResult> {
  const found = await findMatches(backend, text, options);
  return { query: found.identifier.text, tried: found.identifier.kinds, matches: found.matches };
}

async function orderSettlements(backend: Backend, orderId: string, storeId: string): Promise<Settlement[]> {
  const api = backend.settlements;
  if (!api || !backend.capabilities.has('settlements.read')) return [];
  const transactions: SettlementTransaction[] = [];
  for await (const t of api.transactions({ order_id: orderId, store_id: storeId })) transactions.push(t);
  const dates = new Map<string, string>();
  for (const reference of new Set(transactions.map((t) => t.payment_reference).filter((r): r is string => r !== null))) {
    dates.set(reference, (await api.getPayout(reference)).payout_date);
  }
  return settlementsOf(transactions, dates);
}

/** The whole story of one match: the order and links, settlements, one timeline, next actions. */
export async function tellStory(backend: Backend, match: Match): Promise<LookupStory> {
  const now = backend.clock.now();
  const order = match.order ? describeOrder(match.order, now) : null;
  const events = match.order && backend.orders ? await backend.orders.timeline(match.order.order_id) : [];
  const settlements = match.order ? await orderSettlements(backend, match.order.order_id, match.order.store_id) : [];
  return {
    kind: match.kind,
    order,
    links: match.links,
    settlements,
    timeline: storyTimeline({ links: match.links, order: match.order, events, settlements }),
    next_actions: nextActions(order, match.links),
  };
}
