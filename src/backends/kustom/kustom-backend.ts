/**
 * The kustom backend: the Backend interface on Kustom's REST API through the one HTTP client, with a local
 * ledger for what Kustom cannot list (stores, links, orders seen): this machine's SQLite file, or the team's
 * shared PostgreSQL database when database_url is set (ledger/ledger.ts).
 */
import type { Dispatcher } from 'undici';
import type { Backend } from '../backend.js';
import type { StoresApi } from '../types/stores.js';
import type { BackendDeps } from '../backend.js';
import { KUSTOM_CAPABILITIES, type KustomContext } from './context.js';
import { resolveKustomConnection, type KustomConnection } from './credential.js';
import { describeBudget } from '../retry/retry-policy.js';
import { httpTimeoutMs } from './http/timeout.js';
import { createKustomHttpClient, defaultBaseUrl, type HttpExchange, type KustomHttpClient, type KustomHttpClientOptions } from './http/index.js';
import { verifyKustomCredentials } from './keys/verify-credentials.js';
import { openLedger } from './ledger/ledger.js';
import { createKustomLinks } from './links/kustom-links.js';
import { createKustomOrders } from './orders/kustom-orders.js';
import { createKustomSettlements } from './settlements/kustom-settlements.js';

/** With a single store in the ledger, an order or payout of unknown origin can only be that store's. */
async function onlyStore(stores: StoresApi): Promise<string | undefined> {
  const all = await stores.list();
  return all.length === 1 ? all[0]?.id : undefined;
}

/** Without a key: a connection that names no credential, and an HTTP client that refuses every request. */
function keyRequired(deps: Pick<BackendDeps, 'credential' | 'settings'>): { connection: KustomConnection; http: KustomHttpClient } {
  let refusal = new Error('The kustom backend needs an API key.');
  try {
    resolveKustomConnection(deps);
  } catch (error) {
    if (error instanceof Error) refusal = error;
  }
  const baseUrl = (deps.settings.base_url.value ?? defaultBaseUrl('test')).replace(/\/+$/, '');
  return {
    connection: { credential: { kind: 'api_key', apiKey: '' }, baseUrl, environment: 'test', storeId: null },
    http: {
      baseUrl,
      request: () => Promise.reject(refusal),
    },
  };
}

/** Test seams: a dispatcher (undici MockAgent), a sleep, retry and timeout settings. */
export type KustomBackendOptions = Partial<Pick<KustomHttpClientOptions, 'dispatcher' | 'sleep' | 'random' | 'maxAttempts' | 'budgetMs' | 'timeoutMs' | 'maxBackoffMs' | 'rateLimitPerSecond'>> & {
  dispatcher?: Dispatcher;
};

/**
 * One HTTP attempt into the developer log (redacted there) — or, with no log (direct use in tests), a
 * `--debug` line. The client hands a record whose headers are already redacted; the sink redacts bodies.
 */
function observeExchange(deps: Pick<BackendDeps, 'logger' | 'logSink'>, connection: KustomConnection, e: HttpExchange): void {
  const query = e.query && Object.keys(e.query).length > 0 ? `?${new URLSearchParams(e.query).toString()}` : '';
  const attempt = `${e.attempt} of ${describeBudget({ maxAttempts: e.maxAttempts, maxBackoffMs: 0, budgetMs: e.budgetMs })}`;
  if (deps.logSink) {
    deps.logSink.observeHttp({
      operation: e.operation,
      method: e.method,
      path: `${e.path}${query}`,
      status: e.status ?? null,
      durationMs: e.durationMs,
      correlationId: e.correlationId ?? null,
      idempotencyKey: e.idempotencyKey ?? null,
      store: connection.storeId,
      requestBody: e.requestBody,
      responseBody: e.responseBody,
      error: e.error === undefined || e.status !== undefined ? undefined : `${e.outcome}: ${e.error} (attempt ${e.attempt})`,
      attempt,
    });
    return;
  }
  if (deps.logger.debugEnabled) {
    deps.logger.debug(`kustom ${e.method} ${e.path}${query} → ${e.status ?? e.outcome} in ${e.durationMs} ms (attempt ${attempt})${e.correlationId ? ` correlation_id ${e.correlationId}` : ''}`);
  }
}

export async function createKustomBackend(
  deps: Pick<BackendDeps, 'paths' | 'settings' | 'clock' | 'logger' | 'version' | 'credential' | 'logSink'> & Partial<Pick<BackendDeps, 'env'>>,
  options: KustomBackendOptions = {},
): Promise<Backend> {
  // Stores live in the local ledger, so a run without a key can still list and add them; the missing key
  // is reported by the first request that would go to Kustom.
  const missingKey = deps.credential ? undefined : keyRequired(deps);
  const connection = missingKey?.connection ?? resolveKustomConnection(deps);
  const http = missingKey
    ? missingKey.http
    : createKustomHttpClient({
        timeoutMs: httpTimeoutMs(deps.env ?? {}),
        ...options,
        baseUrl: connection.baseUrl,
        credential: connection.credential,
        version: deps.version,
        observer: (e) => observeExchange(deps, connection, e),
      });
  const ledger = await openLedger({ file: deps.paths.kustomLedger, databaseUrl: deps.settings.database_url.value, clock: deps.clock, env: deps.env ?? {} });
  const stores = ledger.stores;
  const ctx: KustomContext = {
    http,
    connection,
    clock: deps.clock,
    logger: deps.logger,
    stores,
    links: ledger.links,
    orders: ledger.orders,
    operations: ledger.operations,
    defaultStoreId: connection.storeId ?? deps.settings.store.value ?? (await onlyStore(stores).catch(async (error: unknown) => {
      await ledger.close();
      throw error;
    })) ?? 'default',
  };
  return {
    name: 'kustom',
    capabilities: new Set(KUSTOM_CAPABILITIES),
    // Every exchange is observed into the developer log (observeExchange) when the log is on.
    logsExchanges: deps.logSink !== undefined,
    clock: deps.clock,
    stores,
    links: createKustomLinks(ctx),
    orders: createKustomOrders(ctx),
    settlements: createKustomSettlements(ctx),
    overview: ledger.overview,
    // No `disputes`: Kustom documents no disputes API (capabilities disputes.read and disputes.respond are absent).
    // No `keys`: Kustom cannot issue, list or revoke keys (capability keys.issue is absent), only verify one.
    verifyCredentials: () => verifyKustomCredentials(ctx),
    close: () => ledger.close(),
  };
}
