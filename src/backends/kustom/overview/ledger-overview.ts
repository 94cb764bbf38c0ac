/**
 * The kustom backend's home summary. Kustom cannot list orders or links, so the counts come from the
 * local ledger: the orders and links this tool created or read, as last seen (`source: local_ledger`).
 * Aggregates over the stored snapshots; no request is sent.
 */
import type { Clock } from '../../backend.js';
import type { ExpiringAuthorization, LinksWaiting, Overview, OverviewApi, OverviewQuery, UncapturedLine } from '../../types/overview.js';
import type { LedgerDb } from '../ledger/database.js';

const SNAPSHOT = {
  currency: `json_extract(snapshot, '$.purchase_currency')`,
  remaining: `json_extract(snapshot, '$.remaining_authorized_amount')`,
  expires: `json_extract(snapshot, '$.expires_at')`,
};
const OPEN_ORDER = `status IN ('AUTHORIZED','PART_CAPTURED') AND snapshot IS NOT NULL AND ${SNAPSHOT.remaining} > 0 AND ${SNAPSHOT.expires} > ?`;
const OPEN_LINK = `link_id IS NOT NULL AND cancelled_at IS NULL AND completed_at IS NULL AND order_id IS NULL AND expires_at > ?`;

export function createLedgerOverview(db: LedgerDb, clock: Clock): OverviewApi {
  return {
    async summary(query: OverviewQuery): Promise<Overview> {
      const now = clock.now().toISOString();
      const store = query.store_id ? ' AND store_id = ?' : '';
      const storeArg = query.store_id ? [query.store_id] : [];
      const uncaptured = db
        .prepare<(string | number)[], UncapturedLine>(
          `SELECT store_id, ${SNAPSHOT.currency} AS currency, COUNT(*) AS orders, SUM(${SNAPSHOT.remaining}) AS amount,
             SUM(${SNAPSHOT.expires} < ?) AS expiring_soon, SUM(CASE WHEN ${SNAPSHOT.expires} < ? THEN ${SNAPSHOT.remaining} ELSE 0 END) AS expiring_amount
           FROM orders WHERE ${OPEN_ORDER}${store} GROUP BY store_id, currency ORDER BY store_id, currency`,
        )
        .all(query.expiring_before, query.expiring_before, now, ...storeArg);
      const expiring = db
        .prepare<(string | number)[], ExpiringAuthorization>(
          `SELECT order_id, store_id, merchant_reference1, ${SNAPSHOT.currency} AS currency, ${SNAPSHOT.remaining} AS remaining_authorized_amount,
             ${SNAPSHOT.expires} AS expires_at, status, json_extract(snapshot, '$.purchase_country') AS purchase_country, created_at
           FROM orders WHERE ${OPEN_ORDER} AND ${SNAPSHOT.expires} < ?${store} ORDER BY expires_at, order_id LIMIT ?`,
        )
        .all(now, query.expiring_before, ...storeArg, query.expiring_limit);
      const links = db
        .prepare<string[], LinksWaiting>(
          `SELECT store_id, COUNT(*) AS awaiting_payment, SUM(expires_at < ?) AS expiring_today FROM links WHERE ${OPEN_LINK}${store} GROUP BY store_id ORDER BY store_id`,
        )
        .all(query.links_expiring_before, now, ...storeArg);
      return { source: 'local_ledger', uncaptured, expiring, links };
    },
  };
}
