/**
 * The kustom ledger on both engines, for tests that ask the same of each: this machine's SQLite file, and
 * (when a PostgreSQL server is available, see test/helpers/postgres.ts) a freshly migrated shared database.
 * Each entry names the engine and sets up one store; the function it returns opens a ledger over it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLedger, type Ledger } from '../../src/backends/kustom/ledger/ledger.js';
import type { Clock } from '../../src/domain/clock.js';
import { migratedLedgerDatabase } from './ledger-database.js';
import { pgBaseUrl } from './postgres.js';

export type OpenLedger = (env?: Record<string, string>) => Promise<Ledger>;

export function ledgerEngines(clock: Clock): [string, () => Promise<OpenLedger>][] {
  const engines: [string, () => Promise<OpenLedger>][] = [
    [
      'sqlite',
      async () => {
        const file = join(mkdtempSync(join(tmpdir(), 'merchant-ledger-')), 'kustom.db');
        return () => openLedger({ file, databaseUrl: undefined, clock, env: {} });
      },
    ],
  ];
  if (pgBaseUrl() !== null) {
    engines.push([
      'postgresql',
      async () => {
        const url = await migratedLedgerDatabase();
        return (env = {}) => openLedger({ file: '/nonexistent/kustom.db', databaseUrl: url, clock, env });
      },
    ]);
  }
  return engines;
}
