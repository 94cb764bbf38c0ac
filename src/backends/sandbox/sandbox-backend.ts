/**
 * The sandbox backend: a stateful local provider on SQLite that enforces the same rules Kustom does, so
 * what works here works against Kustom. It needs no network and no key (until keys are issued).
 */
import type { Backend, Capability } from '../backend.js';
import type { BackendDeps } from '../registry.js';
import { openSandboxDatabase } from './database.js';
import { createSandboxClock } from './sandbox-clock.js';
import { createSandboxControl } from './sandbox-control.js';
import { createSandboxStores } from './sandbox-stores.js';

const SANDBOX_CAPABILITIES: readonly Capability[] = ['stores.read', 'stores.write', 'sandbox.control'];

export async function createSandboxBackend(deps: Pick<BackendDeps, 'paths' | 'clock'>): Promise<Backend> {
  const file = deps.paths.sandboxDb;
  const db = openSandboxDatabase(file);
  const clock = createSandboxClock(db, deps.clock);
  let closed = false;
  return {
    name: 'sandbox',
    capabilities: new Set(SANDBOX_CAPABILITIES),
    clock,
    stores: createSandboxStores(db, clock),
    sandbox: createSandboxControl(db, file, deps.clock),
    async close() {
      if (!closed) {
        closed = true;
        db.close();
      }
    },
  };
}
