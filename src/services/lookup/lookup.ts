/** `merchant lookup <anything>`: what an identifier names, and for each match the whole story. */
import type { Backend, Dispute, IdentifierKind, PaymentLink } from '../../backends/backend.js';
import { isMerchantError } from '../../errors.js';
import type { SettlementTransaction } from '../../domain/settlement-types.js';
import { nextActions, settlementsOf, storyTimeline, type Settlement, type StoryEvent } from '../../domain/lookup-story.js';
import type { Role } from '../../domain/roles.js';
import { keyRole } from '../auth/key-role.js';
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
  /** The order's disputes, newest first; empty on a backend without disputes or for a key that may not see them. */
  disputes: Dispute[];
  timeline: StoryEvent[];
  next_actions: string[];
}

export interface LookupResult {
  query: string;
  /** The kinds the identifier was tried as. */
  tried: IdentifierKind[];
  matches: Match[];
  /** More matched than `limit`: `matches` are the newest. */
  more: boolean;
  /** The phone number the identifier was read as (E.164), when it reads as one. */
  phone: string | undefined;
}

export async function lookup(backend: Backend, text: string, options: LookupOptions = {}): Promise<LookupResult> {
  const found = await findMatches(backend, text, options);
  return { query: found.identifier.text, tried: found.identifier.kinds, matches: found.matches, more: found.more, phone: found.identifier.phone };
}

/**
 * A part of the story the key's Portal role may not see (payouts for a User, disputes for a Read Only key)
 * is left empty rather than refusing the whole lookup: the order and its links are still the answer.
 */
async function unlessHidden<T>(read: () => Promise<T[]>): Promise<T[]> {
  try {
    return await read();
  } catch (error) {
    if (isMerchantError(error) && error.kind === 'auth') return [];
    throw error;
  }
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

/** The order's disputes; a backend without disputes (kustom: no documented API) has none to show. */
async function orderDisputes(backend: Backend, orderId: string, storeId: string): Promise<Dispute[]> {
  const api = backend.disputes;
  if (!api || !backend.capabilities.has('disputes.read')) return [];
  const out: Dispute[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.list({ order_id: orderId, store_id: storeId, pageSize: 100, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return out;
}

/** The whole story of each match, with the next steps the key in use may take (its role is read once). */
export async function tellStories(backend: Backend, matches: readonly Match[]): Promise<LookupStory[]> {
  if (matches.length === 0) return [];
  const role = await keyRole(backend);
  return Promise.all(matches.map((m) => tellStory(backend, m, role)));
}

/** The whole story of one match: the order and links, settlements, disputes, one timeline, next actions. */
async function tellStory(backend: Backend, match: Match, role: Role | null): Promise<LookupStory> {
  const now = backend.clock.now();
  const order = match.order ? describeOrder(match.order, now) : null;
  const events = match.order && backend.orders ? await backend.orders.timeline(match.order.order_id) : [];
  const o = match.order;
  const settlements = o ? await unlessHidden(() => orderSettlements(backend, o.order_id, o.store_id)) : [];
  const disputes = o ? await unlessHidden(() => orderDisputes(backend, o.order_id, o.store_id)) : [];
  return {
    kind: match.kind,
    order,
    links: match.links,
    settlements,
    disputes,
    timeline: storyTimeline({ links: match.links, order: match.order, events, settlements, disputes }),
    next_actions: nextActions(order, match.links, disputes, now, role),
  };
}
