/**
 * The sandbox backend: a stateful local provider on SQLite that enforces the same rules Kustom does, so
 * what works here works against Kustom. It needs no network and no key (until keys are issued).
 */
import type { Backend, Capability, SandboxControlApi } from '../backend.js';
import type { BackendDeps } from '../registry.js';
import { allowAll, type SandboxAccess } from './access.js';
import { openSandboxDatabase, type Db } from './database.js';
import { createSandboxClock } from './sandbox-clock.js';
import { createSandboxLinkCustomer } from './links/sandbox-link-customer.js';
import { createSandboxLinks } from './links/sandbox-links.js';
import { createSandboxControl } from './sandbox-control.js';
import { createFaultInjector, faultSource } from './faults.js';
import { createSandboxOrders } from './orders/sandbox-orders.js';
import { createSandboxStores } from './sandbox-stores.js';
import { createSandboxKeys } from './sandbox-keys.js';
import { createSandboxSettlements } from './settlements/sandbox-settlements.js';
const SANDBOX_CAPABILITIES: readonly Capability[] = [
  'stores.read',
  'stores.write',
  'sandbox.control',
  'links.create',
  'links.read',
  'links.cancel',
  'links.send.email',
  'links.send.sms',
  'links.schedule',
  'links.attachments',
  'links.message_template',
  'keys.issue',
  'keys.verify',
  'orders.read',
  'orders.list',
  'orders.capture',
  'orders.refund',
  'orders.cancel',
  'orders.release',
  'orders.extend',
  'settlements.read',
  'settlements.balance',
  'settlements.reports',
];

export interface SandboxBackendOptions {
  /** Decides what the caller may do; defaults to allow-all (a sandbox with no keys issued). */
  access?: (db: Db) => SandboxAccess;
}

export async function createSandboxBackend(
  deps: Pick<BackendDeps, 'paths' | 'clock' | 'credential'> & Partial<Pick<BackendDeps, 'env'>>,
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
    orders: createSandboxOrders(db, clock, access, createFaultInjector(faultSource(db, deps.env ?? {}))),
    settlements: createSandboxSettlements(db, clock, access),
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
 * Once keys exist, wiping the sandbox (which deletes the keys) or moving its clock (which expires them)
 * is an admin's act: otherwise a read-only key could reopen a locked sandbox.
 */
function guardControl(control: SandboxControlApi, access: SandboxAccess): SandboxControlApi {
  return {
    status: () => control.status(),
    reset: async () => {
      access.require('stores.manage', null);
      return control.reset();
    },
    advanceClock: async (ms) => {
      access.require('stores.manage', null);
      return control.advanceClock(ms);
    },
  };
}
