import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolvePaths } from '../../src/config/paths.js';
import { sharedSchemas } from '../../src/cli/shared-schema.js';
import { migrateDatabase, type DatabaseStatus } from '../../src/services/db/database-schema.js';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { createTestDatabase, describePg } from '../helpers/postgres.js';
import { TEST_PG_PASSWORD } from '../helpers/postgres-server.js';

const STEPS = sharedSchemas(resolvePaths({ MERCHANT_HOME: '/x' })).reduce((n, c) => n + c.migrations.length, 0);

describe('db status and migrate on local files', () => {
  it('shows SQLite, every step pending on a fresh home, none after migrate', async () => {
    const home = tempHome();
    const before = await runCli(['db', 'status', '--json'], { home });
    expect(before.exitCode).toBe(0);
    const status = before.json<DatabaseStatus>();
    expect(status.engine).toBe('sqlite');
    expect(status.server_version).toMatch(/^3\./);
    expect(status.pending).toBe(STEPS);
    const migrated = await runCli(['db', 'migrate', '--json'], { home });
    expect(migrated.exitCode).toBe(0);
    expect(migrated.json<DatabaseStatus>().migrated).toHaveLength(STEPS);
    expect((await runCli(['db', 'status', '--json'], { home })).json<DatabaseStatus>().pending).toBe(0);
  });
});

describe('database_url setting', () => {
  it('refuses to store a URL with a password, names the setting, stores nothing (exit 2)', async () => {
    const home = tempHome();
    const result = await runCli(['config', 'set', 'database_url', 'postgres://ci:hunter2@db.internal/merchant'], { home });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/database_url: a password is not stored in config.json/);
    expect(result.stderr).not.toContain('hunter2');
    expect(() => readFileSync(join(home, 'config', 'config.json'), 'utf8')).toThrow();
  });

  it('stores a URL without a password, per profile', async () => {
    const home = tempHome();
    expect((await runCli(['config', 'set', 'database_url', 'postgres://ci@db.internal/merchant?sslmode=require', '--for-profile', 'ci'], { home })).exitCode).toBe(0);
    const file = JSON.parse(readFileSync(join(home, 'config', 'config.json'), 'utf8'));
    expect(file.profiles.ci.database_url).toBe('postgres://ci@db.internal/merchant?sslmode=require');
  });

  it('config list, config get and errors show the environment URL masked', async () => {
    const env = { MERCHANT_DATABASE_URL: 'postgres://ci:hunter2@127.0.0.1:1/merchant' };
    const list = await runCli(['config', 'list', '--json'], { env });
    expect(list.stdout).toContain('postgres://ci:***@127.0.0.1:1/merchant');
    const get = await runCli(['config', 'get', 'database_url'], { env });
    expect(get.stdout.trim()).toBe('postgres://ci:***@127.0.0.1:1/merchant');
    const status = await runCli(['db', 'status'], { env });
    expect(status.exitCode).toBe(1);
    expect(status.stderr).toMatch(/Cannot reach the database server at 127\.0\.0\.1:1: connection refused/);
    for (const r of [list, get, status]) expect(r.stdout + r.stderr).not.toContain('hunter2');
  });

  it('a bad URL in the environment is refused naming where it came from (exit 2)', async () => {
    const result = await runCli(['db', 'status'], { env: { MERCHANT_DATABASE_URL: 'mysql://x/y' } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/database_url \(from MERCHANT_DATABASE_URL\): must be a postgres/);
  });
});

describePg('db status and migrate on a shared PostgreSQL database', () => {
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase('schema');
  });

  it('shows PostgreSQL and its version, every step pending, then applies them once', async () => {
    const env = { MERCHANT_DATABASE_URL: url };
    const status = (await runCli(['db', 'status', '--json'], { env })).json<DatabaseStatus>();
    expect(status.engine).toBe('postgresql');
    expect(status.server_version).toMatch(/^\d+/);
    expect(status.pending).toBe(STEPS);
    expect(JSON.stringify(status)).not.toContain(TEST_PG_PASSWORD);
    // Each schema is named for what it holds: the journal keeps bulk rows and pending single operations.
    expect(Object.fromEntries(status.components.map((c) => [c.component, c.label]))).toEqual({
      ledger: 'the kustom ledger',
      journal: 'the order-operations journal (bulk captures, pending single operations)',
      logs: 'the developer log',
    });
    const migrated = await runCli(['db', 'migrate'], { env });
    expect(migrated.exitCode).toBe(0);
    expect(migrated.stdout).toContain('PostgreSQL (shared)');
    const again = (await runCli(['db', 'migrate', '--json'], { env })).json<DatabaseStatus>();
    expect(again.migrated).toEqual([]);
    expect(again.pending).toBe(0);
  });

  it('two migrators at once apply each step exactly once, and both succeed', async () => {
    const fresh = await createTestDatabase('race');
    const components = sharedSchemas(resolvePaths({ MERCHANT_HOME: tempHome() }));
    const results = await Promise.all(Array.from({ length: 4 }, () => migrateDatabase({ databaseUrl: fresh, components })));
    const applied = results.flatMap((r) => r.migrated ?? []).map((s) => `${s.component}/${s.version}`);
    expect(applied.sort()).toEqual(components.flatMap((c) => c.migrations.map((m) => `${c.name}/${m.version}`)).sort());
    for (const r of results) expect(r.pending).toBe(0);
  });
});
