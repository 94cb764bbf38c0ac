/** Every identifier the sandbox searches by is an index seek: no query plan scans a table. */
import { describe, expect, it } from 'vitest';
import { migratedSandbox as migrated, queryPlan as plan } from '../../helpers/sandbox-schema.js';
import { customerFilters, searchCandidatesSql } from '../../../src/backends/sandbox/orders/search-orders.js';
import { prefixSql } from '../../../src/backends/sandbox/search-sql.js';
import { nameWordsSql, wordsStartingWith } from '../../../src/backends/sandbox/orders/name-words-sql.js';

describe('sandbox search uses indexes', () => {
  const db = migrated();
  const seeks: [string, string][] = [
    ['orders by Kustom reference', `SELECT order_id FROM orders WHERE klarna_reference = @v COLLATE NOCASE`],
    ['orders by merchant reference', `SELECT order_id FROM orders WHERE merchant_reference1 = @v COLLATE NOCASE UNION SELECT order_id FROM orders WHERE merchant_reference2 = @v COLLATE NOCASE`],
    ['orders by email', `SELECT order_id FROM orders WHERE customer_email = @v COLLATE NOCASE`],
    ['orders by phone', `SELECT order_id FROM orders WHERE customer_phone = @v`],
    ['captures by reference', `SELECT order_id FROM captures WHERE reference = @v COLLATE NOCASE`],
    ['links by link reference', `SELECT link_id FROM links WHERE link_reference = @v COLLATE NOCASE`],
    ['links by email prefix', `SELECT link_id FROM links WHERE ${prefixSql('customer_email', '@v')}`],
    ['links by order', `SELECT link_id FROM links WHERE order_id = @v`],
    ['settlement transactions by order', `SELECT * FROM settlement_transactions WHERE order_id = @v`],
  ];
  it.each(seeks)('%s', (_what, sql) => {
    const detail = plan(db, sql, { v: 'x' });
    expect(detail).toMatch(/USING (COVERING )?INDEX|PRIMARY KEY/);
    expect(detail).not.toMatch(/^SCAN /m);
  });

  it.each([['anna'], ['svensson anna'], ['anna-karin maria lindqvist']])('orders by name words %j: a seek on the word, then on (order, word)', (text) => {
    const { sql, params } = nameWordsSql(text)!;
    const detail = plan(db, sql, params);
    expect(detail).toMatch(/USING COVERING INDEX order_name_words_by_word/);
    if (text.includes(' ')) expect(detail).toMatch(/USING COVERING INDEX order_name_words_by_order/);
    expect(detail).not.toMatch(/^SCAN /m);
  });

  // A word written with ä ö ü å ø is looked up in both foldings (`muller`, `mueller`): two ranges, both seeks.
  it.each([['müller'], ['åsa möller'], ['jo søren']])('orders by name words %j in both foldings: a seek per form, then on (order, word)', (text) => {
    const { sql, params } = nameWordsSql(text)!;
    const detail = plan(db, sql, params);
    expect(params.length).toBeGreaterThan(text.split(' ').length * 2);
    expect(detail).toMatch(/USING COVERING INDEX order_name_words_by_word \(word>\? AND word<\?\)/);
    if (text.includes(' ')) expect(detail).toMatch(/USING COVERING INDEX order_name_words_by_order/);
    expect(detail).not.toMatch(/^SCAN /m);
  });

  it.each([[{ reference: 'ord-1' }], [{ name: 'anna' }], [{ name: 'müller' }], [{ name: 'berg anna' }], [{ email: 'a@b.c' }]])('orders list %o, newest first: index seeks, no scan', (filter) => {
    const [[sql, values]] = customerFilters(filter) as [[string, string[]]];
    const detail = plan(db, `SELECT * FROM orders WHERE ${sql} ORDER BY created_at DESC, order_id DESC`, values);
    expect(detail).toMatch(/USING INDEX/);
    expect(detail).not.toMatch(/^SCAN /m);
  });

  it.each([['anna'], ['anna svensson'], ['müller'], ['ord-1'], ['a']])('orders list --search %j: the newest matches from the indexes alone, then the page by primary key', (text) => {
    const { sql, params } = searchCandidatesSql(text);
    const candidates = plan(db, `SELECT order_id, created_at FROM (${sql}) WHERE (created_at, order_id) < (?, ?) ORDER BY created_at DESC, order_id DESC LIMIT 200`, [...params, '2026-11-01', 'o']);
    // The union of index ranges is read as a co-routine ("SCAN (subquery-n)"); no table is scanned.
    expect(candidates).not.toMatch(/^SCAN (?!\(subquery-\d+\))/m);
    if (text.length > 1) expect(candidates).toMatch(/USING COVERING INDEX order_name_words_by_word_date/);
    const page = plan(db, `SELECT * FROM orders WHERE store_id = ? AND order_id IN (?, ?) ORDER BY created_at DESC, order_id DESC`, ['se-demo', 'o1', 'o2']);
    expect(page).toMatch(/USING INDEX sqlite_autoindex_orders_1|PRIMARY KEY/);
    expect(page).not.toMatch(/^SCAN /m);
  });

  describe('orders list --search with the name words its prefix starts', () => {
    const words = migrated();
    const insert = words.prepare(`INSERT INTO order_name_words (word, order_id, created_at) VALUES (?, ?, ?)`);
    for (const [i, word] of ['anna', 'annika', 'anneli', 'berg', 'bergström', 'svensson'].entries()) insert.run(word, `o${i}`, `2026-11-0${i + 1}T00:00:00.000Z`);
    for (let i = 0; i < 20; i++) insert.run(`mo${String(i).padStart(2, '0')}`, `m${i}`, '2026-11-01T00:00:00.000Z');

    it('finds the distinct words a prefix starts, in order, and none past the bound', () => {
      expect(wordsStartingWith(words, 'ann')).toEqual(['anna', 'anneli', 'annika']);
      expect(wordsStartingWith(words, 'berg')).toEqual(['berg', 'bergström']);
      expect(wordsStartingWith(words, 'xyz')).toEqual([]);
      expect(wordsStartingWith(words, 'mo')).toBeUndefined();
      expect(wordsStartingWith(words, 'mo', 20)).toHaveLength(20);
    });

    // The longest query word is the one read by word: `ann` starts three words, `berg` (in `ann berg`) two.
    it.each([['ann', 3], ['ann berg', 2], ['müller', 0]])('%j: each word read in date order from its index, merged without sorting the name matches', (text, count) => {
      const { sql, params } = searchCandidatesSql(text, (prefix) => wordsStartingWith(words, prefix));
      const detail = plan(words, `SELECT order_id, created_at FROM (${sql}) WHERE (created_at, order_id) < (?, ?) ORDER BY created_at DESC, order_id DESC LIMIT 200`, [...params, '2026-11-05', 'o']);
      const nameBranches = detail.split('\n').filter((line) => line.includes('order_name_words_by_word_date'));
      if (text === 'müller') {
        // No word starts with it: the prefix ranges stay (one seek each, nothing found).
        expect(nameBranches.every((line) => /word>\? AND word<\?/.test(line))).toBe(true);
        return;
      }
      expect(nameBranches).toHaveLength(count);
      for (const line of nameBranches) expect(line).toMatch(/SEARCH w USING COVERING INDEX order_name_words_by_word_date \(word=\? AND \(created_at,order_id\)<\(\?,\?\)\)/);
      // Only the identifier ranges (references, email) are sorted; the name words come in order.
      expect(detail.match(/USE TEMP B-TREE FOR ORDER BY/g)).toHaveLength(4);
      expect(detail).not.toMatch(/^SCAN (?!\(subquery-\d+\))/m);
    });

    it('gives the same matches, newest first, as the prefix range', () => {
      const rows = (wordsOf?: (prefix: string) => string[] | undefined): unknown[] => {
        const { sql, params } = searchCandidatesSql('ann', wordsOf);
        return words.prepare(`SELECT order_id, created_at FROM (${sql}) ORDER BY created_at DESC, order_id DESC LIMIT 10`).all(params);
      };
      expect(rows((prefix) => wordsStartingWith(words, prefix))).toEqual(rows());
      expect(rows()).toHaveLength(3);
    });
  });
});
