/** The ledger in this machine's SQLite file: the synchronous repositories, answering with promises. */
import type { Clock } from '../../../domain/clock.js';
import { createLedgerOverview } from '../overview/ledger-overview.js';
import { openKustomLedger } from './database.js';
import { createLedgerStores } from './ledger-stores.js';
import type { Async, Ledger } from './ledger.js';
import { createLinksRepo } from './links-repo.js';
import { createOperationsRepo } from './operations-repo.js';
import { createOrdersRepo } from './orders-repo.js';

function promised<T extends object>(repo: T): Async<T> {
  const entries = Object.entries(repo).map(([name, method]) => [name, async (...args: unknown[]) => (method as (...a: unknown[]) => unknown)(...args)]);
  return Object.fromEntries(entries) as Async<T>;
}

export function openSqliteLedger(file: string, clock: Clock): Ledger {
  const db = openKustomLedger(file);
  let closed = false;
  return {
    engine: 'sqlite',
    stores: createLedgerStores(db, clock),
    links: promised(createLinksRepo(db)),
    orders: promised(createOrdersRepo(db)),
    operations: promised(createOperationsRepo(db)),
    overview: createLedgerOverview(db, clock),
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
