/** What every part of the kustom backend shares: the one HTTP client, the ledger, the clock. */
import { MerchantError } from '../../errors.js';
import type { BackendLogger, Capability } from '../backend.js';
import type { Clock } from '../../domain/clock.js';
import type { StoresApi } from '../types/stores.js';
import type { KustomConnection } from './credential.js';
import type { KustomHttpClient } from './http/index.js';
import type { LinksRepo } from './ledger/links-repo.js';
import type { OperationsRepo } from './ledger/operations-repo.js';
import type { OrdersRepo } from './ledger/orders-repo.js';

export interface KustomContext {
  http: KustomHttpClient;
  connection: KustomConnection;
  clock: Clock;
  logger: BackendLogger;
  stores: StoresApi;
  links: LinksRepo;
  orders: OrdersRepo;
  operations: OperationsRepo;
  /** The store an order or payout belongs to when the ledger does not know (the key's store, or the default). */
  defaultStoreId: string;
}

/** The capabilities the kustom backend has: exactly what works against Kustom's API. */
export const KUSTOM_CAPABILITIES: readonly Capability[] = [
  'stores.read',
  'stores.write',
  'links.create',
  'links.read',
  'links.cancel',
  'links.send.email',
  'links.send.sms',
  'links.schedule',
  'orders.read',
  'orders.list',
  'orders.capture',
  'orders.refund',
  'orders.cancel',
  'orders.release',
  'orders.extend',
  'settlements.read',
  // Exports are built from the transactions API (by payout, payout-date range or capture-date range).
  'settlements.reports',
  'keys.verify',
];

/**
 * Refuses, naming the backend, an option Kustom's API cannot carry (same message as `requireCapability`),
 * so nothing a merchant asked for is silently dropped.
 */
export function refuseUnsupported(capability: Capability, what: string, why: string): never {
  throw new MerchantError('usage', `The kustom backend cannot ${what} (missing capability ${capability}): ${why}`, {
    hint: 'Leave the option out, or use --backend sandbox to try it locally.',
    details: { backend: 'kustom', capability },
  });
}
