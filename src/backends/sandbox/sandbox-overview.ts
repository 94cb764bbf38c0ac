/**
 * The sandbox's home summary: three aggregate queries over the open rows only (partial indexes of
 * migration 11), whatever the number of closed orders and links. Expiry is computed from the sandbox
 * clock, as everywhere in the sandbox.
 */
import type { Clock } from '../backend.js';
import type { ExpiringAuthorization, LinksWaiting, Overview, OverviewApi, OverviewQuery, UncapturedLine } from '../types/overview.js';
import type { SandboxAccess } from './access.js';
import type { Db } from './database.js';

const OPEN_ORDER = `status IN ('AUTHORIZED','PART_CAPTURED') AND released = 0 AND expires_at > ?`;
const OPEN_LINK = `status IN ('created','in_progress') AND expires_at > ?`;

export function createSandboxOverview(db: Db, clock: Clock, access: SandboxAccess): OverviewApi {
  return {
    async summary(query: OverviewQuery): Promise<Overview> {
      access.require('orders.view', query.store_id ?? null);
      const now = clock.now().toISOString();
      const store = query.store_id ? ' AND store_id = ?' : '';
      const storeArg = query.store_id ? [query.store_id] : [];
      const uncaptured = db
        .prepare<(string | number)[], UncapturedLine>(
          `SELECT store_id, purchase_currency AS currency, COUNT(*) AS orders, SUM(order_amount - captured_amount) AS amount,
             SUM(expires_at < ?) AS expiring_soon, SUM(CASE WHEN expires_at < ? THEN order_amount - captured_amount ELSE 0 END) AS expiring_amount
           FROM orders WHERE ${OPEN_ORDER}${store} GROUP BY store_id, purchase_currency ORDER BY store_id, purchase_currency`,
        )
        .all(query.expiring_before, query.expiring_before, now, ...storeArg);
      const expiring = db
        .prepare<(string | number)[], ExpiringAuthorization>(
          `SELECT order_id, store_id, merchant_reference1, purchase_currency AS currency, order_amount - captured_amount AS remaining_authorized_amount,
             expires_at, status, purchase_country, created_at
           FROM orders WHERE ${OPEN_ORDER} AND expires_at < ?${store} ORDER BY expires_at, order_id LIMIT ?`,
        )
        .all(now, query.expiring_before, ...storeArg, query.expiring_limit);
      let links: LinksWaiting[] = [];
      if (viewsLinks(access, query.store_id)) {
        links = db
          .prepare<string[], LinksWaiting>(
            `SELECT store_id, COUNT(*) AS awaiting_payment, SUM(expires_at < ?) AS expiring_today
             FROM links WHERE ${OPEN_LINK}${store} GROUP BY store_id ORDER BY store_id`,
          )
          .all(query.links_expiring_before, now, ...storeArg);
      }
      return { source: 'provider', uncaptured, expiring, links };
    },
  };
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
