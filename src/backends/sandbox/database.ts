/** Opens the sandbox's SQLite database (WAL, busy timeout, versioned migrations: see infra/sqlite.ts). */
import type Database from 'better-sqlite3';
import { openMigratedDatabase } from '../../infra/sqlite.js';
import { MIGRATIONS } from './migrations/index.js';
import { cacheStatements } from './statement-cache.js';

export { schemaVersion } from '../../infra/sqlite.js';

export type Db = Database.Database;

/**
 * WAL pages between automatic checkpoints (SQLite's default is 1,000, 4 MB). A bulk capture's commits
 * rewrite the same index pages group after group: copied back every 4 MB, each page was read and written
 * back about four times for 10,000 captures, with two syncs each time. At 64 MB each is copied back about
 * once, and the WAL file stays bounded whatever the run's size.
 */
const WAL_CHECKPOINT_PAGES = 16_384;

export function openSandboxDatabase(file: string): Db {
  const db = openMigratedDatabase(file, {
    label: 'the sandbox database',
    migrations: MIGRATIONS,
    resetNote: 'a fresh sandbox is seeded on the next run',
    newerHint: 'Upgrade merchant, or reset the sandbox with `merchant sandbox reset`.',
    // Bulk capture prepares the same few statements thousands of times; prepare each once.
    wrap: cacheStatements,
  });
  db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  return db;
}
