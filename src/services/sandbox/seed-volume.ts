import type { Backend, SeedVolumeResult } from '../../backends/backend.js';
import { requireCapability } from '../../backends/backend.js';
import { UsageError } from '../../errors.js';

export interface SeedOptions {
  transactions: number;
  stores: string[];
  months: number;
  seed?: number | undefined;
}

/** The flag rules, checked before anything is announced or opened. */
export function checkSeedOptions(options: SeedOptions): void {
  if (options.stores.length === 0) throw new UsageError('--stores: give at least one store ID (comma-separated).');
  if (options.months < 1 || options.months > 36) throw new UsageError('--months: must be 1–36.');
  if (options.transactions > 20_000_000) throw new UsageError('--transactions: at most 20000000.');
}

/** The flags as typed (`--stores` comma-separated), checked before anything is announced or opened. */
export function seedOptionsFrom(flags: { transactions: number; stores: string; months: number; seed?: number | undefined }): SeedOptions {
  const options = { transactions: flags.transactions, stores: flags.stores.split(',').map((s) => s.trim()).filter((s) => s !== ''), months: flags.months, seed: flags.seed };
  checkSeedOptions(options);
  return options;
}

export async function seedSandboxVolume(backend: Backend, options: SeedOptions): Promise<SeedVolumeResult> {
  requireCapability(backend, 'sandbox.control', 'seed volume data');
  const api = backend.settlements;
  if (!api?.seedVolume) throw new UsageError(`The ${backend.name} backend cannot seed volume data.`);
  checkSeedOptions(options);
  // A store named twice (se-demo,se-demo) would be settled twice over: one entry per store.
  return api.seedVolume({ transactions: options.transactions, store_ids: [...new Set(options.stores)], months: options.months, seed: options.seed });
}
