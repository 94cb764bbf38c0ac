/**
 * The developer log in the shared database: every terminal's and runner's calls in one `log_entries`
 * table, each entry naming the machine and OS user that made it. The entries are the same redacted rows
 * as the local log; only where they are kept differs. Pruned to 30 days like the local log.
 */
import { assertMigrated } from '../infra/postgres-migrate.js';
import { openSharedDatabase } from '../infra/postgres.js';
import { COLUMNS, LOG_MIGRATIONS, LOG_RETENTION_DAYS, logFilter, ORIGIN, type LogBook, type LogEntry } from './log-store.js';

export async function openPostgresLogBook(url: string): Promise<LogBook> {
  const db = await openSharedDatabase(url, { maxConnections: 2 });
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw db.failure(error);
    }
  };
  try {
    await guarded(() => assertMigrated(db.pool, [{ name: 'logs', label: 'the developer log', migrations: LOG_MIGRATIONS }], db.shown));
  } catch (error) {
    await db.close();
    throw error;
  }
  let pruned = false;
  return {
    appendMany: (entries, now) =>
      guarded(async () => {
        if (entries.length === 0) return;
        if (!pruned) {
          pruned = true;
          await db.pool.query(`DELETE FROM log_entries WHERE time < $1`, [new Date(now.getTime() - LOG_RETENTION_DAYS * 86_400_000).toISOString()]);
        }
        // One statement per batch: a batch is one round trip, as it is one commit locally.
        const values: unknown[] = [];
        const rows = entries.map((entry) => {
          const full: Record<string, unknown> = { attempt: null, ...ORIGIN, ...entry };
          return `(${COLUMNS.map((c) => (values.push(full[c] ?? null), `$${values.length}`)).join(', ')})`;
        });
        await db.pool.query(`INSERT INTO log_entries (${COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`, values);
      }),
    query: (q) =>
      guarded(async () => {
        const params: unknown[] = [];
        const where = logFilter(q, (value) => (params.push(value), `$${params.length}`));
        params.push(q.limit ?? 1000);
        const { rows } = await db.pool.query<LogEntry & { id: string | number }>(`SELECT * FROM log_entries ${where} ORDER BY id DESC LIMIT $${params.length}`, params);
        return rows.map((row) => ({ ...row, id: Number(row.id) })).reverse();
      }),
    close: () => db.close(),
  };
}
