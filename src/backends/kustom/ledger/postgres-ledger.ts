/**
 * The ledger in the shared PostgreSQL database (database_url): one history of stores, links, messages,
 * scheduled sends and orders seen for every machine pointing at it. The database must be migrated first
 * (`merchant db migrate`); a command never migrates it by itself.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../../../domain/clock.js';
import { assertMigrated } from '../../../infra/postgres-migrate.js';
import { openSharedDatabase } from '../../../infra/postgres.js';
import { createPostgresOverview } from '../overview/ledger-overview-postgres.js';
import type { Ledger } from './ledger.js';
import { LEDGER_MIGRATIONS } from './migrations.js';
import { createPostgresLinks } from './postgres-links.js';
import { createPostgresOperations, createPostgresOrders } from './postgres-orders.js';
import { createPostgresStores } from './postgres-stores.js';

export async function openPostgresLedger(url: string, clock: Clock, options: { leaseMs: number }): Promise<Ledger> {
  const db = await openSharedDatabase(url, { maxConnections: 4 });
  try {
    await assertMigrated(db.pool, [{ name: 'ledger', label: 'the kustom ledger', migrations: LEDGER_MIGRATIONS }], db.shown);
  } catch (error) {
    await db.close();
    throw error;
  }
  const me = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  return {
    engine: 'postgresql',
    stores: createPostgresStores(db.pool, clock),
    links: createPostgresLinks(db.pool, { me, leaseMs: options.leaseMs }),
    orders: createPostgresOrders(db.pool),
    operations: createPostgresOperations(db.pool),
    overview: createPostgresOverview(db.pool, clock),
    close: () => db.close(),
  };
}
