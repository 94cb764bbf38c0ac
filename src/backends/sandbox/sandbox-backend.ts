/**
 * The sandbox backend: a stateful local provider on SQLite that enforces the same rules Kustom does, so
 * what works here works against Kustom. It needs no network and no key (until keys are issued).
 */
import { CAPABILITIES, type Backend, type BackendDeps, type Capability, type SandboxControlApi } from '../backend.js';
import { allowAll, type SandboxAccess } from './access.js';
import { openSandboxDatabase, type Db } from './database.js';
import { createSandboxClock } from './sandbox-clock.js';
import { createSandboxLinkCustomer } from './links/sandbox-link-customer.js';
import { createSandboxLinks } from './links/sandbox-links.js';
import { createSandboxControl } from './sandbox-control.js';
import { createFaultInjector, faultSource } from './faults.js';
import { createSandboxOrders } from './orders/sandbox-orders.js';
import { retryingOrders } from './orders/retrying-orders.js';
import type { CallRetry } from '../retry/call-retry.js';
import { RateLimiter } from '../retry/rate-limit.js';
import { DEFAULT_BUDGET_MS, DEFAULT_MAX_ATTEMPTS, DEFAULT_MAX_BACKOFF_MS } from '../retry/retry-policy.js';
import type { LogSink } from '../../logs/log-sink.js';
import { createSandboxStores } from './sandbox-stores.js';
import { createSandboxKeys } from './sandbox-keys.js';
import { createSandboxSettlements } from './settlements/sandbox-settlements.js';
import { createSandboxDisputeControl, createSandboxDisputes } from './disputes/sandbox-disputes.js';
import { createSandboxOverview } from './sandbox-overview.js';
/** The sandbox is the reference provider: it has every capability. */
const SANDBOX_CAPABILITIES: readonly Capability[] = CAPABILITIES;

export interface SandboxBackendOptions {
  /** Decides what the caller may do; defaults to allow-all (a sandbox with no keys issued). */
  access?: (db: Db) => SandboxAccess;
  /** Test seam: the wait between attempts. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * The budget is Kustom's (4 attempts, 30 s); the first backoff is shorter because the provider is a local
 * file, not a network away.
 */
const SANDBOX_BASE_DELAY_MS = 20;

function sandboxRetry(logSink: LogSink | undefined, sleep: (ms: number) => Promise<void>): CallRetry {
  const now = Date.now;
  return {
    config: { maxAttempts: DEFAULT_MAX_ATTEMPTS, maxBackoffMs: DEFAULT_MAX_BACKOFF_MS, budgetMs: DEFAULT_BUDGET_MS, baseDelayMs: SANDBOX_BASE_DELAY_MS },
    limiter: new RateLimiter({ maxPauseMs: DEFAULT_MAX_BACKOFF_MS, now, sleep }),
    sleep,
    now,
    random: Math.random,
    onFailedAttempt: (r) =>
      logSink?.record({
        kind: 'call',
        backend: 'sandbox',
        store: null,
        operation: r.operation,
        method: null,
        path: null,
        status: null,
        outcome: r.error.kind,
        duration_ms: Math.round(r.durationMs),
        correlation_id: null,
        idempotency_key: null,
        order_id: null,
        link_id: null,
        request: null,
        response: null,
        error: r.error.message,
        attempt: r.budget,
      }),
  };
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function createSandboxBackend(
  deps: Pick<BackendDeps, 'paths' | 'clock' | 'credential'> & Partial<Pick<BackendDeps, 'env' | 'logSink'>>,
  options: SandboxBackendOptions = {},
): Promise<Backend> {
  const file = deps.paths.sandboxDb;
  const db = openSandboxDatabase(file);
  const clock = createSandboxClock(db, deps.clock);
  const access = options.access?.(db) ?? allowAll;
  let closed = false;
  const keys = createSandboxKeys(db, clock, access, deps.credential);
  return {
    name: 'sandbox',
    capabilities: new Set(SANDBOX_CAPABILITIES),
    clock,
    stores: createSandboxStores(db, clock, access),
    sandbox: guardControl(createSandboxControl(db, file, deps.clock), access),
    links: createSandboxLinks(db, clock, access),
    sandboxLinks: createSandboxLinkCustomer(db, clock, access),
    orders: retryingOrders(createSandboxOrders(db, clock, access, createFaultInjector(faultSource(db, deps.env ?? {}))), sandboxRetry(deps.logSink, options.sleep ?? realSleep)),
    settlements: createSandboxSettlements(db, clock, access),
    overview: createSandboxOverview(db, clock, access),
    disputes: createSandboxDisputes(db, clock, access),
    sandboxDisputes: createSandboxDisputeControl(db, clock, access),
    keys,
    verifyCredentials: () => keys.whoami(),
    async close() {
      if (!closed) {
        closed = true;
        db.close();
      }
    },
  };
}

/**
 * Once keys exist, moving the sandbox's clock (which expires them) is an admin's act. Wiping it is not a
 * key's act at all: the sandbox is a file of whoever runs merchant, who could delete it anyway, so
 * `sandbox reset` always works and is the way out of any key mix-up.
 */
function guardControl(control: SandboxControlApi, access: SandboxAccess): SandboxControlApi {
  return {
    status: () => control.status(),
    storedFaults: () => control.storedFaults(),
    storeFaults: (spec) => control.storeFaults(spec),
    seedOrders: (input) => control.seedOrders(input),
    reset: async () => control.reset(),
    advanceClock: async (ms) => {
      access.require('stores.manage', null);
      return control.advanceClock(ms);
    },
  };
}
