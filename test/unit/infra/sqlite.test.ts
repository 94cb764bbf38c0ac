import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { openMigratedDatabase, schemaVersion } from '../../../src/infra/sqlite.js';
import { openSandboxDatabase } from '../../../src/backends/sandbox/database.js';
import { openKustomLedger } from '../../../src/backends/kustom/ledger/database.js';
import { openJournal } from '../../../src/services/orders/bulk/journal.js';
import { openLogStore } from '../../../src/logs/log-store.js';

const fresh = (): string => mkdtempSync(join(tmpdir(), 'sqlite-open-'));

const OPENERS: [string, RegExp, (file: string) => { close(): void }][] = [
  ['sandbox', /^The sandbox database .* is not a usable SQLite file\.$/, openSandboxDatabase],
  ['kustom ledger', /^The kustom ledger .* is not a usable SQLite file\.$/, openKustomLedger],
  ['bulk-capture journal', /^The bulk-capture journal .* is not a usable SQLite file\.$/, openJournal],
  ['developer log', /^The developer log .* is not a usable SQLite file\.$/, openLogStore],
];

describe('every local database opens through one routine', () => {
  it.each(OPENERS)('%s: a file that is not SQLite is named, with how to move it away, and left as it was', (_name, message, open) => {
    const file = join(fresh(), 'data.db');
    const garbage = 'this is not a database, it is a note the user saved here\n'.repeat(50);
    writeFileSync(file, garbage);
    let caught: unknown;
    try {
      open(file).close();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).message).toMatch(message);
    expect((caught as ConfigError).message).toContain(file);
    expect((caught as ConfigError).hint).toContain(`mv '${file}' '${file}.bak'`);
    expect(readFileSync(file, 'utf8')).toBe(garbage);
  });

  it.each(OPENERS)('%s: a new file is created, migrated, and opens again', (_name, _message, open) => {
    const file = join(fresh(), 'data.db');
    open(file).close();
    open(file).close();
    const db = new Database(file, { readonly: true });
    expect(schemaVersion(db)).toBeGreaterThan(0);
    db.close();
  });

  it('a connection waits for other writers, writes ahead (WAL) with NORMAL syncs and checks foreign keys, on a new file and a reopened one', () => {
    const file = join(fresh(), 'data.db');
    const options = { label: 'a test database', newerHint: 'upgrade', migrations: [{ version: 1, name: 'one', up: (db: Database.Database) => db.exec('CREATE TABLE t (x)') }] };
    for (let i = 0; i < 2; i++) {
      const db = openMigratedDatabase(file, options);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(1);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(10_000);
      db.close();
    }
  });

  it('the developer log is private to the user', () => {
    const file = join(fresh(), 'logs.db');
    openLogStore(file).close();
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a journal made before its steps were recorded opens as it is (no step fails on the existing table)', async () => {
    const file = join(fresh(), 'journal.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE capture_ops (op_key TEXT PRIMARY KEY, order_id TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
      capture_id TEXT, reason TEXT, request TEXT, first_sent_at TEXT, updated_at TEXT NOT NULL)`);
    old.prepare(`INSERT INTO capture_ops (op_key, order_id, state, updated_at) VALUES ('k', 'o', 'captured', 'now')`).run();
    old.close();
    const journal = openJournal(file);
    expect((await journal.get('k'))?.state).toBe('captured');
    await journal.close();
  });

  it('a file at the latest step runs no step again; a file one step behind runs only the missing step', () => {
    const file = join(fresh(), 'x.db');
    const ran: number[] = [];
    const step = (version: number) => ({ version, name: `s${version}`, up: (db: Database.Database) => (ran.push(version), db.exec(`CREATE TABLE t${version} (x)`)) });
    const base = { label: 'the test database', newerHint: 'Upgrade merchant.' };
    openMigratedDatabase(file, { ...base, migrations: [step(1)] }).close();
    openMigratedDatabase(file, { ...base, migrations: [step(1)] }).close();
    expect(ran).toEqual([1]);
    const db = openMigratedDatabase(file, { ...base, migrations: [step(1), step(2)] });
    expect(ran).toEqual([1, 2]);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual([{ version: 1 }, { version: 2 }]);
    db.close();
  });

  it('a file with a step this version does not know is refused with the hint', () => {
    const file = join(fresh(), 'x.db');
    const options = { label: 'the test database', newerHint: 'Upgrade merchant.', migrations: [{ version: 1, name: 'a', up: () => undefined }] };
    openMigratedDatabase(file, { ...options, migrations: [...options.migrations, { version: 2, name: 'b', up: () => undefined }] }).close();
    expect(() => openMigratedDatabase(file, options)).toThrow('The test database has schema step 2, which this version of merchant does not know.');
  });
});
