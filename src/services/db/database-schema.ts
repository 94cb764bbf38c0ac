/**
 * `merchant db status|migrate`: where the ledger, journal and developer log live (the shared PostgreSQL
 * database when database_url is set, else this machine's SQLite files), which schema steps are applied and
 * which are pending. Local SQLite files migrate themselves when opened, as they always have; the shared
 * database migrates only here.
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { maskDatabaseUrl } from '../../config/database-url.js';
import { openSharedDatabase, type PgPool } from '../../infra/postgres.js';
import { pgMigrate, pgSchemaStatus, type SchemaComponent, type StepRow } from '../../infra/postgres-migrate.js';
import { openMigratedDatabase } from '../../infra/sqlite.js';

export interface LocalSchema extends SchemaComponent {
  /** The component's SQLite file on this machine. */
  file: string;
}

export interface SchemaOptions {
  databaseUrl: string | undefined;
  components: readonly LocalSchema[];
  connectTimeoutMs?: number;
}

export interface ComponentStatus {
  component: string;
  label: string;
  /** The SQLite file, or the masked database URL. */
  location: string;
  applied: number[];
  pending: StepRow[];
}

export interface DatabaseStatus {
  engine: 'postgresql' | 'sqlite';
  server_version: string;
  location: string;
  components: ComponentStatus[];
  pending: number;
  /** Steps this call applied (`db migrate`). */
  migrated?: StepRow[];
}

export async function databaseStatus(options: SchemaOptions): Promise<DatabaseStatus> {
  if (options.databaseUrl === undefined) return localStatus(options.components);
  return withShared(options.databaseUrl, options, (pool) => sharedStatus(pool, options.databaseUrl as string, options.components, undefined));
}

export async function migrateDatabase(options: SchemaOptions): Promise<DatabaseStatus> {
  if (options.databaseUrl === undefined) {
    const before = localStatus(options.components);
    for (const c of options.components) openMigratedDatabase(c.file, { label: c.label, migrations: c.migrations, newerHint: 'Upgrade merchant.' }).close();
    return { ...localStatus(options.components), migrated: before.components.flatMap((c) => c.pending) };
  }
  return withShared(options.databaseUrl, options, async (pool) => {
    const migrated = await pgMigrate(pool, options.components);
    return sharedStatus(pool, options.databaseUrl as string, options.components, migrated);
  });
}

async function withShared<T>(url: string, options: SchemaOptions, work: (pool: PgPool) => Promise<T>): Promise<T> {
  const db = await openSharedDatabase(url, { connectTimeoutMs: options.connectTimeoutMs });
  try {
    return await work(db.pool);
  } finally {
    await db.close();
  }
}

async function sharedStatus(pool: PgPool, url: string, components: readonly SchemaComponent[], migrated: StepRow[] | undefined): Promise<DatabaseStatus> {
  const status = await pgSchemaStatus(pool, components);
  const location = maskDatabaseUrl(url);
  const rows = components.map((c) => ({
    component: c.name,
    label: c.label,
    location,
    applied: status.applied.filter((r) => r.component === c.name).map((r) => r.version),
    pending: status.pending.filter((r) => r.component === c.name),
  }));
  return { engine: 'postgresql', server_version: status.serverVersion, location, components: rows, pending: status.pending.length, ...(migrated ? { migrated } : {}) };
}

function localStatus(components: readonly LocalSchema[]): DatabaseStatus {
  let version = 'unknown';
  const rows = components.map((c): ComponentStatus => {
    let applied: number[] = [];
    if (existsSync(c.file)) {
      const db = new Database(c.file, { readonly: true, fileMustExist: true });
      try {
        version = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
        const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get();
        applied = table ? (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version) : [];
      } finally {
        db.close();
      }
    }
    const pending = c.migrations.filter((m) => !applied.includes(m.version)).map((m) => ({ component: c.name, version: m.version, name: m.name }));
    return { component: c.name, label: c.label, location: c.file, applied, pending };
  });
  if (version === 'unknown') {
    const db = new Database(':memory:');
    version = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    db.close();
  }
  return {
    engine: 'sqlite',
    server_version: version,
    location: 'local files (created and migrated when first used)',
    components: rows,
    pending: rows.reduce((n, r) => n + r.pending.length, 0),
  };
}
