/**
 * The shared database's address (`MERCHANT_DATABASE_URL` or the profile's `database_url`). It is shown
 * only masked: a password in the URL never reaches output, logs or errors. A password is never stored in
 * `config.json` either: libpq's ways to supply it (`PGPASSWORD`, `~/.pgpass`) or the environment variable
 * keep it out of a file that is copied and shared.
 */
import { ValidationError } from '../errors.js';

export interface DatabaseAddress {
  host: string;
  port: number;
  database: string;
  user: string | undefined;
  hasPassword: boolean;
}

const SCHEMES = new Set(['postgres:', 'postgresql:']);

function parse(url: string): URL | undefined {
  try {
    const parsed = new URL(url);
    return SCHEMES.has(parsed.protocol) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Throws a ValidationError naming the setting when `url` is not a postgres:// URL. */
export function parseDatabaseUrl(url: string, field = 'database_url'): DatabaseAddress {
  const parsed = parse(url);
  if (!parsed) {
    throw ValidationError.single(field, `must be a postgres:// or postgresql:// URL (got ${maskDatabaseUrl(url)})`);
  }
  const hostParam = parsed.searchParams.get('host');
  return {
    host: decodeURIComponent(parsed.hostname) || hostParam || 'localhost',
    port: parsed.port ? Number(parsed.port) : 5432,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || decodeURIComponent(parsed.username) || 'postgres',
    user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    hasPassword: parsed.password !== '' || parsed.searchParams.has('password'),
  };
}

/** The URL with any password replaced by `***` (also a `password=` query parameter); safe to print. */
export function maskDatabaseUrl(url: string): string {
  const parsed = parse(url);
  if (!parsed) return url.replace(/(\/\/[^/:@]*:)[^@/]*@/, '$1***@').replace(/(password=)[^&]*/gi, '$1***');
  if (parsed.password) parsed.password = '***';
  if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
  return parsed.toString().replace('%2A%2A%2A', '***');
}

/** `config set database_url`: refuses a URL carrying a password, and says where the password goes instead. */
export function assertStorableDatabaseUrl(url: string): void {
  const address = parseDatabaseUrl(url);
  if (address.hasPassword) {
    throw ValidationError.single(
      'database_url',
      'a password is not stored in config.json; set the URL without it and put the password in ~/.pgpass or PGPASSWORD, or pass the whole URL in MERCHANT_DATABASE_URL',
    );
  }
}

/** libpq's `sslmode` values this tool honours, with libpq's meaning. */
export const SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = (typeof SSL_MODES)[number];

export interface DatabaseTls {
  /** `disable` when the URL says nothing: a loopback or private-network server without TLS. */
  mode: SslMode;
  /** The CA file (`sslrootcert`) that must have signed the server's certificate. */
  rootCert: string | undefined;
  /** A client certificate and its key (`sslcert`, `sslkey`), for servers that ask for one. */
  certFile: string | undefined;
  keyFile: string | undefined;
  /** The URL without the TLS parameters (the client is given them as options instead). */
  url: string;
}

/**
 * `sslmode` and `sslrootcert` from the URL. `prefer` and `allow` (libpq's fallbacks to plain text) are
 * refused: the client cannot fall back, and a silent downgrade is what naming a mode should rule out.
 */
export function databaseTls(url: string, field = 'database_url'): DatabaseTls {
  const parsed = parse(url);
  if (!parsed) throw ValidationError.single(field, `must be a postgres:// or postgresql:// URL (got ${maskDatabaseUrl(url)})`);
  const mode = parsed.searchParams.get('sslmode') ?? 'disable';
  if (!(SSL_MODES as readonly string[]).includes(mode)) {
    throw ValidationError.single(`${field} sslmode`, `must be one of ${SSL_MODES.join(', ')} (got ${JSON.stringify(mode)}; prefer and allow may fall back to plain text: say require or disable)`);
  }
  const rootCert = parsed.searchParams.get('sslrootcert') ?? undefined;
  if (mode === 'verify-ca' && rootCert === undefined) {
    throw ValidationError.single(`${field} sslrootcert`, 'is required with sslmode=verify-ca (the CA file that signed the server certificate)');
  }
  const certFile = parsed.searchParams.get('sslcert') ?? undefined;
  const keyFile = parsed.searchParams.get('sslkey') ?? undefined;
  for (const name of ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'ssl', 'uselibpqcompat']) parsed.searchParams.delete(name);
  return { mode: mode as SslMode, rootCert, certFile, keyFile, url: parsed.toString() };
}
