/** `merchant lookup <anything>`: what an identifier names, and for each match the whole story. */
import type { Backend, Dispute, IdentifierKind, PaymentLink } from '../../backends/backend.js';
import { PartialFailureError, TransientError } from '../../errors.js';
import type { SettlementTransaction } from '../../domain/settlement-types.js';
import { nextActions, settlementsOf, storyTimeline, type Settlement, type StoryEvent } from '../../domain/lookup-story.js';
import type { Role } from '../../domain/roles.js';
import { keyRole } from '../auth/key-role.js';
import { describeOrder, type OrderDetails } from '../orders/show-order.js';
import { findMatches, type Match } from './find-matches.js';
import { PART_WORDS, readPart, type Incomplete } from './incomplete.js';

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
  /** The parts of the story not shown, and why (hidden from the key's role, or a read that failed). */
  incomplete: Incomplete[];
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
  /** What the search could not try (a payout's payment reference when the payouts could not be read). */
  incomplete: Incomplete[];
}

export async function lookup(backend: Backend, text: string, options: LookupOptions = {}): Promise<LookupResult> {
  const found = await findMatches(backend, text, options);
  const failed = found.incomplete.filter((i) => i.cause === 'read_failed');
  if (found.matches.length === 0 && failed.length > 0) {
    // Not found would be a guess: the part not tried may hold the answer.
    throw new TransientError(`Nothing found for ${JSON.stringify(found.identifier.text)} so far, but ${failed.map((f) => `${PART_WORDS[f.part]} ${f.reason}`).join('; ')}.`, {
      hint: 'Run the lookup again in a moment.',
      details: { incomplete: failed },
    });
  }
  return { query: found.identifier.text, tried: found.identifier.kinds, matches: found.matches, more: found.more, phone: found.identifier.phone, incomplete: found.incomplete };
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
  const incomplete: Incomplete[] = [];
  const settlements = o ? await readPart('settlements', () => orderSettlements(backend, o.order_id, o.store_id), incomplete, []) : [];
  const disputes = o ? await readPart('disputes', () => orderDisputes(backend, o.order_id, o.store_id), incomplete, []) : [];
  return {
    kind: match.kind,
    order,
    links: match.links,
    settlements,
    disputes,
    timeline: storyTimeline({ links: match.links, order: match.order, events, settlements, disputes }),
    next_actions: nextActions(order, match.links, disputes, now, role),
    incomplete,
  };
}

/**
 * After the answer is shown: a part that could not be read (not one the key's role hides) makes the lookup
 * a partial failure (exit 5), naming each part and why, so a script knows the story is not whole.
 */
export function settleLookup(result: LookupResult, stories: readonly LookupStory[]): void {
  const failed = [...result.incomplete, ...stories.flatMap((s) => s.incomplete)].filter((i) => i.cause === 'read_failed');
  if (failed.length === 0) return;
  const parts = [...new Map(failed.map((f) => [`${f.part}: ${f.reason}`, f])).values()];
  throw new PartialFailureError(`The lookup is shown without ${parts.map((f) => `${PART_WORDS[f.part]} (${f.reason})`).join('; ')}.`, {
    hint: 'The rest of the story stands; run the lookup again to read the missing part.',
    details: { incomplete: parts },
  });
}
