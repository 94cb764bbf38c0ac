/** Migration 12 fills in the name words of the orders a sandbox already has, so they are found by any word. */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../src/backends/sandbox/migrations/index.js';
import { nameWordsSql } from '../../../src/backends/sandbox/orders/name-words-sql.js';

describe('sandbox migration 12: customer name words', () => {
  it('indexes every existing named order, and a word search finds them', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = OFF');
    const ordered = [...MIGRATIONS].sort((a, b) => a.version - b.version);
    for (const m of ordered.filter((m) => m.version < 12)) m.up(db);
    const insert = db.prepare(
      `INSERT INTO orders (order_id, store_id, status, purchase_country, purchase_currency, locale, order_amount, original_order_amount, klarna_reference, order_lines, created_at, expires_at, customer_name)
       VALUES (?, 'se-demo', 'AUTHORIZED', 'SE', 'SEK', 'sv-SE', 100, 100, ?, '[]', '2026-11-01T00:00:00Z', '2026-11-29T00:00:00Z', ?)`,
    );
    insert.run('o1', 'K1', 'Anna Svensson');
    insert.run('o2', 'K2', 'Jonas Müller-Berg');
    insert.run('o3', 'K3', null);
    for (const m of ordered.filter((m) => m.version >= 12)) m.up(db);
    const ids = (text: string): string[] => {
      const { sql, params } = nameWordsSql(text)!;
      return (db.prepare(sql).all(params) as { id: string }[]).map((r) => r.id).sort();
    };
    expect(ids('svensson')).toEqual(['o1']);
    expect(ids('muller')).toEqual(['o2']);
    expect(ids('berg jonas')).toEqual(['o2']);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM order_name_words WHERE order_id = 'o3'`).get()).toEqual({ n: 0 });
  });
});
