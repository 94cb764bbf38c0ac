/** Opens the sandbox's SQLite database (WAL, busy timeout, versioned migrations: see infra/sqlite.ts). */
import type Database from 'better-sqlite3';
import { openMigratedDatabase } from '../../infra/sqlite.js';
import { MIGRATIONS } from './migrations/index.js';
import { cacheStatements } from './statement-cache.js';

export { schemaVersion } from '../../infra/sqlite.js';

export type Db = Database.Database;

export function openSandboxDatabase(file: string): Db {
  return openMigratedDatabase(file, {
    label: 'the sandbox database',
    migrations: MIGRATIONS,
    resetNote: 'a fresh sandbox is seeded on the next run',
    newerHint: 'Upgrade merchant, or reset the sandbox with `merchant sandbox reset`.',
    // Bulk capture prepares the same few statements thousands of times; prepare each once.
    wrap: cacheStatements,
  });
}
