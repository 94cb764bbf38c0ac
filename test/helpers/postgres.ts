/**
 * Per test file: a fresh database on the suite's PostgreSQL server (postgres-global-setup.ts), so files
 * never see each other's rows. `describePg` runs a block only when the server is there; it is absent only
 * when MERCHANT_TEST_POSTGRES=off says so (a server that fails to start fails the suite instead).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, inject } from 'vitest';

export const pgBaseUrl = (): string | null => inject('pgBaseUrl');

export const describePg: typeof describe.skip = (pgBaseUrl() === null ? describe.skip : describe);

/** Creates an empty database and returns its URL (with the test server's password). */
export async function createTestDatabase(prefix = 'merchant'): Promise<string> {
  const base = pgBaseUrl();
  if (base === null) throw new Error('No PostgreSQL server for the tests (MERCHANT_TEST_POSTGRES=off).');
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${base}postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return `${base}${name}`;
}
