/**
 * The home summary's links awaiting payment come from per-day counts kept by triggers (migration 19) plus
 * the partial days read from the links. Whatever writes a link — insert, payment started or completed,
 * cancel, extend, a change of store, delete — the summary equals the plain count over the links, at any
 * clock time and horizon.
 */
import { describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { isoAt as at, migratedSandbox as migrated, prng } from '../../helpers/sandbox-schema.js';
import { linksWaiting } from '../../../src/backends/sandbox/sandbox-overview.js';

const DAY = 86_400_000;
const START = Date.parse('2026-11-01T00:00:00.000Z');

/** The summary as a plain count over every open link (what the per-day counts must equal). */
function plainCount(db: Database.Database, now: string, before: string, storeId?: string): unknown[] {
  return db
    .prepare(
      `SELECT store_id, COUNT(*) AS awaiting_payment, SUM(expires_at < @before) AS expiring_today
       FROM links WHERE status IN ('created','in_progress') AND expires_at > @now ${storeId ? 'AND store_id = @store' : ''}
       GROUP BY store_id ORDER BY store_id`,
    )
    .all({ now, before, ...(storeId ? { store: storeId } : {}) });
}

describe('open links per store and expiry day', () => {
  const db = migrated();
  const rand = prng(19);
  const insert = db.prepare(`INSERT INTO links (link_id, store_id, status, purchase_country, purchase_currency, locale, order_amount, order_tax_amount, order_lines, merchant_reference1, channel, created_at, created_by, expires_at, idempotency_key)
    VALUES (@id, @store, @status, 'SE', 'SEK', 'sv-SE', 1000, 200, '[]', @id, 'none', @created, 'test', @expires, @id)`);
  const stores = ['se-demo', 'de-demo'];
  const statuses = ['created', 'created', 'in_progress', 'completed', 'cancelled', 'failed'];
  let next = 0;
  const add = (): void => {
    const created = START + Math.floor(rand() * 20 * DAY);
    insert.run({
      id: `l-${next++}`,
      store: stores[Math.floor(rand() * 2)],
      status: statuses[Math.floor(rand() * statuses.length)],
      created: at(created),
      expires: at(created + Math.floor(rand() * 30 * DAY)),
    });
  };
  const pick = (): string => `l-${Math.floor(rand() * next)}`;
  const writes: ((id: string) => void)[] = [
    (id) => db.prepare(`UPDATE links SET status = 'in_progress' WHERE link_id = ? AND status = 'created'`).run(id),
    (id) => db.prepare(`UPDATE links SET status = 'completed' WHERE link_id = ?`).run(id),
    (id) => db.prepare(`UPDATE links SET status = 'cancelled' WHERE link_id = ?`).run(id),
    (id) => db.prepare(`UPDATE links SET expires_at = ? WHERE link_id = ?`).run(at(START + Math.floor(rand() * 40 * DAY)), id),
    (id) => db.prepare(`UPDATE links SET store_id = 'de-demo' WHERE link_id = ?`).run(id),
    (id) => db.prepare(`UPDATE links SET merchant_reference2 = 'unrelated' WHERE link_id = ?`).run(id),
    (id) => db.prepare(`DELETE FROM links WHERE link_id = ?`).run(id),
  ];
  const clocks: [string, number, number][] = [
    ['start of a day, horizon 24 hours on', START + 5 * DAY, DAY],
    ['mid-day, horizon later the same day', START + 10 * DAY + 3_600_000, 5_000_000],
    ['mid-day, horizon mid next day', START + 10 * DAY + 50_000_000, DAY],
    ['mid-day, horizon 3 weeks on', START + 12 * DAY + 1_234_567, 21 * DAY],
    ['horizon already past', START + 8 * DAY + 7_000_000, -DAY],
    ['after every expiry', START + 80 * DAY, DAY],
  ];

  it.each([0, 1, 2, 3, 4])('round %i of writes: equals the plain count at every clock and horizon, per store and overall', (round) => {
    for (let i = 0; i < 150; i++) add();
    for (let i = 0; i < 120; i++) writes[(i + round) % writes.length]?.(pick());
    for (const [, now, horizon] of clocks) {
      for (const store of [undefined, 'se-demo']) {
        expect(linksWaiting(db as never, at(now), at(now + horizon), store)).toEqual(plainCount(db, at(now), at(now + horizon), store));
      }
    }
    expect(plainCount(db, at(START), at(START + DAY)).length).toBeGreaterThan(0);
  });

  it('reads whole days from the counts and only the partial days from the open-links index', () => {
    const plan = (storeId?: string): string => {
      const sql = linksWaitingSql(db, storeId);
      return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ now: at(START), before: at(START + DAY), tomorrow: '2026-11-02', ...(storeId ? { store: storeId } : {}) }) as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    };
    for (const store of [undefined, 'se-demo']) {
      const detail = plan(store);
      expect(detail).not.toMatch(/SCAN links/);
      expect(detail).toMatch(/SEARCH open_link_days USING PRIMARY KEY \(store_id=\? AND day>\?\)/);
      expect(detail).toMatch(/SEARCH links USING (COVERING )?INDEX links_open_by_store_expiry \(store_id=\? AND expires_at>\? AND expires_at<\?\)/);
    }
  });
});

/** The SQL linksWaiting runs, as SQLite saw it (read back from a traced prepare). */
function linksWaitingSql(db: Database.Database, storeId?: string): string {
  let seen = '';
  const traced = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'prepare') return (sql: string) => ((seen = sql), target.prepare(sql));
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  linksWaiting(traced, at(START), at(START + DAY), storeId);
  return seen;
}
