/**
 * The sandbox backend: a stateful local provider on SQLite that enforces the same rules Kustom does, so
 * what works here works against Kustom. It needs no network and no key (until keys are issued).
 */
import type { Backend, Capability } from '../backend.js';
import type { BackendDeps } from '../registry.js';
import { allowAll, type SandboxAccess } from './access.js';
import { openSandboxDatabase } from './database.js';
import { createSandboxClock } from './sandbox-clock.js';
import { createSandboxControl } from './sandbox-control.js';
import { createSandboxStores } from './sandbox-stores.js';
import { createSandboxSettlements } from './settlements/sandbox-settlements.js';

const SANDBOX_CAPABILITIES: readonly Capability[] = ['stores.read', 'stores.write', 'sandbox.control', 'settlements.read', 'settlements.reports'];

export interface SandboxBackendOptions {
  /** Decides what the caller may do; defaults to allow-all (a sandbox with no keys issued). */
  access?: (db: import('./database.js').Db) => SandboxAccess;
}

export async function createSandboxBackend(deps: Pick<BackendDeps, 'paths' | 'clock'>, options: SandboxBackendOptions = {}): Promise<Backend> {
  const file = deps.paths.sandboxDb;
  const db = openSandboxDatabase(file);
  const clock = createSandboxClock(db, deps.clock);
  const access = options.access?.(db) ?? allowAll;
  let closed = false;
  return {
    name: 'sandbox',
    capabilities: new Set(SANDBOX_CAPABILITIES),
    clock,
    stores: createSandboxStores(db, clock, access),
    settlements: createSandboxSettlements(db, clock, access),
    sandbox: createSandboxControl(db, file, deps.clock),
    async close() {
      if (!closed) {
        closed = true;
        db.close();
      }
    },
  };
}
