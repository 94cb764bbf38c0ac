/**
 * The built binary carries pg bundled (rolldown.config.js), with its Node-only socket choice: it must still
 * log in with a password (SCRAM, the server's default), refuse a wrong one (exit 4), and speak TLS as the
 * URL asks: verify-full with the CA that signed the server's certificate connects, another CA fails naming
 * host and port (exit 1). Needs `npm run build` first.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describePg } from '../helpers/postgres.js';
import { TEST_PG_PASSWORD, type PgServer } from '../helpers/postgres-server.js';
import { tempHome } from '../helpers/run-cli.js';
import { startTlsPostgres, type Certificates } from '../helpers/tls-certificates.js';

const BIN = join(process.cwd(), 'bin', 'merchant.js');

function merchant(args: string[], databaseUrl: string): { code: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, MERCHANT_HOME: tempHome(), NO_COLOR: '1', MERCHANT_DATABASE_URL: databaseUrl };
  const r = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describePg('the built binary on the shared database (pg bundled)', () => {
  let server: PgServer;
  let files: Certificates;
  beforeAll(async () => {
    ({ server, files } = await startTlsPostgres());
  }, 120_000);
  afterAll(() => server?.stop());

  const url = (query: string, password = TEST_PG_PASSWORD): string => {
    const address = new URL(`${server.baseUrl}postgres?${query}`);
    address.password = password;
    return address.toString();
  };

  it('logs in with the password over verify-full TLS and migrates; the status then reads up to date', () => {
    const tls = `sslmode=verify-full&sslrootcert=${encodeURIComponent(files.ca)}`;
    expect(merchant(['db', 'migrate', '--json'], url(tls)).code).toBe(0);
    const status = merchant(['db', 'status', '--json'], url(tls));
    expect(status.code).toBe(0);
    expect((JSON.parse(status.stdout) as { pending: number }).pending).toBe(0);
  });

  it('another CA fails with exit 1 naming host and port', () => {
    const r = merchant(['db', 'status'], url(`sslmode=verify-full&sslrootcert=${encodeURIComponent(files.otherCa)}`));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`127.0.0.1:${server.port}`);
    expect(r.stderr).toMatch(/certificate is not trusted/);
  });

  it('a wrong password is a refused login (exit 4), never printed', () => {
    const r = merchant(['db', 'status'], url('sslmode=require', 'not-the-password'));
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/refused the login/);
    expect(r.stderr).not.toContain('not-the-password');
  });
});
