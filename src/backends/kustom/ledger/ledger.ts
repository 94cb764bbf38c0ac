/**
 * The kustom backend's ledger (stores, links, messages, scheduled sends, orders seen, OM writes by key),
 * in one of two places chosen here, once, when the backend is built: this machine's SQLite file, or — with
 * database_url set — the shared PostgreSQL database every terminal and CI runner of a team points at.
 * The row shapes and methods are declared once (links-repo.ts, orders-repo.ts, operations-repo.ts); both
 * engines hand them out as promises. API keys are never part of it: they stay in each machine's
 * credentials.
 */
import type { Clock } from '../../../domain/clock.js';
import type { OverviewApi } from '../../types/overview.js';
import type { StoresApi } from '../../types/stores.js';
import type { LinksRepo } from './links-repo.js';
import type { OperationsRepo } from './operations-repo.js';
import type { OrdersRepo } from './orders-repo.js';

/** The same methods, answering with promises. */
export type Async<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : T[K] };

export type LinksLedger = Async<LinksRepo>;
export type OrdersLedger = Async<OrdersRepo>;
export type OperationsLedger = Async<OperationsRepo>;

export interface Ledger {
  engine: 'sqlite' | 'postgresql';
  stores: StoresApi;
  links: LinksLedger;
  orders: OrdersLedger;
  operations: OperationsLedger;
  overview: OverviewApi;
  close(): Promise<void>;
}

export interface LedgerOptions {
  /** This machine's ledger file (used when no database URL is set). */
  file: string;
  databaseUrl: string | undefined;
  clock: Clock;
  env: Readonly<Record<string, string | undefined>>;
}

export const STORES_HINT = 'The kustom backend keeps stores in its ledger: merchant stores add --backend kustom';

/** The one place the engine is chosen. */
export async function openLedger(options: LedgerOptions): Promise<Ledger> {
  if (options.databaseUrl !== undefined) {
    const { openPostgresLedger } = await import('./postgres-ledger.js');
    return openPostgresLedger(options.databaseUrl, options.clock, { leaseMs: dispatchLeaseMs(options.env) });
  }
  const { openSqliteLedger } = await import('./sqlite-ledger.js');
  return openSqliteLedger(options.file, options.clock);
}

/**
 * How long a dispatcher's claim on a scheduled message holds before another may take it over (default
 * 120 s: one send with its refresh, each request within the transport's 30 s budget).
 * `MERCHANT_DISPATCH_LEASE_MS` changes it.
 */
export function dispatchLeaseMs(env: Readonly<Record<string, string | undefined>>): number {
  const value = Number(env['MERCHANT_DISPATCH_LEASE_MS']);
  return Number.isSafeInteger(value) && value > 0 ? value : 120_000;
}

/** A second row with a unique value (a link reference another process finished first), on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}
