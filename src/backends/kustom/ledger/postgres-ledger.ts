/**
 * The ledger in the shared PostgreSQL database (database_url): one history of stores, links, messages,
 * scheduled sends and orders seen for every machine pointing at it. The database must be migrated first
 * (`merchant db migrate`); a command never migrates it by itself.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../../../domain/clock.js';
import { assertMigrated } from '../../../infra/postgres-migrate.js';
import { DeferredWrites } from '../../../infra/postgres-batch.js';
import { openSharedDatabase } from '../../../infra/postgres.js';
import { createPostgresOverview } from '../overview/ledger-overview-postgres.js';
import type { Ledger } from './ledger.js';
import { LEDGER_MIGRATIONS } from './migrations.js';
import { createPostgresLinks } from './postgres-links.js';
import { createPostgresOperations, createPostgresOrders } from './postgres-orders.js';
import { createPostgresStores } from './postgres-stores.js';

/** How long a snapshot or result ID may wait for others to share its statement, and how many may. */
const DEFER_MS = 100;
const DEFER_ROWS = 256;

export async function openPostgresLedger(url: string, clock: Clock, options: { leaseMs: number }): Promise<Ledger> {
  const db = await openSharedDatabase(url, { maxConnections: 4 });
  try {
    await assertMigrated(db.pool, [{ name: 'ledger', label: 'the kustom ledger', migrations: LEDGER_MIGRATIONS }], db.shown);
  } catch (error) {
    await db.close();
    throw error;
  }
  const me = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  // Snapshots and result IDs (postgres-orders.ts). A group the server did not take is reported by the next
  // read of the orders or operations; at the close it is dropped, since what it held is learned again (the
  // order read again, the result replayed by Kustom under the same key): a capture Kustom confirmed is
  // never turned into a failure by the ledger.
  const deferred = new DeferredWrites({ deferMs: DEFER_MS, maxRows: DEFER_ROWS });
  const overview = createPostgresOverview(db.pool, clock);
  return {
    engine: 'postgresql',
    stores: createPostgresStores(db.pool, clock),
    links: createPostgresLinks(db.pool, { me, leaseMs: options.leaseMs }),
    orders: createPostgresOrders(db.pool, deferred),
    operations: createPostgresOperations(db.pool, deferred),
    // The overview reads the orders table: it sees this process's deferred snapshots.
    overview: { summary: async (query) => (await deferred.settle(), overview.summary(query)) },
    async close() {
      try {
        await deferred.flush();
      } finally {
        await db.close();
      }
    },
  };
}
