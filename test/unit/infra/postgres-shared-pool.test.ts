/**
 * The stores of one process (journal, ledger, developer log) naming the same database share one pool: one
 * login where each had its own, the connections they asked for together, open until the last closes it;
 * and their schema checks share one read, read again before a check would fail.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { LEDGER_MIGRATIONS } from '../../../src/backends/kustom/ledger/migrations.js';
import { isMerchantError } from '../../../src/errors.js';
import { assertMigrated, pgMigrate, type SchemaComponent } from '../../../src/infra/postgres-migrate.js';
import { openSharedDatabase } from '../../../src/infra/postgres.js';
import { JOURNAL_LABEL, JOURNAL_MIGRATIONS } from '../../../src/services/orders/bulk/journal.js';
import { createTestDatabase, describePg } from '../../helpers/postgres.js';

const LEDGER: SchemaComponent = { name: 'ledger', label: 'the kustom ledger', migrations: LEDGER_MIGRATIONS };
const JOURNAL: SchemaComponent = { name: 'journal', label: JOURNAL_LABEL, migrations: JOURNAL_MIGRATIONS };

describePg('one pool per database in a process', () => {
  let url: string;
  let admin: pg.Pool;
  beforeAll(async () => {
    url = await createTestDatabase('pool');
    admin = new pg.Pool({ connectionString: url.replace(/\/[^/]+$/, '/postgres'), max: 1 });
  });
  afterAll(async () => {
    await admin.end();
  });
  const logins = async (): Promise<number> =>
    Number((await admin.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'merchant'`, [new URL(url).pathname.slice(1)])).rows[0]?.n);

  it('a second opener joins the first pool (no second login); it stays open until the last holder closes it', async () => {
    const journal = await openSharedDatabase(url);
    const ledger = await openSharedDatabase(url, { maxConnections: 4 });
    expect(ledger.pool).toBe(journal.pool);
    expect(journal.pool.options.max).toBe(12);
    expect(await logins()).toBe(1);
    await journal.close();
    await journal.close();
    expect((await ledger.pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
    await ledger.close();
    await vi.waitFor(async () => expect(await logins()).toBe(0));
    // Once closed, the next opener has a pool of its own.
    const next = await openSharedDatabase(url);
    expect(next.pool).not.toBe(ledger.pool);
    await next.close();
  });

  it('warming opens connections in the background up to the count asked for, never past the pool\'s limit', async () => {
    const db = await openSharedDatabase(url, { maxConnections: 3 });
    try {
      db.warm(2);
      await vi.waitFor(async () => expect(await logins()).toBe(2));
      expect(db.pool.totalCount).toBe(2);
      db.warm(10);
      await vi.waitFor(async () => expect(await logins()).toBe(3));
      expect(db.pool.totalCount).toBe(3);
    } finally {
      await db.close();
    }
    await vi.waitFor(async () => expect(await logins()).toBe(0));
  });

  it('other settings are another pool', async () => {
    const a = await openSharedDatabase(url);
    const b = await openSharedDatabase(url, { queryTimeoutMs: 1_234 });
    try {
      expect(b.pool).not.toBe(a.pool);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('an opener that fails is not joined: the next one tries again and reports its own failure', async () => {
    const missing = url.replace(/\/[^/]+$/, '/no_such_database_here');
    for (let i = 0; i < 2; i++) {
      const error = await openSharedDatabase(missing).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isMerchantError(error) && error.kind).toBe('config');
    }
  });

  it('schema checks on one pool share a read; a check that would fail reads again, so a step applied since counts', async () => {
    const fresh = await createTestDatabase('pool_schema');
    const db = await openSharedDatabase(fresh);
    const other = await openSharedDatabase(fresh, { queryTimeoutMs: 4_321 });
    try {
      await pgMigrate(other.pool, [LEDGER]);
      let reads = 0;
      const query = db.pool.query.bind(db.pool) as (...args: unknown[]) => unknown;
      (db.pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
        if (String(args[0]).includes('FROM merchant_schema_migrations')) reads++;
        return query(...args);
      };
      await assertMigrated(db.pool, [LEDGER], db.shown);
      await assertMigrated(db.pool, [LEDGER], db.shown);
      expect(reads).toBe(1);
      // The journal is not migrated: the check reads again before it stops the command.
      await expect(assertMigrated(db.pool, [JOURNAL], db.shown)).rejects.toMatchObject({ kind: 'config' });
      expect(reads).toBe(2);
      // Migrated by another pool (another machine) since: the next check sees it.
      await pgMigrate(other.pool, [JOURNAL]);
      await expect(assertMigrated(db.pool, [LEDGER, JOURNAL], db.shown)).resolves.toBeUndefined();
    } finally {
      await db.close();
      await other.close();
    }
  });
});
