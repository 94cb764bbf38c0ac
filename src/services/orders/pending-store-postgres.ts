/**
 * Pending operations in the shared database: one row per intent in `pending_operations` (a step of the
 * journal's schema), written before the request is sent and deleted once its outcome is known. The row
 * names the machine and user that wrote it, so an open outcome can be traced to where it was left.
 */
import { hostname } from 'node:os';
import { assertMigrated, safeUser } from '../../infra/postgres-migrate.js';
import { openSharedDatabase, type SharedDatabase } from '../../infra/postgres.js';
import { JOURNAL_LABEL, JOURNAL_MIGRATIONS } from './bulk/journal.js';
import type { PendingStore } from './pending-store.js';
import type { PendingOperation } from './pending-operation.js';

export async function openPostgresPendingStore(url: string): Promise<PendingStore> {
  const db = await openSharedDatabase(url, { maxConnections: 2 });
  try {
    await assertMigrated(db.pool, [{ name: 'journal', label: JOURNAL_LABEL, migrations: JOURNAL_MIGRATIONS }], db.shown);
  } catch (error) {
    await db.close();
    throw db.failure(error);
  }
  return postgresPendingStore(db);
}

function postgresPendingStore(db: SharedDatabase): PendingStore {
  const query = async <T extends object>(sql: string, params: unknown[]): Promise<T[]> => {
    try {
      return (await db.pool.query<T>(sql, params)).rows;
    } catch (error) {
      throw db.failure(error);
    }
  };
  const origin = { host: hostname(), user: safeUser() };
  return {
    async read<R>(kind: string, intent: string) {
      const [row] = await query<{ record: string }>(`SELECT record FROM pending_operations WHERE kind = $1 AND intent = $2`, [kind, intent]);
      return row ? (JSON.parse(row.record) as PendingOperation<R>) : undefined;
    },
    async write(kind, intent, pending) {
      await query(
        `INSERT INTO pending_operations (kind, intent, order_id, record, written_at, host, os_user) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (kind, intent) DO UPDATE SET record = excluded.record, written_at = excluded.written_at, host = excluded.host, os_user = excluded.os_user`,
        [kind, intent, pending.order_id, JSON.stringify(pending), pending.sent_at ?? new Date().toISOString(), origin.host, origin.user],
      );
    },
    async clear(kind, intent) {
      await query(`DELETE FROM pending_operations WHERE kind = $1 AND intent = $2`, [kind, intent]);
    },
    close: () => db.close(),
  };
}
