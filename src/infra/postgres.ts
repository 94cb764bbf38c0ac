/**
 * Connections to the shared PostgreSQL database, through `pg` (node-postgres): pure JavaScript (no native
 * build next to better-sqlite3's), mature, with a pool, `connectionTimeoutMillis`, TLS from `sslmode` in
 * the URL, advisory locks and `FOR UPDATE SKIP LOCKED` as plain SQL, and libpq's password sources
 * (`PGPASSWORD`, `~/.pgpass`) so the URL itself need not carry a password.
 *
 * Connecting fails fast and clearly: an unreachable or refusing server names its host and port (exit 1),
 * a refused password or user is an AuthError (exit 4), a database that does not exist is a ConfigError
 * (exit 2). The URL is only ever printed masked.
 */
import pg from 'pg';
import { maskDatabaseUrl, parseDatabaseUrl, type DatabaseAddress } from '../config/database-url.js';
import { AuthError, ConfigError, TransientError } from '../errors.js';

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

export interface PgOptions {
  connectTimeoutMs?: number;
  /** Connections a process may hold at once (a bulk run claims and finishes rows concurrently). */
  maxConnections?: number;
  /** Shown by `pg_stat_activity`: which machine and user holds a connection. */
  applicationName?: string;
}

export interface SharedDatabase {
  pool: PgPool;
  address: DatabaseAddress;
  /** The URL with any password masked, for messages. */
  shown: string;
  close(): Promise<void>;
}

/** Opens a pool and proves a connection works, so every failure to reach the server is reported here. */
export async function openSharedDatabase(url: string, options: PgOptions = {}): Promise<SharedDatabase> {
  const address = parseDatabaseUrl(url);
  const shown = maskDatabaseUrl(url);
  const pool = new pg.Pool({
    connectionString: url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    max: options.maxConnections ?? 8,
    application_name: options.applicationName ?? 'merchant',
    idleTimeoutMillis: 10_000,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw describeConnectError(error, address, shown);
  }
  let closed = false;
  return {
    pool,
    address,
    shown,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

const AUTH_CODES = new Set(['28P01', '28000']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

/** A typed error for a failed connect; never carries the password (the message names host, port, database). */
export function describeConnectError(error: unknown, address: DatabaseAddress, shown: string): Error {
  const code = (error as { code?: string }).code;
  const where = `${address.host}:${address.port}`;
  const message = (error as Error).message ?? String(error);
  if (code && AUTH_CODES.has(code)) {
    return new AuthError(`The database server at ${where} refused the login for user ${address.user ?? '(default)'}.`, {
      hint: 'Check the user and the password in ~/.pgpass, PGPASSWORD or MERCHANT_DATABASE_URL.',
      details: { host: address.host, port: address.port, code },
    });
  }
  if (code === '3D000') {
    return new ConfigError(`The database "${address.database}" does not exist on ${where}.`, {
      hint: `Create it (createdb ${address.database}) or fix database_url (${shown}).`,
      details: { host: address.host, port: address.port, code },
    });
  }
  if ((code && NETWORK_CODES.has(code)) || /timeout|terminated|ECONNREFUSED|closed/i.test(message)) {
    return new TransientError(`Cannot reach the database server at ${where}: ${networkReason(code, message)}.`, {
      hint: `Check that PostgreSQL is running there and accepts connections (database_url: ${shown}).`,
      details: { host: address.host, port: address.port, code: code ?? null },
    });
  }
  return new ConfigError(`Cannot use the database at ${where}: ${scrub(message, address)}.`, {
    hint: `database_url: ${shown}`,
    details: { host: address.host, port: address.port, code: code ?? null },
  });
}

function networkReason(code: string | undefined, message: string): string {
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (/timeout/i.test(message)) return 'no answer within the connect timeout';
  return code ?? 'the connection failed';
}

/** Driver messages can quote the connection string; never let a password through. */
function scrub(message: string, address: DatabaseAddress): string {
  return address.hasPassword ? maskDatabaseUrl(message).replace(/password=\S+/gi, 'password=***') : message;
}

/** Runs `work` in one transaction on one connection; rolls back on any error. */
export async function inTransaction<T>(pool: PgPool, work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
