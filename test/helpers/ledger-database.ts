/** A fresh shared database holding the kustom ledger's schema, as `merchant db migrate` leaves it. */
import { LEDGER_MIGRATIONS } from '../../src/backends/kustom/ledger/migrations.js';
import { pgMigrate } from '../../src/infra/postgres-migrate.js';
import { openSharedDatabase } from '../../src/infra/postgres.js';
import { createTestDatabase } from './postgres.js';

export async function migratedLedgerDatabase(prefix = 'ledger'): Promise<string> {
  const url = await createTestDatabase(prefix);
  const db = await openSharedDatabase(url);
  try {
    await pgMigrate(db.pool, [{ name: 'ledger', label: 'the kustom ledger', migrations: LEDGER_MIGRATIONS }]);
  } finally {
    await db.close();
  }
  return url;
}
