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
