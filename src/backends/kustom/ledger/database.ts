/**
 * The kustom backend's local ledger. Kustom has no list endpoints for sessions or orders and no store API,
 * so what this tool created or saw is remembered here (reference §11.12). Opened like the sandbox: WAL so
 * readers never block the writer, a busy timeout so two processes wait instead of failing, and versioned
 * migrations applied under an IMMEDIATE transaction.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../../../errors.js';
import { LEDGER_MIGRATIONS } from './migrations.js';

export type LedgerDb = Database.Database;

export function openKustomLedger(file: string): LedgerDb {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  let db: LedgerDb;
  try {
    db = new Database(file);
  } catch (error) {
    throw new ConfigError(`Cannot open the kustom ledger ${file}: ${(error as Error).message}`, { cause: error });
  }
  try {
    db.pragma('busy_timeout = 10000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db.close();
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new ConfigError(`The kustom ledger ${file} is not a usable SQLite file.`, {
        hint: `Move it away to start a fresh ledger (link and order history is lost): mv '${file}' '${file}.bak'`,
        cause: error,
      });
    }
    throw error;
  }
  return db;
}

function migrate(db: LedgerDb): void {
  const known = new Set(LEDGER_MIGRATIONS.map((m) => m.version));
  const latest = Math.max(0, ...known);
  const pending = (): number[] => {
    const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`).get();
    const applied = new Set(exists ? db.prepare<[], { version: number }>(`SELECT version FROM schema_migrations`).all().map((r) => r.version) : []);
    for (const version of applied) {
      if (!known.has(version)) {
        throw new ConfigError(`The kustom ledger has schema step ${version}, which this version of merchant does not know.`, {
          hint: 'Upgrade merchant.',
        });
      }
    }
    return LEDGER_MIGRATIONS.filter((m) => !applied.has(m.version)).map((m) => m.version);
  };
  if (pending().length === 0) return;
  db.transaction(() => {
    // Re-check inside the write lock: another process may have migrated while we waited.
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const todo = new Set(pending());
    for (const migration of [...LEDGER_MIGRATIONS].sort((a, b) => a.version - b.version)) {
      if (!todo.has(migration.version)) continue;
      migration.up(db);
      db.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`).run(migration.version, migration.name, new Date().toISOString());
    }
    db.pragma(`user_version = ${latest}`);
  }).immediate();
}
