/** Throw-away certificates for a TLS PostgreSQL server in the tests, made with openssl, and that server. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type PgServer } from './postgres-server.js';

export interface Certificates {
  ca: string;
  otherCa: string;
  cert: string;
  key: string;
}

const openssl = (dir: string, args: string[]): void => void execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });

/** A CA, a server certificate it signs for 127.0.0.1 and localhost, and an unrelated second CA. */
export function makeCertificates(dir: string): Certificates {
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=merchant test CA']);
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'other.key', '-out', 'other.crt', '-days', '2', '-subj', '/CN=another CA']);
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  openssl(dir, ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'san.ext']);
  return { ca: join(dir, 'ca.crt'), otherCa: join(dir, 'other.crt'), cert: join(dir, 'server.crt'), key: join(dir, 'server.key') };
}

/** A PostgreSQL server that speaks TLS with a fresh server certificate; `files` holds the CAs to trust or not. */
export async function startTlsPostgres(): Promise<{ server: PgServer; files: Certificates }> {
  const files = makeCertificates(mkdtempSync(join(tmpdir(), 'merchant-tls-')));
  const server = await startPostgres({ tls: { certFile: files.cert, keyFile: files.key } });
  return { server, files };
}
