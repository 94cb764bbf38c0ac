/**
 * `orders list --search` at volume: the newest orders are tested in date order (a window) before the
 * indexes are read, so a prefix most orders start costs a few rows, not a sort of every match; and a
 * query word that starts no name word skips the name index instead of walking every order of the others.
 */
import { describe, expect, it } from 'vitest';
import { nameMatches } from '../../../src/domain/name-words.js';
import { migratedSandbox as migrated, queryPlan as plan } from '../../helpers/sandbox-schema.js';
import { nameQueryCannotMatch, nameWordsWriter, wordsStartingWith } from '../../../src/backends/sandbox/orders/name-words-sql.js';
import { searchCandidatesSql, searchMatchSql } from '../../../src/backends/sandbox/orders/search-orders.js';
import { searchedRows, windowSql } from '../../../src/backends/sandbox/orders/searched-rows.js';

const NAMES = ['Anna Svensson', 'Erik Berg', 'Åsa Möller', 'Anna-Karin Lind', 'Per Bergström'];
const COUNT = 1500;

/** COUNT orders a minute apart (order i is the i-th oldest), references VOL-<i>, one name in five each but a rare one. */
function seeded(): ReturnType<typeof migrated> {
  const db = migrated();
  const insert = db.prepare(`INSERT INTO orders (order_id, store_id, status, purchase_country, purchase_currency, locale, order_amount, original_order_amount, captured_amount, refunded_amount, released,
      merchant_reference1, klarna_reference, customer_email, customer_name, order_lines, created_at, expires_at)
    VALUES (?, ?, 'AUTHORIZED', 'SE', 'SEK', 'sv-SE', 100, 100, 0, 0, 0, ?, ?, ?, ?, '[]', ?, '2027-01-01T00:00:00.000Z')`);
  const words = nameWordsWriter(db);
  db.transaction(() => {
    for (let i = 0; i < COUNT; i++) {
      const id = `o-${String(i).padStart(5, '0')}`;
      const name = i % 97 === 0 ? 'Zacharias Quist' : (NAMES[i % NAMES.length] as string);
      insert.run(id, i % 3 === 0 ? 'se-demo' : 'de-demo', `VOL-${i}`, `K${i}`, `customer${i}@example.com`, name, new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString());
      words(id, name);
    }
  })();
  return db;
}

describe('orders list --search reads the newest orders before the indexes', () => {
  const db = migrated();

  it.each([['anna svensson'], ['vol-'], ['müller']])('the window %j walks the date index in order and stops at its size (no sort), a seek per name word', (text) => {
    const match = searchMatchSql(text);
    for (const after of [false, true]) {
      const detail = plan(db, windowSql(match.sql, {}, after, 1000), [...match.params, ...(after ? ['2026-11-01', 'o'] : [])]);
      expect(detail).toMatch(after ? /SEARCH orders USING (COVERING )?INDEX orders_by_created_id \(\(created_at,order_id\)<\(\?,\?\)\)/ : /SCAN orders USING (COVERING )?INDEX orders_by_created_id/);
      expect(detail).not.toMatch(/TEMP B-TREE/);
      // An order has a few name words: a word in two foldings is found among them by the order's seek.
      if (text !== 'vol-') expect(detail).toMatch(/SEARCH n0 USING COVERING INDEX order_name_words_by_order \(order_id=\?( AND word>\? AND word<\?)?\)/);
    }
  });

  it('the window of one store, from a date, walks the store date index in order (no sort)', () => {
    const match = searchMatchSql('vol-');
    const detail = plan(db, windowSql(match.sql, { store_id: 'se-demo', created_from: '2026-10-01' }, true, 1000), [...match.params, 'se-demo', '2026-10-01', '2026-11-01', 'o']);
    expect(detail).toMatch(/SEARCH orders USING (COVERING )?INDEX orders_by_store_created_id \(store_id=\? AND /);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });

  it('leaves out the name index when a query word starts no name word', () => {
    const words = seeded();
    const wordsOf = (prefix: string) => wordsStartingWith(words, prefix);
    expect(searchCandidatesSql('anna zz', wordsOf).sql).not.toMatch(/order_name_words/);
    expect(searchMatchSql('anna zz', wordsOf).sql).not.toMatch(/order_name_words/);
    expect(searchCandidatesSql('anna sv', wordsOf).sql).toMatch(/order_name_words/);
    // The same test keeps `lookup <name>` from walking every Anna: one seek per form of each word.
    expect(nameQueryCannotMatch('anna zz', wordsOf)).toBe(true);
    expect(nameQueryCannotMatch('zz', wordsOf)).toBe(true);
    expect(nameQueryCannotMatch('anna sv', wordsOf)).toBe(false);
    expect(nameQueryCannotMatch('åsa möller', wordsOf)).toBe(false);
  });

  describe('finds what a test of every order finds, newest first, across windows and index chunks', () => {
    const orders = seeded();
    const all = orders.prepare(`SELECT * FROM orders ORDER BY created_at DESC, order_id DESC`).all() as Record<string, string | null>[];
    const starts = (value: string | null, text: string) => value !== null && value.toLowerCase().startsWith(text.toLowerCase());
    const expected = (text: string, store?: string, from = '', to = '9') =>
      all
        .filter((o) => (!store || o.store_id === store) && (o.created_at as string) >= from && (o.created_at as string) < to)
        .filter((o) => ['merchant_reference1', 'merchant_reference2', 'klarna_reference', 'customer_email'].some((c) => starts(o[c] ?? null, text)) || nameMatches(text, o.customer_name))
        .map((o) => o.order_id);
    const found = (text: string, store?: string, cursorAt?: number, from?: string, to?: string) => {
      const where = [...(store ? ['store_id = ?'] : []), ...(from ? ['created_at >= ?'] : []), ...(to ? ['created_at < ?'] : [])];
      const args = [store, from, to].filter((a) => a !== undefined);
      const row = cursorAt === undefined ? undefined : all[cursorAt];
      const cursor = row ? Buffer.from(`${row.created_at}|${row.order_id}`).toString('base64url') : undefined;
      if (row) {
        where.push('(created_at, order_id) < (?, ?)');
        args.push(row.created_at as string, row.order_id as string);
      }
      return [...searchedRows(orders, text, where, args, { store_id: store, created_from: from, created_to: to }, cursor, 25)].map((o) => o.order_id);
    };

    // Dense everywhere (every order), dense in an old block only (VOL-1…), sparse (a name, one in five),
    // two name words, a word that starts nothing, folded letters, a rare name, a single match, none.
    it.each([['vol-'], ['VOL-1'], ['customer14'], ['anna'], ['anna sv'], ['anna zz'], ['asa mol'], ['zach'], ['k1499'], ['nobody']])('%j', (text) => {
      expect(found(text)).toEqual(expected(text));
      expect(found(text, 'se-demo')).toEqual(expected(text, 'se-demo'));
      expect(found(text, undefined, 700)).toEqual(expected(text).filter((id) => (id as string) < (all[700]?.order_id as string)));
      // A date range: orders 300 to 899 (a minute apart from 2026-11-01), the newest tested first from its end.
      const [from, to] = [new Date(Date.UTC(2026, 10, 1) + 300 * 60_000).toISOString(), new Date(Date.UTC(2026, 10, 1) + 900 * 60_000).toISOString()];
      expect(found(text, 'se-demo', undefined, from, to)).toEqual(expected(text, 'se-demo', from, to));
      expect(found(text, undefined, undefined, from, to)).toEqual(expected(text, undefined, from, to));
    });
  });
});
