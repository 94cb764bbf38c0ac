/** The kustom backend's home summary from the shared PostgreSQL ledger: the same aggregates as ledger-overview.ts. */
import type { Clock } from '../../backend.js';
import type { PgPool } from '../../../infra/postgres.js';
import type { ExpiringAuthorization, LinksWaiting, Overview, OverviewApi, OverviewQuery, UncapturedLine } from '../../types/overview.js';

const SNAPSHOT = {
  currency: `(snapshot::jsonb->>'purchase_currency')`,
  remaining: `(snapshot::jsonb->>'remaining_authorized_amount')::bigint`,
  expires: `(snapshot::jsonb->>'expires_at')`,
};
const OPEN_ORDER = `status IN ('AUTHORIZED','PART_CAPTURED') AND snapshot IS NOT NULL AND ${SNAPSHOT.remaining} > 0 AND ${SNAPSHOT.expires} > $1`;
const OPEN_LINK = `link_id IS NOT NULL AND cancelled_at IS NULL AND completed_at IS NULL AND order_id IS NULL AND expires_at > $1`;

/** PostgreSQL answers counts and sums as text (bigint); the overview's are numbers. */
function numbers<T extends object>(rows: readonly T[], fields: readonly (keyof T)[]): T[] {
  return rows.map((row) => ({ ...row, ...Object.fromEntries(fields.map((f) => [f, Number(row[f])])) }));
}

export function createPostgresOverview(pool: PgPool, clock: Clock): OverviewApi {
  return {
    async summary(query: OverviewQuery): Promise<Overview> {
      const now = clock.now().toISOString();
      // $1 is now; $2 the window; the store (when given) comes last.
      const store = (n: number): string => (query.store_id ? ` AND store_id = $${n}` : '');
      const storeArg = query.store_id ? [query.store_id] : [];
      const uncaptured = await pool.query<UncapturedLine>(
        `SELECT store_id, ${SNAPSHOT.currency} AS currency, COUNT(*) AS orders, SUM(${SNAPSHOT.remaining}) AS amount,
           SUM(CASE WHEN ${SNAPSHOT.expires} < $2 THEN 1 ELSE 0 END) AS expiring_soon,
           SUM(CASE WHEN ${SNAPSHOT.expires} < $2 THEN ${SNAPSHOT.remaining} ELSE 0 END) AS expiring_amount
         FROM orders WHERE ${OPEN_ORDER}${store(3)} GROUP BY store_id, currency ORDER BY store_id, currency`,
        [now, query.expiring_before, ...storeArg],
      );
      const expiring = await pool.query<ExpiringAuthorization>(
        `SELECT order_id, store_id, merchant_reference1, ${SNAPSHOT.currency} AS currency, ${SNAPSHOT.remaining} AS remaining_authorized_amount,
           ${SNAPSHOT.expires} AS expires_at, status, snapshot::jsonb->>'purchase_country' AS purchase_country, created_at
         FROM orders WHERE ${OPEN_ORDER} AND ${SNAPSHOT.expires} < $2${store(4)} ORDER BY expires_at, order_id LIMIT $3`,
        [now, query.expiring_before, query.expiring_limit, ...storeArg],
      );
      const links = await pool.query<LinksWaiting>(
        `SELECT store_id, COUNT(*) AS awaiting_payment, SUM(CASE WHEN expires_at < $2 THEN 1 ELSE 0 END) AS expiring_today
         FROM links WHERE ${OPEN_LINK}${store(3)} GROUP BY store_id ORDER BY store_id`,
        [now, query.links_expiring_before, ...storeArg],
      );
      return {
        source: 'local_ledger',
        uncaptured: numbers(uncaptured.rows, ['orders', 'amount', 'expiring_soon', 'expiring_amount']),
        expiring: numbers(expiring.rows, ['remaining_authorized_amount']),
        links: numbers(links.rows, ['awaiting_payment', 'expiring_today']),
      };
    },
  };
}
