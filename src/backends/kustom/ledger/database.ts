/**
 * The kustom backend's local ledger. Kustom has no list endpoints for sessions or orders and no store API,
 * so what this tool created or saw is remembered here. Opened like the sandbox (WAL,
 * busy timeout, versioned migrations: see infra/sqlite.ts).
 */
import type Database from 'better-sqlite3';
import { openMigratedDatabase } from '../../../infra/sqlite.js';
import { LEDGER_MIGRATIONS } from './migrations.js';

export type LedgerDb = Database.Database;

export function openKustomLedger(file: string): LedgerDb {
  return openMigratedDatabase(file, {
    label: 'the kustom ledger',
    migrations: LEDGER_MIGRATIONS,
    resetNote: 'link and order history is lost',
    newerHint: 'Upgrade merchant.',
  });
}
