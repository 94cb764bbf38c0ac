/**
 * The sandbox's home summary: three aggregate queries over the open rows only (partial indexes of
 * migration 11, per-day sums of migrations 15 and 19), whatever the number of closed orders and links.
 * Expiry is computed from the sandbox clock, as everywhere in the sandbox.
 */
import type { Clock } from '../backend.js';
import type { ExpiringAuthorization, LinksWaiting, Overview, OverviewApi, OverviewQuery, UncapturedLine } from '../types/overview.js';
import type { SandboxAccess } from './access.js';
import type { Db } from './database.js';

const OPEN_ORDER = `status IN ('AUTHORIZED','PART_CAPTURED') AND released = 0 AND expires_at > ?`;
const OPEN_LINK = `status IN ('created','in_progress')`;

export function createSandboxOverview(db: Db, clock: Clock, access: SandboxAccess): OverviewApi {
  return {
    async summary(query: OverviewQuery): Promise<Overview> {
      access.require('orders.view', query.store_id ?? null);
      const now = clock.now().toISOString();
      const store = query.store_id ? ' AND store_id = ?' : '';
      const storeArg = query.store_id ? [query.store_id] : [];
      const uncaptured = uncapturedLines(db, now, query.expiring_before, query.store_id);
      const expiring = db
        .prepare<(string | number)[], ExpiringAuthorization>(
          `SELECT order_id, store_id, merchant_reference1, purchase_currency AS currency, order_amount - captured_amount AS remaining_authorized_amount,
             expires_at, status, purchase_country, created_at
           FROM orders WHERE ${OPEN_ORDER} AND expires_at < ?${store} ORDER BY expires_at, order_id LIMIT ?`,
        )
        .all(now, query.expiring_before, ...storeArg, query.expiring_limit);
      const links = viewsLinks(access, query.store_id) ? linksWaiting(db, now, query.links_expiring_before, query.store_id) : [];
      return { source: 'provider', uncaptured, expiring, links };
    },
  };
}

const OPEN_ROW = `status IN ('AUTHORIZED','PART_CAPTURED') AND released = 0`;
const REMAINING = 'order_amount - captured_amount';

/** The calendar day (UTC) after the one `now` falls on, as ISO text: where the per-day counts start. */
const dayAfter = (now: string): string => new Date(Date.parse(`${now.slice(0, 10)}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * Open authorizations per store and currency, unexpired at `now`, with those expiring before `before`:
 * whole days from the per-day sums the triggers of migration 15 keep, and the rows of the two partial days
 * (the rest of today, the start of the horizon's day) from the open-orders index. ISO times compare as
 * text, so `expires_at < '2026-12-02'` is "before that day".
 */
export function uncapturedLines(db: Db, now: string, before: string, storeId: string | undefined): UncapturedLine[] {
  const tomorrow = dayAfter(now);
  const beforeDay = before.slice(0, 10);
  const store = storeId ? ' AND store_id = @store' : '';
  return db
    .prepare<[Record<string, string>], UncapturedLine>(
      `SELECT store_id, currency, SUM(orders) AS orders, SUM(amount) AS amount, SUM(expiring_soon) AS expiring_soon, SUM(expiring_amount) AS expiring_amount
       FROM (
         SELECT store_id, purchase_currency AS currency, COUNT(*) AS orders, SUM(${REMAINING}) AS amount,
           SUM(expires_at < @before) AS expiring_soon, SUM(CASE WHEN expires_at < @before THEN ${REMAINING} ELSE 0 END) AS expiring_amount
         FROM orders WHERE ${OPEN_ROW} AND expires_at > @now AND expires_at < @tomorrow${store} GROUP BY store_id, purchase_currency
         UNION ALL
         SELECT store_id, currency, SUM(orders), SUM(amount),
           SUM(CASE WHEN day < @beforeDay THEN orders ELSE 0 END), SUM(CASE WHEN day < @beforeDay THEN amount ELSE 0 END)
         FROM open_authorization_days WHERE day >= @tomorrow${store} GROUP BY store_id, currency
         UNION ALL
         SELECT store_id, purchase_currency, 0, 0, COUNT(*), SUM(${REMAINING})
         FROM orders WHERE ${OPEN_ROW} AND expires_at >= @beforeDay AND expires_at >= @tomorrow AND expires_at < @before${store} GROUP BY store_id, purchase_currency
       )
       GROUP BY store_id, currency HAVING SUM(orders) > 0 ORDER BY store_id, currency`,
    )
    .all({ now, before, tomorrow, beforeDay, ...(storeId ? { store: storeId } : {}) });
}

/**
 * Links awaiting payment per store, unexpired at `now`, with those expiring before `before` (24 hours on):
 * whole days from the per-day counts the triggers of migration 19 keep, and the rows of the rest of today
 * and of the next 24 hours from the open-links index, store by store (each a range seek on
 * `(store_id, expires_at)`, whether or not SQLite has statistics to skip-scan the index by). The stores are
 * those with counts; one with no link awaiting payment is left out.
 */
export function linksWaiting(db: Db, now: string, before: string, storeId: string | undefined): LinksWaiting[] {
  const tomorrow = dayAfter(now);
  const openRows = (from: string, to: string): string =>
    `SELECT COUNT(*) FROM links WHERE ${OPEN_LINK} AND store_id = d.store_id AND expires_at > ${from} AND expires_at < ${to}`;
  return db
    .prepare<[Record<string, string>], LinksWaiting>(
      `SELECT store_id, awaiting_payment, expiring_today FROM (
         SELECT d.store_id,
           (${openRows('@now', '@tomorrow')}) + (SELECT IFNULL(SUM(links), 0) FROM open_link_days WHERE store_id = d.store_id AND day >= @tomorrow) AS awaiting_payment,
           (${openRows('@now', '@before')}) AS expiring_today
         FROM (SELECT DISTINCT store_id FROM open_link_days${storeId ? ' WHERE store_id = @store' : ''}) d
       ) WHERE awaiting_payment > 0 ORDER BY store_id`,
    )
    .all({ now, before, tomorrow, ...(storeId ? { store: storeId } : {}) });
}

/** A Read Only key sees orders but not links: its summary leaves links out instead of failing. */
function viewsLinks(access: SandboxAccess, storeId: string | undefined): boolean {
  try {
    access.require('links.view', storeId ?? null);
    return true;
  } catch {
    return false;
  }
}
