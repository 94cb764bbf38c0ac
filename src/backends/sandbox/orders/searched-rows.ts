/**
 * The rows of `orders list --search`, newest first. Two ways to find the next matches, taken in turn:
 * - a window: the next orders (ten chunks' worth) in date order (the `(created_at, order_id)` index),
 *   each tested against the search (searchMatchSql). A prefix most orders start (`ord`, `customer`, a
 *   shop's reference scheme) fills a chunk here after a few rows, where its index range would be read and
 *   sorted whole, for every chunk;
 * - the indexes: the matches' `(order_id, created_at)` pairs past the window, newest first from each
 *   identifier's and name word's index (searchCandidatesSql), a chunk at a time. A rare prefix or a name
 *   costs its matches here, not the table.
 * The window covers its rows completely, so the indexes resume where it ended. Only each chunk's orders
 * are read (with the list's other filters); the caller stops reading when its page is full.
 */
import type { Db } from '../database.js';
import { wordsStartingWith } from './name-words-sql.js';
import type { OrderRow } from './order-rows.js';
import { searchCandidatesSql, searchMatchSql } from './search-orders.js';

/**
 * Orders a window tests, in chunks: a match on one order in ten of the newest fills a chunk there. A
 * window is a few milliseconds of row reads; a sparser match pays that once per chunk before its indexes.
 */
const WINDOW_CHUNKS = 10;

type Position = { order_id: string; created_at: string };

/** The list's store and creation dates: the window reads only these orders, still in date order. */
export interface SearchScope {
  store_id?: string | undefined;
  created_from?: string | undefined;
  created_to?: string | undefined;
}

const AFTER = '(created_at, order_id) < (?, ?)';
const whereOf = (conditions: readonly string[]): string => (conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '');

/** The next `rows` orders of the scope after the position (if any), newest first, each with whether `match` holds for it. */
export function windowSql(match: string, scope: SearchScope, after: boolean, rows: number): string {
  const conditions = [...(scope.store_id ? ['store_id = ?'] : []), ...(scope.created_from ? ['created_at >= ?'] : []), ...(after ? [AFTER] : [])];
  return `SELECT order_id, created_at, (${match}) AS hit FROM orders ${whereOf(conditions)} ORDER BY created_at DESC, order_id DESC LIMIT ${rows}`;
}
const windowArgs = (scope: SearchScope): string[] => [...(scope.store_id ? [scope.store_id] : []), ...(scope.created_from ? [scope.created_from] : [])];
const afterArgs = (after: readonly string[] | undefined): string[] => (after ? [after[0] ?? '', after[1] ?? ''] : []);

/**
 * `where`/`args` are the list's whole filter, applied to every order read; `scope` the part of it the
 * window and the index ranges also keep to, so a store or a date range costs its own orders. The first
 * position is the cursor, or else the end of the date range (`created_at < to` as a position).
 */
export function* searchedRows(db: Db, search: string, where: readonly string[], args: readonly (string | number)[], scope: SearchScope, cursor: string | undefined, size: number): Generator<OrderRow> {
  // The candidates and the match each ask which name words a query word starts (twice for the
  // candidates: whether the name can match, then its exact words); the answers do not change meanwhile.
  const known = new Map<string, string[] | undefined>();
  const wordsOf = (prefix: string): string[] | undefined => {
    if (!known.has(prefix)) known.set(prefix, wordsStartingWith(db, prefix));
    return known.get(prefix);
  };
  const candidates = searchCandidatesSql(search, wordsOf);
  const match = searchMatchSql(search, wordsOf);
  const chunk = Math.max(2 * size, 50);
  const windowRows = WINDOW_CHUNKS * chunk;
  const read = (positions: readonly Position[]): Iterable<OrderRow> => {
    const ids = positions.map((p) => p.order_id);
    const filters = [...where, `order_id IN (${ids.map(() => '?').join(', ')})`];
    return db.prepare<(string | number)[], OrderRow>(`SELECT * FROM orders WHERE ${filters.join(' AND ')} ORDER BY created_at DESC, order_id DESC`).iterate(...args, ...ids);
  };
  let after = cursor ? Buffer.from(cursor, 'base64url').toString('utf8').split('|') : scope.created_to ? [scope.created_to, ''] : undefined;
  const from = scope.created_from ? ['created_at >= ?'] : [];
  for (;;) {
    const window = db
      .prepare<string[], Position & { hit: number | null }>(windowSql(match.sql, scope, after !== undefined, windowRows))
      .iterate(...match.params, ...windowArgs(scope), ...afterArgs(after));
    const hits: Position[] = [];
    let seen = 0;
    let last: Position | undefined;
    for (const row of window) {
      seen++;
      last = row;
      if (row.hit && hits.push(row) === chunk) break;
    }
    if (hits.length > 0) yield* read(hits);
    if (!last || (seen < windowRows && hits.length < chunk)) return; // the window reached the oldest order
    after = [last.created_at, last.order_id];
    if (hits.length === chunk) continue;
    const page = db
      .prepare<string[], Position>(`SELECT order_id, created_at FROM (${candidates.sql}) ${whereOf([...from, AFTER])} ORDER BY created_at DESC, order_id DESC LIMIT ${chunk}`)
      .all(...candidates.params, ...(scope.created_from ? [scope.created_from] : []), ...afterArgs(after));
    if (page.length === 0) return;
    yield* read(page);
    if (page.length < chunk) return;
    const end = page[page.length - 1] as Position;
    after = [end.created_at, end.order_id];
  }
}
