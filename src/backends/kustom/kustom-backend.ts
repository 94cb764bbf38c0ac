/**
 * The kustom backend: the Backend interface on Kustom's REST API through the one HTTP client, with a local
 * SQLite ledger for what Kustom cannot list (stores, links, orders seen).
 */
import { join } from 'node:path';
import type { Dispatcher } from 'undici';
import type { Backend } from '../backend.js';
import type { BackendDeps } from '../registry.js';
import { KUSTOM_CAPABILITIES, type KustomContext } from './context.js';
import { resolveKustomConnection } from './credential.js';
import { createKustomHttpClient, type KustomHttpClientOptions } from './http/index.js';
import { verifyKustomCredentials } from './keys/verify-credentials.js';
import { openKustomLedger, type LedgerDb } from './ledger/database.js';
import { createLedgerStores } from './ledger/ledger-stores.js';
import { createLinksRepo } from './ledger/links-repo.js';
import { createOperationsRepo } from './ledger/operations-repo.js';
import { createOrdersRepo } from './ledger/orders-repo.js';
import { createKustomLinks } from './links/kustom-links.js';
import { createKustomOrders } from './orders/kustom-orders.js';
import { createKustomSettlements } from './settlements/kustom-settlements.js';

export const KUSTOM_LEDGER_FILE = 'kustom-ledger.db';

/** With a single store in the ledger, an order or payout of unknown origin can only be that store's. */
function onlyStore(db: LedgerDb): string | undefined {
  const rows = db.prepare<[], { id: string }>(`SELECT id FROM stores LIMIT 2`).all();
  return rows.length === 1 ? rows[0]?.id : undefined;
}

/** Test seams: a dispatcher (undici MockAgent), a sleep, retry and timeout settings. */
export type KustomBackendOptions = Partial<Pick<KustomHttpClientOptions, 'dispatcher' | 'sleep' | 'random' | 'maxAttempts' | 'timeoutMs' | 'maxBackoffMs' | 'rateLimitPerSecond'>> & {
  dispatcher?: Dispatcher;
};

export async function createKustomBackend(
  deps: Pick<BackendDeps, 'paths' | 'settings' | 'env' | 'clock' | 'logger' | 'version' | 'credential'>,
  options: KustomBackendOptions = {},
): Promise<Backend> {
  const connection = resolveKustomConnection(deps);
  const http = createKustomHttpClient({
    ...options,
    baseUrl: connection.baseUrl,
    credential: connection.credential,
    version: deps.version,
    observer: (e) => {
      if (deps.logger.debugEnabled) {
        deps.logger.debug(`kustom ${e.method} ${e.path} → ${e.status ?? e.outcome} in ${e.durationMs} ms (attempt ${e.attempt})${e.correlationId ? ` correlation_id ${e.correlationId}` : ''}`);
      }
    },
  });
  const db = openKustomLedger(join(deps.paths.dataDir, KUSTOM_LEDGER_FILE));
  const stores = createLedgerStores(db, deps.clock);
  const ctx: KustomContext = {
    http,
    connection,
    clock: deps.clock,
    logger: deps.logger,
    stores,
    links: createLinksRepo(db),
    orders: createOrdersRepo(db),
    operations: createOperationsRepo(db),
    defaultStoreId: connection.storeId ?? deps.settings.store.value ?? onlyStore(db) ?? 'default',
  };
  let closed = false;
  return {
    name: 'kustom',
    capabilities: new Set(KUSTOM_CAPABILITIES),
    clock: deps.clock,
    stores,
    links: createKustomLinks(ctx),
    orders: createKustomOrders(ctx),
    settlements: createKustomSettlements(ctx),
    // No `keys`: Kustom cannot issue, list or revoke keys (capability keys.issue is absent), only verify one.
    verifyCredentials: () => verifyKustomCredentials(ctx),
    async close() {
      if (!closed) {
        closed = true;
        db.close();
      }
    },
  };
}
