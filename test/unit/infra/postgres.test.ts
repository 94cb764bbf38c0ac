import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isMerchantError } from '../../../src/errors.js';
import { openSharedDatabase } from '../../../src/infra/postgres.js';
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
});
