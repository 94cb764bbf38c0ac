/** `sandbox orders seed`: many authorized orders at once, for demos, benchmarks and CI. */
import type { Backend, SeededOrder } from '../../backends/backend.js';
import { UsageError, ValidationError } from '../../errors.js';
import { sandboxControls } from './sandbox-admin.js';

export interface SeedOrdersOptions {
  storeId: string;
  count: number;
  /** Minor units per unit of the first line; the second line is shipping. */
  unitPrice?: number;
  referencePrefix?: string;
  email?: string;
}

/** The store to seed: named, or the settings' default (refused before any backend is opened). */
export function requireSeedStore(storeId: string | undefined): string {
  if (!storeId) throw new UsageError('Missing a value for --store.', { hint: 'Pass --store se-demo.' });
  return storeId;
}

export async function seedOrders(backend: Backend, options: SeedOrdersOptions): Promise<SeededOrder[]> {
  const controls = sandboxControls(backend);
  if (options.count > 100_000) throw ValidationError.single('--count', 'at most 100 000 orders per seed');
  const store = await backend.stores.get(options.storeId);
  const referencePrefix = options.referencePrefix ?? `SEED-${Date.now().toString(36).toUpperCase()}`;
  return controls.seedOrders({ store, count: options.count, referencePrefix, unitPrice: options.unitPrice, email: options.email });
}
