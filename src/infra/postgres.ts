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
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import { databaseTls, maskDatabaseUrl, parseDatabaseUrl, type DatabaseAddress, type DatabaseTls } from '../config/database-url.js';
import { AuthError, ConfigError, DatabaseUnavailableError, TransientError } from '../errors.js';
import { pgpassLookup } from './pgpass.js';

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/**
 * How long one query may wait for the server's answer. A server that stops answering mid-run (a frozen
 * host, a dropped route) fails the query after this instead of hanging the command; the longest query
 * waits on a row another runner holds for one short transaction.
 */
export const DEFAULT_QUERY_TIMEOUT_MS = 15_000;

/** `MERCHANT_DATABASE_TIMEOUT_MS` shortens both timeouts (tests of a server that stops answering). */
export function databaseTimeoutMs(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const value = Number(env['MERCHANT_DATABASE_TIMEOUT_MS']);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

export interface PgOptions {
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
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
  /** A failed query as the error to report: a lost or silent server names its host and port. */
  failure(error: unknown): unknown;
  /**
   * Opens connections in the background until the pool holds `count` (never past its limit), for a run
   * about to ask for many statements at once: each new connection is a login (a SCRAM exchange and a
   * server process started), which its first statement would otherwise wait for.
   */
  warm(count: number): void;
  close(): Promise<void>;
}

const DEFAULT_MAX_CONNECTIONS = 8;

interface OpenPool {
  db: Promise<SharedDatabase>;
  holders: number;
  /** The connections its holders asked for, together. */
  max: number;
}

/**
 * The pools open in this process, by URL and settings. The journal, the ledger and the developer log of one
 * command name the same database: they share one pool, so a connection one of them leaves idle serves the
 * others (each new connection is a login, a SCRAM exchange, and a server process started), and the server
 * is reached and proved once. The pool holds as many connections as its holders asked for together, and
 * ends when the last of them closes it.
 */
const openPools = new Map<string, OpenPool>();

/** Opens (or joins) a pool and proves a connection works, so every failure to reach the server is reported here. */
export async function openSharedDatabase(url: string, options: PgOptions = {}): Promise<SharedDatabase> {
  const fromEnv = databaseTimeoutMs(process.env);
  const settings = {
    connectTimeoutMs: options.connectTimeoutMs ?? fromEnv ?? DEFAULT_CONNECT_TIMEOUT_MS,
    queryTimeoutMs: options.queryTimeoutMs ?? fromEnv ?? DEFAULT_QUERY_TIMEOUT_MS,
    applicationName: options.applicationName ?? 'merchant',
  };
  const id = JSON.stringify([url, settings, process.env['PGPASSWORD'] ?? null]);
  const wanted = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  let open = openPools.get(id);
  if (open) {
    open.holders++;
    open.max += wanted;
  } else {
    const opened: OpenPool = { db: openPool(url, { ...settings, maxConnections: wanted }), holders: 1, max: wanted };
    open = opened;
    openPools.set(id, opened);
    // A pool that could not be opened is not joined: the next opener tries again (and reports its own failure).
    opened.db.catch(() => openPools.get(id) === opened && openPools.delete(id));
  }
  const joined = open;
  const db = await joined.db;
  db.pool.options.max = joined.max;
  let released = false;
  return {
    ...db,
    async close() {
      if (released) return;
      released = true;
      joined.holders--;
      if (joined.holders > 0) return;
      if (openPools.get(id) === joined) openPools.delete(id);
      await db.close();
    },
  };
}

async function openPool(url: string, options: Required<Omit<PgOptions, 'maxConnections'>> & { maxConnections: number }): Promise<SharedDatabase> {
  const address = parseDatabaseUrl(url);
  const shown = maskDatabaseUrl(url);
  const tls = databaseTls(url);
  const queryTimeoutMs = options.queryTimeoutMs;
  const pool = new pg.Pool({
    connectionString: withPgpassPassword(tls.url, address),
    ssl: tlsOptions(tls, address),
    connectionTimeoutMillis: options.connectTimeoutMs,
    query_timeout: queryTimeoutMs,
    keepAlive: true,
    max: options.maxConnections,
    application_name: options.applicationName,
    idleTimeoutMillis: 10_000,
  });
  // A client losing its server must not crash the process, idle in the pool or held between two queries of
  // a transaction: the next query on it reports the failure.
  pool.on('error', () => undefined);
  const clients = new Set<pg.PoolClient>();
  pool.on('connect', (client) => {
    clients.add(client);
    client.on('error', () => undefined);
  });
  pool.on('remove', (client) => clients.delete(client));
  reportFailures(pool, address, shown);
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
    failure: (error) => describeQueryError(error, address, shown),
    warm(count) {
      // Idle connections are handed out first: asking for them too makes the rest new ones.
      const missing = Math.min(count, pool.options.max) - pool.totalCount + pool.idleCount;
      // A connection that cannot be opened now is opened (and its failure reported) when a statement needs it.
      for (let i = 0; i < missing && !closed; i++) pool.connect().then((client) => client.release(), () => undefined);
    },
    async close() {
      if (closed) return;
      closed = true;
      // Ending says goodbye on each connection and waits for the server to close it; a server that stopped
      // answering never does, so after the query timeout the sockets are dropped instead.
      const ended = pool.end().then(() => true, () => true);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), queryTimeoutMs)));
      const inTime = await Promise.race([ended, late]);
      clearTimeout(timer);
      if (!inTime) for (const client of clients) (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    },
  };
}

/**
 * Every query on the pool (and every connection it hands out) fails with the error to report: a lost or
 * silent server names its host and port, whichever store (ledger, journal, log) made the query.
 */
function reportFailures(pool: pg.Pool, address: DatabaseAddress, shown: string): void {
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  const mapped = (result: unknown, failure: (error: unknown) => unknown): unknown =>
    result instanceof Promise
      ? result.catch((error: unknown) => {
          throw failure(error);
        })
      : result;
  (pool as unknown as { query: unknown }).query = (...args: unknown[]) => mapped(query(...args), (e) => describeQueryError(e, address, shown));
  (pool as unknown as { connect: unknown }).connect = (...args: unknown[]) => mapped(connect(...args), (e) => describeConnectError(e, address, shown));
}

/**
 * The URL with the password from ~/.pgpass when neither the URL nor PGPASSWORD gives one. pg reads the
 * URL over any other option, so the password goes into the URL (never printed: messages use `shown`).
 */
function withPgpassPassword(url: string, address: DatabaseAddress): string {
  if (address.hasPassword || process.env['PGPASSWORD'] !== undefined) return url;
  const user = address.user ?? process.env['PGUSER'] ?? userInfo().username;
  const password = pgpassLookup({ host: address.host, port: address.port, database: address.database, user });
  if (password === undefined) return url;
  const withPassword = new URL(url);
  withPassword.username = user;
  withPassword.password = password;
  return withPassword.toString();
}

/**
 * libpq's modes as TLS options: `require` encrypts without checking the certificate (with `sslrootcert`
 * it checks the CA, as libpq does), `verify-ca` checks the CA, `verify-full` the CA and the host name.
 */
function tlsOptions(tls: DatabaseTls, address: DatabaseAddress): false | ConnectionOptions {
  if (tls.mode === 'disable') return false;
  const read = (file: string | undefined, what: string): string | undefined => {
    if (file === undefined) return undefined;
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new ConfigError(`Cannot read ${what} ${file} named in database_url: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`, {
        details: { host: address.host, port: address.port },
      });
    }
  };
  const ca = read(tls.rootCert, 'the CA file (sslrootcert)');
  const cert = read(tls.certFile, 'the client certificate (sslcert)');
  const key = read(tls.keyFile, 'the client key (sslkey)');
  const files = { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
  if (tls.mode === 'verify-full') return { ...files, rejectUnauthorized: true };
  if (tls.mode === 'verify-ca' || ca) return { ...files, rejectUnauthorized: true, checkServerIdentity: () => undefined };
  return { ...files, rejectUnauthorized: false };
}

const AUTH_CODES = new Set(['28P01', '28000']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);

/** A typed error for a failed connect; never carries the password (the message names host, port, database). */
export function describeConnectError(error: unknown, address: DatabaseAddress, shown: string): Error {
  if (error instanceof TransientError || error instanceof AuthError || error instanceof ConfigError) return error;
  const code = (error as { code?: string }).code;
  const where = `${address.host}:${address.port}`;
  const message = (error as Error).message ?? String(error);
  if (code && AUTH_CODES.has(code)) {
    return new AuthError(`The database server at ${where} refused the login for user ${address.user ?? '(default)'}.`, {
      hint: 'Check the user and the password in ~/.pgpass, PGPASSWORD or MERCHANT_DATABASE_URL.',
      details: { host: address.host, port: address.port, code },
    });
  }
  // pg's own wording when the server asks for a password (SCRAM or md5) and none came from the URL,
  // PGPASSWORD or ~/.pgpass: a login refusal like a wrong password, not a setting to fix in the URL.
  if (/client password must be a string|no password supplied/i.test(message)) {
    return new AuthError(`The database server at ${where} asks for a password for user ${address.user ?? '(default)'} and none was given.`, {
      hint: 'Put it in ~/.pgpass (host:port:database:user:password, mode 0600) or PGPASSWORD, or pass the whole URL in MERCHANT_DATABASE_URL.',
      details: { host: address.host, port: address.port, code: code ?? null },
    });
  }
  if (code === '3D000') {
    return new ConfigError(`The database "${address.database}" does not exist on ${where}.`, {
      hint: `Create it (createdb ${address.database}) or fix database_url (${shown}).`,
      details: { host: address.host, port: address.port, code },
    });
  }
  if ((code && TLS_CODES.has(code)) || /SSL|TLS|certificate/.test(message)) {
    return new DatabaseUnavailableError(`TLS to the database server at ${where} failed: ${tlsReason(code, message)}.`, {
      hint: `Check sslmode and sslrootcert in database_url (${shown}): the CA file must be the one that signed the server's certificate, and a server without TLS needs sslmode=disable.`,
      details: { host: address.host, port: address.port, code: code ?? null },
    });
  }
  if ((code && NETWORK_CODES.has(code)) || /timeout|terminated|ECONNREFUSED|closed/i.test(message)) {
    return new DatabaseUnavailableError(`Cannot reach the database server at ${where}: ${networkReason(code, message)}.`, {
      hint: `Check that PostgreSQL is running there and accepts connections (database_url: ${shown}).`,
      details: { host: address.host, port: address.port, code: code ?? null },
    });
  }
  return new ConfigError(`Cannot use the database at ${where}: ${scrub(message, address)}.`, {
    hint: `database_url: ${shown}`,
    details: { host: address.host, port: address.port, code: code ?? null },
  });
}

const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_SIGNATURE_FAILURE',
]);

function tlsReason(code: string | undefined, message: string): string {
  if (/does not support SSL/i.test(message)) return 'the server does not accept TLS connections (sslmode asks for TLS)';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return "the server's certificate does not name this host (sslmode=verify-full)";
  if (code && TLS_CODES.has(code)) return `the server's certificate is not trusted (${code})`;
  return message;
}

/** SQLSTATEs of a server shutting down or a connection lost (class 08, and 57P01–57P03). */
const LOST_STATES = /^(08|57P0[123])/;

/**
 * A query that failed because the server went away, was shut down, killed the connection or stopped
 * answering: a TransientError naming host and port. Any other error is returned unchanged.
 */
export function describeQueryError(error: unknown, address: DatabaseAddress, shown: string): unknown {
  if (error instanceof TransientError || error instanceof AuthError || error instanceof ConfigError) return error;
  const code = (error as { code?: string }).code;
  const message = (error as Error)?.message ?? String(error);
  const lost = (code !== undefined && (LOST_STATES.test(code) || NETWORK_CODES.has(code))) || /terminat|timeout|ECONNREFUSED|ECONNRESET|Connection ended|closed|not queryable/i.test(message);
  if (!lost) return error;
  if (/timeout exceeded when trying to connect|ECONNREFUSED/i.test(message) || code === 'ECONNREFUSED') return describeConnectError(error, address, shown);
  const reason = /timeout/i.test(message) ? 'no answer within the query timeout' : code === '57P01' ? 'the server shut down or ended the connection' : scrub(message, address);
  return new DatabaseUnavailableError(`Lost the database server at ${address.host}:${address.port}: ${reason}.`, {
    hint: `Check that PostgreSQL is running there and run the same command again (database_url: ${shown}).`,
    details: { host: address.host, port: address.port, code: code ?? null },
    cause: error,
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
