/**
 * A real PostgreSQL server for the tests, started by the suite itself: `initdb` into a temporary folder,
 * `pg_ctl start` on a free loopback port (password logins over TCP, so a wrong password is a real refusal),
 * stopped and removed at the end. Debian's server binaries are used (`.ci/run` installs them); as root the
 * server runs as the `postgres` user, since PostgreSQL refuses to run as root.
 *
 * Never skipped silently: when the server cannot start the suite fails, unless MERCHANT_TEST_POSTGRES=off
 * says to leave the database tests out.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TEST_PG_PASSWORD = 'merchant-test-secret';

export interface PgServer {
  /** postgres://postgres:<password>@127.0.0.1:<port>/ (append a database name). */
  baseUrl: string;
  host: string;
  port: number;
  /** Stops the server as an administrator would (`pg_ctl stop -m fast`: sessions are ended), keeping its data. */
  halt(): void;
  /** Starts a halted server again on the same port, with the same data. */
  resume(): void;
  stop(): void;
}

export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function run(bin: string, args: string[]): string {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface StartOptions {
  /** Serve TLS with this certificate and key (PEM files; copied next to the data folder). */
  tls?: { certFile: string; keyFile: string };
}

export async function startPostgres(start: StartOptions = {}): Promise<PgServer> {
  const bin = postgresBinDir();
  if (!bin) {
    throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql; .ci/run does this). Set MERCHANT_TEST_POSTGRES=off to leave the database tests out.');
  }
  const root = mkdtempSync(join(tmpdir(), 'merchant-pg-'));
  const data = join(root, 'data');
  const pwfile = join(root, 'pw');
  writeFileSync(pwfile, `${TEST_PG_PASSWORD}\n`, { mode: 0o600 });
  const tlsFiles = start.tls ? [join(root, 'server.crt'), join(root, 'server.key')] : [];
  if (start.tls) {
    copyFileSync(start.tls.certFile, tlsFiles[0] as string);
    copyFileSync(start.tls.keyFile, tlsFiles[1] as string);
    // The server refuses a key others can read.
    chmodSync(tlsFiles[1] as string, 0o600);
  }
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    for (const file of [root, pwfile, ...tlsFiles]) chownSync(file, uid, uid);
  }
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--pwfile', pwfile, '--auth-local=trust', '--auth-host=scram-sha-256', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const port = await freePort();
  const tlsOptions = start.tls ? ` -c ssl=on -c ssl_cert_file=${tlsFiles[0]} -c ssl_key_file=${tlsFiles[1]}` : '';
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200${tlsOptions}`;
  const startServer = (): void => void run(join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(root, 'server.log'), '-w', '-t', '60', 'start']);
  startServer();
  let running = true;
  let stopped = false;
  return {
    host: '127.0.0.1',
    port,
    baseUrl: `postgres://postgres:${TEST_PG_PASSWORD}@127.0.0.1:${port}/`,
    halt() {
      run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      running = false;
    },
    resume() {
      startServer();
      running = true;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        if (running) run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
