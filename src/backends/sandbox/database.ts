/**
 * Opens the sandbox's SQLite database: WAL so readers never block the writer, a busy timeout so two
 * processes wait for each other instead of failing, and versioned migrations applied under an IMMEDIATE
 * transaction so that two first runs at once cannot both migrate (or both seed).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../../errors.js';
import { MIGRATIONS } from './migrations/index.js';

export type Db = Database.Database;

export function openSandboxDatabase(file: string): Db {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  let db: Db;
  try {
    db = new Database(file);
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

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db): void {
  const latest = MIGRATIONS.at(-1)?.version ?? 0;
  if (schemaVersion(db) === latest) return;
  db.transaction(() => {
    // Re-read inside the write lock: another process may have migrated while we waited.
    const current = schemaVersion(db);
    if (current > latest) {
      throw new ConfigError(`The sandbox database was created by a newer merchant (schema ${current}; this version knows ${latest}).`, {
        hint: 'Upgrade merchant, or reset the sandbox with `merchant sandbox reset`.',
      });
    }
    for (const migration of MIGRATIONS) {
      if (migration.version > current) migration.up(db);
    }
    db.pragma(`user_version = ${latest}`);
  }).immediate();
}
