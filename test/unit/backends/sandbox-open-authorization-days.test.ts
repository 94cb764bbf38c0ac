/**
 * The home summary's open authorizations come from per-day sums kept by triggers (migration 15) plus the
 * two partial days read from the orders. Whatever writes an order — insert, partial or full capture,
 * release, cancel, extend, a change of store or currency, delete — the summary equals the plain sum over
 * the orders, at any clock time and horizon (same day, next day, weeks ahead, already past).
 */
import { describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { isoAt as at, migratedSandbox as migrated, prng } from '../../helpers/sandbox-schema.js';
import { uncapturedLines } from '../../../src/backends/sandbox/sandbox-overview.js';

const DAY = 86_400_000;
const START = Date.parse('2026-11-01T00:00:00.000Z');

/** The summary as a plain aggregate over every open order (what the per-day sums must equal). */
function plainSum(db: Database.Database, now: string, before: string, storeId?: string): unknown[] {
  return db
    .prepare(
      `SELECT store_id, purchase_currency AS currency, COUNT(*) AS orders, SUM(order_amount - captured_amount) AS amount,
         SUM(expires_at < @before) AS expiring_soon, SUM(CASE WHEN expires_at < @before THEN order_amount - captured_amount ELSE 0 END) AS expiring_amount
       FROM orders WHERE status IN ('AUTHORIZED','PART_CAPTURED') AND released = 0 AND expires_at > @now ${storeId ? 'AND store_id = @store' : ''}
       GROUP BY store_id, purchase_currency ORDER BY store_id, purchase_currency`,
    )
    .all({ now, before, ...(storeId ? { store: storeId } : {}) });
}

describe('open authorizations per store and expiry day', () => {
  const db = migrated();
  const rand = prng(15);
  const insert = db.prepare(`INSERT INTO orders (order_id, store_id, link_id, status, purchase_country, purchase_currency, locale, order_amount, original_order_amount, captured_amount, refunded_amount, released,
      merchant_reference1, klarna_reference, order_lines, created_at, expires_at)
    VALUES (@id, @store, NULL, @status, 'SE', @currency, 'sv-SE', @amount, @amount, @captured, 0, 0, @id, @id, '[]', @created, @expires)`);
  const stores = ['se-demo', 'de-demo'];
  const currencies = ['SEK', 'EUR'];
  let next = 0;
  const add = (): void => {
    const created = START + Math.floor(rand() * 20 * DAY);
    const amount = 1_000 + Math.floor(rand() * 50) * 100;
    const captured = rand() < 0.3 ? Math.floor(amount / 2) : 0;
    insert.run({
      id: `o-${next++}`,
      store: stores[Math.floor(rand() * 2)],
      currency: currencies[Math.floor(rand() * 2)],
      status: rand() < 0.2 ? 'CAPTURED' : captured > 0 ? 'PART_CAPTURED' : 'AUTHORIZED',
      amount,
      captured: rand() < 0.2 ? amount : captured,
      created: at(created),
      expires: at(created + Math.floor(rand() * 30 * DAY)),
    });
  };
  const pick = (): string => `o-${Math.floor(rand() * next)}`;
  const writes: ((id: string) => void)[] = [
    (id) => db.prepare(`UPDATE orders SET status = 'PART_CAPTURED', captured_amount = captured_amount + 100 WHERE order_id = ? AND captured_amount + 100 < order_amount`).run(id),
    (id) => db.prepare(`UPDATE orders SET status = 'CAPTURED', captured_amount = order_amount WHERE order_id = ?`).run(id),
    (id) => db.prepare(`UPDATE orders SET released = 1 WHERE order_id = ?`).run(id),
    (id) => db.prepare(`UPDATE orders SET status = 'CANCELLED' WHERE order_id = ?`).run(id),
    (id) => db.prepare(`UPDATE orders SET expires_at = ? WHERE order_id = ?`).run(at(START + Math.floor(rand() * 40 * DAY)), id),
    (id) => db.prepare(`UPDATE orders SET store_id = 'de-demo', purchase_currency = 'EUR' WHERE order_id = ?`).run(id),
    (id) => db.prepare(`UPDATE orders SET merchant_reference2 = 'unrelated' WHERE order_id = ?`).run(id),
    (id) => db.prepare(`DELETE FROM orders WHERE order_id = ?`).run(id),
  ];
  const clocks: [string, number, number][] = [
    ['start of a day, horizon 7 days on', START + 5 * DAY, 7 * DAY],
    ['mid-day, horizon later the same day', START + 10 * DAY + 3_600_000, 5_000_000],
    ['mid-day, horizon mid next day', START + 10 * DAY + 50_000_000, DAY],
    ['mid-day, horizon 3 weeks on', START + 12 * DAY + 1_234_567, 21 * DAY],
    ['horizon already past', START + 8 * DAY + 7_000_000, -DAY],
    ['after every expiry', START + 80 * DAY, 7 * DAY],
  ];

  it.each([0, 1, 2, 3, 4])('round %i of writes: equals the plain sum at every clock and horizon, per store and overall', (round) => {
    for (let i = 0; i < 150; i++) add();
    for (let i = 0; i < 120; i++) writes[(i + round) % writes.length]?.(pick());
    for (const [, now, horizon] of clocks) {
      for (const store of [undefined, 'se-demo']) {
        expect(uncapturedLines(db as never, at(now), at(now + horizon), store)).toEqual(plainSum(db, at(now), at(now + horizon), store));
      }
    }
    expect(plainSum(db, at(START), at(START + 7 * DAY)).length).toBeGreaterThan(0);
  });

  it('reads whole days from the sums and only the partial days from the open-orders index', () => {
    const sql = db.prepare(`EXPLAIN QUERY PLAN SELECT store_id, currency, SUM(orders) FROM open_authorization_days WHERE day >= ? GROUP BY store_id, currency`);
    expect((sql.all('2026-11-02') as { detail: string }[]).map((r) => r.detail).join('\n')).not.toMatch(/^SCAN orders/m);
  });
});
