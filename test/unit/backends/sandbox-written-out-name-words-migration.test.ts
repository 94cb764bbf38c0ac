/** Migration 17 gives orders a sandbox already has the written-out forms of their names ("mueller" for "Müller"). */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../src/backends/sandbox/migrations/index.js';
import { nameWordsSql } from '../../../src/backends/sandbox/orders/name-words-sql.js';

describe('sandbox migration 17: name words as written without special letters', () => {
  it('adds the missing forms of names with ä ö ü å ø (composed or not), once, with the order date; plain names are untouched', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = OFF');
    const ordered = [...MIGRATIONS].sort((a, b) => a.version - b.version);
    for (const m of ordered.filter((m) => m.version < 17)) m.up(db);
    const order = db.prepare(
      `INSERT INTO orders (order_id, store_id, status, purchase_country, purchase_currency, locale, order_amount, original_order_amount, klarna_reference, order_lines, created_at, expires_at, customer_name)
       VALUES (?, 'se-demo', 'AUTHORIZED', 'SE', 'SEK', 'sv-SE', 100, 100, ?, '[]', ?, '2026-11-29T00:00:00Z', ?)`,
    );
    // The words as the sandbox stored them before this step: accents dropped only.
    const word = db.prepare(`INSERT INTO order_name_words (word, order_id, created_at) VALUES (?, ?, ?)`);
    const rows: [string, string, string | null, string[]][] = [
      ['o1', '2026-11-01T00:00:00Z', 'Jonas Müller', ['jonas', 'muller']],
      ['o2', '2026-11-02T00:00:00Z', 'ÅSA GÖTHE', ['asa', 'gothe']],
      ['o3', '2026-11-03T00:00:00Z', 'Søren Mo\u0308ller', ['soren', 'moller']],
      ['o4', '2026-11-04T00:00:00Z', 'Anna Svensson', ['anna', 'svensson']],
      ['o5', '2026-11-05T00:00:00Z', null, []],
    ];
    for (const [id, at, name, words] of rows) {
      order.run(id, `K${id}`, at, name);
      for (const w of words) word.run(w, id, at);
    }
    const before = (db.prepare(`SELECT COUNT(*) AS n FROM order_name_words WHERE order_id IN ('o4', 'o5')`).get() as { n: number }).n;
    for (const m of ordered.filter((m) => m.version >= 17)) m.up(db);

    const ids = (text: string): string[] => {
      const { sql, params } = nameWordsSql(text)!;
      return (db.prepare(sql).all(params) as { id: string }[]).map((r) => r.id).sort();
    };
    expect(ids('mueller')).toEqual(['o1']);
    expect(ids('muller')).toEqual(['o1']);
    expect(ids('aasa goethe')).toEqual(['o2']);
    expect(ids('soeren moeller')).toEqual(['o3']);
    expect(ids('Möller')).toEqual(['o3']);
    expect(ids('svensson')).toEqual(['o4']);
    const words = (id: string): { word: string; created_at: string }[] =>
      db.prepare(`SELECT word, created_at FROM order_name_words WHERE order_id = ? ORDER BY word`).all(id) as { word: string; created_at: string }[];
    expect(words('o1')).toEqual(['jonas', 'mueller', 'muller'].map((w) => ({ word: w, created_at: '2026-11-01T00:00:00Z' })));
    expect(words('o2').map((w) => w.word)).toEqual(['aasa', 'asa', 'goethe', 'gothe']);
    expect((db.prepare(`SELECT COUNT(*) AS n FROM order_name_words WHERE order_id IN ('o4', 'o5')`).get() as { n: number }).n).toBe(before);
  });
});
