/**
 * Opens the sandbox's SQLite database: WAL so readers never block the writer, a busy timeout so two
 * processes wait for each other instead of failing, and versioned migrations applied under an IMMEDIATE
 * transaction so that two first runs at once cannot both migrate (or both seed).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { cacheStatements } from './statement-cache.js';
import { ConfigError } from '../../errors.js';
import { MIGRATIONS } from './migrations/index.js';

export type Db = Database.Database;

export function openSandboxDatabase(file: string): Db {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  let db: Db;
  try {
    db = cacheStatements(new Database(file));
  } catch (error) {
    throw new ConfigError(`Cannot open the sandbox database ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    db.pragma('busy_timeout = 10000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code === 'SQLITE_NOTADB' || (error as { code?: string }).code === 'SQLITE_CORRUPT') {
      throw new ConfigError(`The sandbox database ${file} is not a usable SQLite file.`, {
        hint: `Move it away to start a fresh sandbox: mv '${file}' '${file}.bak'`,
        cause: error,
      });
    }
    throw error;
  }
  return db;
}

/** The highest migration applied. */
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration not yet recorded in `schema_migrations` (by version, not by "highest so far",
 * so a step merged later with a lower number is still applied).
 */
function migrate(db: Db): void {
  const latest = Math.max(0, ...MIGRATIONS.map((m) => m.version));
  const known = new Set(MIGRATIONS.map((m) => m.version));
  const pending = (): number[] => {
    const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get();
    const applied = new Set(exists ? db.prepare<[], { version: number }>(`SELECT version FROM schema_migrations`).all().map((r) => r.version) : []);
    for (const version of applied) {
      if (!known.has(version)) {
        throw new ConfigError(`The sandbox database has schema step ${version}, which this version of merchant does not know.`, {
          hint: 'Upgrade merchant, or reset the sandbox with `merchant sandbox reset`.',
        });
      }
    }
    return MIGRATIONS.filter((m) => !applied.has(m.version)).map((m) => m.version);
  };
  if (pending().length === 0) return;
  db.transaction(() => {
    // Re-check inside the write lock: another process may have migrated while we waited.
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const todo = new Set(pending());
    for (const migration of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
      if (!todo.has(migration.version)) continue;
      migration.up(db);
      db.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`).run(migration.version, migration.name, new Date().toISOString());
    }
    db.pragma(`user_version = ${latest}`);
  }).immediate();
}
