/**
 * TLS to the shared database, against a real server started with ssl=on and a certificate made here by a
 * throw-away CA: `sslmode=require` encrypts, `verify-full` with the right CA connects, with another CA it
 * fails naming host and port (exit 1), and asking a server without TLS for it fails just as clearly.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openSharedDatabase } from '../../../src/infra/postgres.js';
import { pgBaseUrl, describePg } from '../../helpers/postgres.js';
import type { PgServer } from '../../helpers/postgres-server.js';
import { runCli } from '../../helpers/run-cli.js';
import { startTlsPostgres, type Certificates } from '../../helpers/tls-certificates.js';

describePg('TLS to the shared database', () => {
  let server: PgServer;
  let files: Certificates;
  beforeAll(async () => {
    ({ server, files } = await startTlsPostgres());
  }, 120_000);
  afterAll(() => server?.stop());

  const url = (query: string): string => `${server.baseUrl}postgres?${query}`;
  const where = (): string => `127.0.0.1:${server.port}`;

  async function encrypted(address: string): Promise<boolean> {
    const db = await openSharedDatabase(address);
    try {
      const { rows } = await db.pool.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      return rows[0]?.ssl === true;
    } finally {
      await db.close();
    }
  }

  it('sslmode=require connects, encrypted', async () => {
    expect(await encrypted(url('sslmode=require'))).toBe(true);
  });

  it('sslmode=verify-full with the CA that signed the certificate connects, encrypted', async () => {
    expect(await encrypted(url(`sslmode=verify-full&sslrootcert=${encodeURIComponent(files.ca)}`))).toBe(true);
    expect(await encrypted(url(`sslmode=verify-ca&sslrootcert=${encodeURIComponent(files.ca)}`))).toBe(true);
  });

  it('sslmode=disable connects in plain text', async () => {
    expect(await encrypted(url('sslmode=disable'))).toBe(false);
  });

  it.each(['verify-full', 'verify-ca'])('sslmode=%s with another CA fails with exit 1 naming host and port', async (mode) => {
    const r = await runCli(['db', 'status'], { env: { MERCHANT_DATABASE_URL: url(`sslmode=${mode}&sslrootcert=${encodeURIComponent(files.otherCa)}`) } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(where());
    expect(r.stderr).toMatch(/TLS .* failed: the server's certificate is not trusted/);
    expect(r.stderr).not.toContain('merchant-test-secret');
  });

  it('sslmode=verify-full without sslrootcert checks against the system CAs, which do not know this one', async () => {
    const r = await runCli(['db', 'status'], { env: { MERCHANT_DATABASE_URL: url('sslmode=verify-full') } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(where());
  });

  it('a server without TLS asked for it (sslmode=require) fails with exit 1 naming host and port', async () => {
    const plain = new URL(`${pgBaseUrl() as string}postgres?sslmode=require`);
    const r = await runCli(['db', 'status'], { env: { MERCHANT_DATABASE_URL: plain.toString() } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`127.0.0.1:${plain.port}`);
    expect(r.stderr).toMatch(/does not accept TLS/);
  });

  it.each(['prefer', 'allow', 'verify'])('sslmode=%s is refused before connecting (exit 2), naming the setting', async (mode) => {
    const r = await runCli(['db', 'status'], { env: { MERCHANT_DATABASE_URL: url(`sslmode=${mode}`) } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/sslmode/);
  });

  it('a CA file that cannot be read is named (exit 2)', async () => {
    const r = await runCli(['db', 'status'], { env: { MERCHANT_DATABASE_URL: url('sslmode=verify-full&sslrootcert=/nonexistent/ca.crt') } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('/nonexistent/ca.crt');
  });
});
