/**
 * Versioned migrations in the shared PostgreSQL database. Each schema that lives there (the kustom ledger,
 * the bulk-capture journal, the developer log) keeps its one numbered list (the same steps as its SQLite
 * file, in PostgreSQL's dialect), recorded per schema in `merchant_schema_migrations`.
 *
 * A shared database is migrated only by `merchant db migrate`, never as a side effect of another command:
 * a command finding steps pending stops with exit 2 and says how (assertMigrated). Migrating runs in one
 * transaction under a transaction-level advisory lock, so two migrators at once apply each step once (the
 * second waits, then finds nothing to do) and a migrator that dies leaves nothing half-applied.
 */
import { hostname, userInfo } from 'node:os';
import { ConfigError } from '../errors.js';
import type { PgClient, PgPool } from './postgres.js';
import type { Migration } from './sqlite.js';

export interface SchemaComponent {
  /** The key in `merchant_schema_migrations`: `ledger`, `journal`, `logs`. */
  name: string;
  /** How it is named in messages: "the kustom ledger". */
  label: string;
  migrations: readonly Migration[];
}

export interface StepRow {
  component: string;
  version: number;
  name: string;
  applied_at?: string;
  applied_by?: string;
}

export interface PgSchemaStatus {
  serverVersion: string;
  applied: StepRow[];
  pending: StepRow[];
}

/** Any 64-bit constant shared by every migrator of this tool. */
const MIGRATION_LOCK = 734_201_914_014;

const TABLE = 'merchant_schema_migrations';

async function appliedSteps(client: PgPool | PgClient): Promise<StepRow[]> {
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('${TABLE}')::text AS t`);
  if (!exists.rows[0]?.t) return [];
  const { rows } = await client.query<StepRow>(`SELECT component, version, name, applied_at, applied_by FROM ${TABLE} ORDER BY component, version`);
  return rows;
}

function pendingSteps(components: readonly SchemaComponent[], applied: readonly StepRow[]): StepRow[] {
  const done = new Set(applied.map((r) => `${r.component}/${r.version}`));
  for (const row of applied) {
    const component = components.find((c) => c.name === row.component);
    if (component && !component.migrations.some((m) => m.version === row.version)) {
      throw new ConfigError(`The shared database has ${component.label} schema step ${row.version} (${row.name}), which this version of merchant does not know.`, {
        hint: 'Upgrade merchant on this machine to the version that migrated the database.',
      });
    }
  }
  return components.flatMap((c) =>
    [...c.migrations].sort((a, b) => a.version - b.version).filter((m) => !done.has(`${c.name}/${m.version}`)).map((m) => ({ component: c.name, version: m.version, name: m.name })),
  );
}

export async function pgSchemaStatus(pool: PgPool, components: readonly SchemaComponent[]): Promise<PgSchemaStatus> {
  const version = await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v");
  const applied = await appliedSteps(pool);
  return { serverVersion: version.rows[0]?.v ?? 'unknown', applied, pending: pendingSteps(components, applied) };
}

/** Applies every pending step (all or none); returns the steps this call applied. */
export async function pgMigrate(pool: PgPool, components: readonly SchemaComponent[]): Promise<StepRow[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    // Under the lock: another migrator may have finished while this one waited.
    await client.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (
      component TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL, applied_by TEXT NOT NULL,
      PRIMARY KEY (component, version))`);
    const todo = pendingSteps(components, await appliedSteps(client));
    const by = `${safeUser()}@${hostname()}`;
    for (const step of todo) {
      const migration = components.find((c) => c.name === step.component)?.migrations.find((m) => m.version === step.version);
      if (migration?.postgres === undefined) throw new Error(`schema step ${step.component}/${step.version} has no PostgreSQL form`);
      await client.query(migration.postgres);
      await client.query(`INSERT INTO ${TABLE} (component, version, name, applied_at, applied_by) VALUES ($1, $2, $3, $4, $5)`, [
        step.component,
        step.version,
        step.name,
        new Date().toISOString(),
        by,
      ]);
    }
    await client.query('COMMIT');
    readSteps.delete(pool);
    return todo;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * The steps last read on each pool. The journal, the ledger and the developer log of one command share a
 * pool (see postgres.ts) and check it one after another: one read answers them all. A check the rows read
 * earlier would fail reads them again first, so a step applied since is seen as before.
 */
const readSteps = new WeakMap<PgPool, Promise<StepRow[]>>();

function stepsOn(pool: PgPool, fresh: boolean): Promise<StepRow[]> {
  const known = fresh ? undefined : readSteps.get(pool);
  if (known) return known;
  const read = appliedSteps(pool);
  readSteps.set(pool, read);
  read.catch(() => readSteps.get(pool) === read && readSteps.delete(pool));
  return read;
}

/** Stops a command (exit 2) when the shared database lacks a step it needs; it never migrates by itself. */
export async function assertMigrated(pool: PgPool, components: readonly SchemaComponent[], shown: string): Promise<void> {
  const cached = readSteps.has(pool);
  let pending: StepRow[];
  try {
    pending = pendingSteps(components, await stepsOn(pool, false));
    if (pending.length > 0 && cached) pending = pendingSteps(components, await stepsOn(pool, true));
  } catch (error) {
    if (!cached) throw error;
    pending = pendingSteps(components, await stepsOn(pool, true));
  }
  if (pending.length === 0) return;
  throw new ConfigError(`The shared database ${shown} needs migrating: ${pending.length} schema step${pending.length === 1 ? '' : 's'} pending (${pending.map((p) => `${p.component} ${p.version}`).join(', ')}).`, {
    hint: 'Run: merchant db migrate (see what it will do with: merchant db status)',
    details: { pending },
  });
}

export function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? 'unknown';
  }
}
