/**
 * Reading at volume is index seeks: a list page (newest first, after a cursor) never scans or sorts the
 * table, the home summary reads its open orders from an index alone, and the pending balance starts from
 * the captures and refunds not yet settled, not from every order of the store.
 */
import { describe, expect, it } from 'vitest';
import { migratedSandbox as migrated, queryPlan as plan } from '../../helpers/sandbox-schema.js';

describe('sandbox reads at volume use indexes', () => {
  const db = migrated();
  const pages: [string, string, unknown[]][] = [
    ['orders, every store, after a cursor', `SELECT * FROM orders WHERE (created_at, order_id) < (?, ?) ORDER BY created_at DESC, order_id DESC`, ['2026-11-01', 'o']],
    ['orders of a store, after a cursor', `SELECT * FROM orders WHERE store_id = ? AND (created_at, order_id) < (?, ?) ORDER BY created_at DESC, order_id DESC`, ['se-demo', '2026-11-01', 'o']],
    ['links, every store, after a cursor', `SELECT rowid AS seq, * FROM links WHERE (created_at, rowid) < (?, ?) ORDER BY created_at DESC, rowid DESC LIMIT 101`, ['2026-11-01', 5]],
    ['links of a store, after a cursor', `SELECT rowid AS seq, * FROM links WHERE store_id = ? AND (created_at, rowid) < (?, ?) ORDER BY created_at DESC, rowid DESC LIMIT 101`, ['se-demo', '2026-11-01', 5]],
  ];
  it.each(pages)('list page: %s', (_what, sql, args) => {
    const detail = plan(db, sql, args);
    expect(detail).toMatch(/USING INDEX/);
    expect(detail).not.toMatch(/^SCAN |TEMP B-TREE/m);
  });

  it('the first page of orders walks the index newest first and stops (no sort of the table)', () => {
    const detail = plan(db, `SELECT * FROM orders ORDER BY created_at DESC, order_id DESC`, []);
    expect(detail).toMatch(/USING INDEX orders_by_created_id/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });

  it('the home summary reads open authorizations from a covering index', () => {
    const detail = plan(
      db,
      `SELECT store_id, purchase_currency, COUNT(*), SUM(order_amount - captured_amount), SUM(expires_at < ?) FROM orders
       WHERE status IN ('AUTHORIZED','PART_CAPTURED') AND released = 0 AND expires_at > ? AND store_id = ? GROUP BY store_id, purchase_currency`,
      ['2026-11-02', '2026-11-01', 'se-demo'],
    );
    expect(detail).toMatch(/USING COVERING INDEX orders_open_summary/);
  });

  // captures_by_order (migration 18 drops it) repeated the unique index's first column: that index serves these.
  it.each([
    ['one order', `SELECT * FROM captures WHERE order_id = ? ORDER BY captured_at, rowid`, ['o1']],
    ['a page of orders', `SELECT * FROM captures WHERE order_id IN (?, ?) ORDER BY order_id, captured_at, rowid`, ['o1', 'o2']],
    ['one order, counted (before a capture)', `SELECT COUNT(*) AS n FROM captures WHERE order_id = ?`, ['o1']],
  ])('the captures of %s are found by the unique (order_id, idempotency_key) index', (_what, sql, args) => {
    const detail = plan(db, sql, args);
    expect(detail).toMatch(/SEARCH captures USING (COVERING )?INDEX sqlite_autoindex_captures_2 \(order_id=\?\)/);
    expect(detail).not.toMatch(/captures_by_order/);
  });

  it.each([
    ['captures', `SELECT c.captured_amount FROM captures c CROSS JOIN orders o ON o.order_id = c.order_id WHERE o.store_id = ? AND c.captured_at >= ?`],
    ['refunds', `SELECT r.refunded_amount FROM refunds r CROSS JOIN orders o ON o.order_id = r.order_id WHERE o.store_id = ? AND r.refunded_at >= ?`],
  ])('the pending balance starts from the %s not yet settled (their date index)', (table, sql) => {
    const detail = plan(db, sql, ['se-demo', '2026-11-01']);
    expect(detail.split('\n')[0]).toMatch(new RegExp(`SEARCH ${table[0]} USING INDEX ${table}_by_date`));
  });
});
