import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { DatabaseUnavailableError, isMerchantError } from '../../../src/errors.js';
import { pgpassLookup } from '../../../src/infra/pgpass.js';
import { openSharedDatabase } from '../../../src/infra/postgres.js';
import { startTcpProxy } from '../../helpers/tcp-proxy.js';
import { freePort } from '../../helpers/postgres-server.js';
import { createTestDatabase, describePg } from '../../helpers/postgres.js';

async function failure(url: string, connectTimeoutMs = 2_000): Promise<Error & { kind?: string; details?: Record<string, unknown> }> {
  try {
    const db = await openSharedDatabase(url, { connectTimeoutMs });
    await db.close();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the connection to fail');
}

describePg('connecting to the shared database', () => {
  let url: string;
  let silent: Server;
  const sockets: Socket[] = [];
  let silentPort: number;
  beforeAll(async () => {
    url = await createTestDatabase('conn');
    // Accepts TCP and never answers: a server that hangs.
    silent = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as { port: number }).port;
  });
  afterAll(() => {
    sockets.forEach((s) => s.destroy());
    silent.close();
  });

  it('connects and queries', async () => {
    const db = await openSharedDatabase(url);
    const { rows } = await db.pool.query<{ one: number }>('SELECT 1 AS one');
    expect(rows[0]?.one).toBe(1);
    await db.close();
  });

  it('a refusing server is a transient error (exit 1) naming host and port, never a hang', async () => {
    const port = await freePort();
    const error = await failure(`postgres://u:topsecret@127.0.0.1:${port}/d`);
    expect(isMerchantError(error) && error.kind).toBe('transient');
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).toMatch(/connection refused/);
    expect(JSON.stringify({ m: error.message, h: (error as { hint?: string }).hint })).not.toContain('topsecret');
  });

  it('a server that never answers fails after the connect timeout, naming host and port', async () => {
    const error = await failure(`postgres://u:topsecret@127.0.0.1:${silentPort}/d`, 300);
    expect(isMerchantError(error) && error.kind).toBe('transient');
    expect(error.message).toContain(`127.0.0.1:${silentPort}`);
    expect(error.message).toMatch(/connect timeout/);
  });

  it('a wrong password is an auth error (exit 4) that does not repeat the password', async () => {
    const wrong = url.replace(/:[^:@/]+@/, ':not-the-password@');
    const error = await failure(wrong);
    expect(isMerchantError(error) && error.kind).toBe('auth');
    expect(error.message).not.toContain('not-the-password');
    expect(error.message).toContain('127.0.0.1');
  });

  it('an unknown user is an auth error too', async () => {
    const error = await failure(url.replace('//postgres:', '//nobody:'));
    expect(isMerchantError(error) && error.kind).toBe('auth');
  });

  it('a database that does not exist is a config error (exit 2) naming it', async () => {
    const error = await failure(url.replace(/\/[^/]+$/, '/no_such_db'));
    expect(isMerchantError(error) && error.kind).toBe('config');
    expect(error.message).toContain('no_such_db');
  });

  passwordAndLossTests(() => url);
});

/**
 * The password from the URL, PGPASSWORD or a 0600 ~/.pgpass (none at all is a refused login, exit 4); a
 * server gone under an open pool.
 */
function passwordAndLossTests(urlOf: () => string): void {
  const saved = { PGPASSWORD: process.env['PGPASSWORD'], PGPASSFILE: process.env['PGPASSFILE'] };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  const passwordOf = (u: string): string => decodeURIComponent(new URL(u).password);
  const withoutPassword = (u: string): string => u.replace(/:[^:@/]+@/, '@');
  const pgpass = (line: string, mode: number): string => {
    const file = join(mkdtempSync(join(tmpdir(), 'merchant-pgpass-')), 'pgpass');
    writeFileSync(file, `# team database\n${line}\n`);
    chmodSync(file, mode);
    return file;
  };

  it('no password from anywhere is an auth error (exit 4) saying where to put one', async () => {
    delete process.env['PGPASSWORD'];
    process.env['PGPASSFILE'] = join(tmpdir(), 'merchant-no-such-pgpass');
    const error = await failure(withoutPassword(urlOf()));
    expect(isMerchantError(error) && error.kind).toBe('auth');
    expect(error.message).toMatch(/asks for a password .* none was given/);
    expect((error as { hint?: string }).hint).toContain('~/.pgpass');
  });

  it('a 0600 password file gives the password (wildcards and escapes as libpq reads them)', async () => {
    delete process.env['PGPASSWORD'];
    const { port, pathname } = new URL(urlOf());
    process.env['PGPASSFILE'] = pgpass(`127.0.0.1:${port}:${pathname.slice(1)}:*:${passwordOf(urlOf())}`, 0o600);
    const db = await openSharedDatabase(withoutPassword(urlOf()));
    expect((await db.pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
    await db.close();
    expect(pgpassLookup({ host: 'h', port: 5432, database: 'd', user: 'u' }, { PGPASSFILE: pgpass('h:5432:*:u:a\\:b', 0o600) })).toBe('a:b');
  });

  it('a password file others can read is ignored, as libpq does', async () => {
    delete process.env['PGPASSWORD'];
    process.env['PGPASSFILE'] = pgpass(`*:*:*:*:${passwordOf(urlOf())}`, 0o644);
    const error = await failure(withoutPassword(urlOf()));
    expect(isMerchantError(error) && error.kind).toBe('auth');
  });

  it('any query on the pool after the server went away names host and port (ledger, journal and log alike)', async () => {
    const target = new URL(urlOf());
    const proxy = await startTcpProxy(Number(target.port));
    const through = urlOf().replace(`:${target.port}/`, `:${proxy.port}/`);
    const db = await openSharedDatabase(through, { queryTimeoutMs: 2_000 });
    try {
      proxy.cut();
      for (const attempt of [() => db.pool.query('SELECT 1'), () => db.pool.connect()]) {
        const error = await attempt().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(DatabaseUnavailableError);
        expect((error as Error).message).toContain(`127.0.0.1:${proxy.port}`);
        expect((error as Error).message).not.toContain('merchant-test-secret');
      }
    } finally {
      await db.close();
      await proxy.close();
    }
  });
}
