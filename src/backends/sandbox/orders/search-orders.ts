/** `orders.search` in the sandbox: each identifier kind through its own index (see search-sql.ts). */
import { isNameQuery } from '../../../domain/name-words.js';
import type { OrderQuery } from '../../types/orders.js';
import type { OrderMatch, SearchQuery } from '../../types/search.js';
import type { SandboxAccess } from '../access.js';
import type { Db } from '../database.js';
import { idsOf, matchIds, newestFirst, prefixSql, textOf, type KindStatement, type KindStatements } from '../search-sql.js';
import { nameMatchSql, nameQueryCannotMatch, nameWordsSql, wordsStartingWith } from './name-words-sql.js';
import { toOrder, type OrderRow } from './order-rows.js';

const STATEMENTS: KindStatements = {
  order_id: { sql: `SELECT order_id AS id FROM orders WHERE order_id = @v`, value: textOf },
  link_id: { sql: `SELECT order_id AS id FROM orders WHERE link_id = @v`, value: textOf },
  link_url: { sql: `SELECT order_id AS id FROM orders WHERE link_id = @v`, value: (q) => q.link_id },
  klarna_reference: { sql: `SELECT order_id AS id FROM orders WHERE klarna_reference = @v COLLATE NOCASE`, value: textOf },
  merchant_reference: {
    sql: `SELECT order_id AS id FROM orders WHERE merchant_reference1 = @v COLLATE NOCASE UNION SELECT order_id FROM orders WHERE merchant_reference2 = @v COLLATE NOCASE`,
    value: textOf,
  },
  capture_id: { sql: `SELECT order_id AS id FROM captures WHERE capture_id = @v`, value: textOf },
  refund_id: { sql: `SELECT order_id AS id FROM refunds WHERE refund_id = @v`, value: textOf },
  capture_reference: { sql: `SELECT order_id AS id FROM captures WHERE reference = @v COLLATE NOCASE`, value: textOf },
  email: { sql: `SELECT order_id AS id FROM orders WHERE customer_email = @v COLLATE NOCASE`, value: (q) => q.email },
  phone: { sql: `SELECT order_id AS id FROM orders WHERE customer_phone = @v`, value: (q) => q.phone },
};

/** The name kind: none when a query word starts no name word, which would walk every order of the others. */
const nameStatement = (db: Db): KindStatement => ({
  build: (q) => (nameQueryCannotMatch(q.text, (prefix) => wordsStartingWith(db, prefix)) ? undefined : nameWordsSql(q.text)),
});

export function searchOrders(db: Db, access: SandboxAccess, query: SearchQuery, now: Date): OrderMatch[] {
  access.require('orders.view', query.store_id ?? null);
  // Each kind is capped: a name prefix or a busy email may match thousands; the caller shows `limit`.
  const cap = query.limit + 1;
  const ids = matchIds(idsOf(db, cap), { ...STATEMENTS, name: nameStatement(db) }, query);
  const one = db.prepare<[string], OrderRow>(`SELECT * FROM orders WHERE order_id = ?`);
  const matches: OrderMatch[] = [];
  for (const [id, kind] of ids) {
    const row = one.get(id);
    if (!row || (query.store_id && row.store_id !== query.store_id)) continue;
    matches.push({ order: toOrder(db, row, now), kind });
  }
  return newestFirst(matches, (m) => m.order.created_at).slice(0, query.limit);
}

/**
 * `orders list` filters on references and the customer, case-insensitive. An OR across columns is written
 * as `order_id IN (… UNION …)`: each branch is an index seek, where a plain OR under `ORDER BY created_at`
 * lets the planner scan the table in date order instead.
 */
export function customerFilters(query: OrderQuery): [string, string[]][] {
  const out: [string, string[]][] = [];
  const anyOf = (conditions: string[]): string => `order_id IN (${conditions.map((c) => `SELECT order_id FROM orders WHERE ${c}`).join(' UNION ')})`;
  if (query.reference) {
    const r = query.reference;
    out.push([anyOf(['merchant_reference1', 'merchant_reference2', 'klarna_reference'].map((c) => `${c} = ? COLLATE NOCASE`)), [r, r, r]]);
  }
  if (query.email) out.push(['customer_email = ? COLLATE NOCASE', [query.email]]);
  if (query.phone) out.push(['customer_phone = ?', [query.phone]]);
  // A name matches word by word through the name-word index (name-words-sql.ts); no words, no match.
  if (query.name) {
    const words = nameWordsSql(query.name);
    out.push(words ? [`order_id IN (${words.sql})`, words.params] : ['0', []]);
  }
  return out;
}

/** The identifiers `orders list --search` matches by prefix (each has a NOCASE index, migration 9). */
const SEARCHED_COLUMNS = ['merchant_reference1', 'merchant_reference2', 'klarna_reference', 'customer_email'];

/** The name branch of a search, unless some query word starts no name word (then no name can match). */
function searchesName(search: string, wordsOf: ((prefix: string) => string[] | undefined) | undefined): boolean {
  return isNameQuery(search) && !(wordsOf && nameQueryCannotMatch(search, wordsOf));
}

/**
 * `orders list --search`: the orders whose reference, Kustom reference or email starts with the text, or
 * whose name has a word starting with it, as `(order_id, created_at)` pairs — every branch an index range,
 * the name words' dates read from their own index (migration 16) — so the caller takes the newest few
 * with `ORDER BY created_at DESC, order_id DESC LIMIT n` without reading every matching order. An order
 * matching two ways comes twice (UNION ALL: a UNION would materialize and sort every match to drop the
 * repeat); the caller reads orders by ID, so it is read once. `wordsOf` (wordsStartingWith) turns the name
 * prefix into the words it starts, read in date order without a sort (nameWordsSql).
 */
export function searchCandidatesSql(search: string, wordsOf?: (prefix: string) => string[] | undefined): { sql: string; params: string[] } {
  // prefixSql binds its parameter twice (the range's two ends).
  const branches = SEARCHED_COLUMNS.map((c) => `SELECT order_id, created_at FROM orders WHERE ${prefixSql(c, '?')}`);
  const words = searchesName(search, wordsOf) ? nameWordsSql(search, true, wordsOf) : undefined;
  if (words) branches.push(words.sql);
  return { sql: branches.join(' UNION ALL '), params: [...SEARCHED_COLUMNS.flatMap(() => [search, search]), ...(words?.params ?? [])] };
}

/**
 * The same match as `searchCandidatesSql`, as a condition on one row of `orders`: for reading the newest
 * orders in date order and testing each (searched-rows.ts), where a prefix as common as `ord` would
 * otherwise read and sort every order it starts.
 */
export function searchMatchSql(search: string, wordsOf?: (prefix: string) => string[] | undefined): { sql: string; params: string[] } {
  const conditions = SEARCHED_COLUMNS.map((c) => prefixSql(c, '?'));
  const name = searchesName(search, wordsOf) ? nameMatchSql(search, 'orders.order_id') : undefined;
  if (name) conditions.push(`(${name.sql})`);
  return { sql: conditions.join(' OR '), params: [...SEARCHED_COLUMNS.flatMap(() => [search, search]), ...(name?.params ?? [])] };
}
