import type { UpdateStoreInput } from '../../backends/backend.js';
import type { Store } from '../../domain/model/store.js';
import { requireCapability } from '../../backends/backend.js';
import { normalizeCountry } from '../../domain/markets.js';
import { normalizeCurrency } from '../../domain/currency.js';
import { assertValidStore } from '../../domain/store-rules.js';
import { UsageError } from '../../errors.js';
import type { OpenBackend, WriteGate } from '../auth/write-gate.js';

export interface ConfigureStoreOptions {
  name?: string | undefined;
  country?: string | undefined;
  currencies?: string[] | undefined;
  termsUrl?: string | undefined;
  clearTermsUrl?: boolean | undefined;
  payoutSchedule?: string | undefined;
  /** The command also makes the store the profile's default (a change of its own, made by the caller). */
  makeDefault?: boolean | undefined;
  gate: WriteGate;
}

const CHANGES = ['name', 'country', 'currencies', 'termsUrl', 'clearTermsUrl', 'payoutSchedule'] as const;

function hasStoreChanges(options: ConfigureStoreOptions): boolean {
  return CHANGES.some((k) => options[k] !== undefined && options[k] !== false);
}

export async function configureStore(openBackend: OpenBackend, id: string, options: ConfigureStoreOptions): Promise<Store> {
  options.gate.check({ action: `configure store ${id}`, store: id });
  const backend = await openBackend();
  if (!hasStoreChanges(options) && !options.makeDefault) {
    throw new UsageError('Nothing to change: give at least one of --name, --country, --currency, --terms-url, --clear-terms-url, --payout-schedule, --default.');
  }
  requireCapability(backend, 'stores.write', 'configure stores');
  if (options.termsUrl !== undefined && options.clearTermsUrl) {
    throw new UsageError('--terms-url and --clear-terms-url cannot be used together.');
  }
  const current = await backend.stores.get(id);
  const patch: UpdateStoreInput = {};
  if (options.name !== undefined) patch.name = options.name;
  if (options.country !== undefined) patch.purchase_country = normalizeCountry(options.country, 'country');
  if (options.currencies !== undefined) patch.currencies = [...new Set(options.currencies.map((c) => normalizeCurrency(c, 'currency')))];
  if (options.termsUrl !== undefined) patch.terms_url = options.termsUrl;
  if (options.clearTermsUrl) patch.terms_url = null;
  if (options.payoutSchedule !== undefined) patch.payout_schedule = options.payoutSchedule as 'daily' | 'weekly';
  // Validate the store as it will be, so a currency change is checked against the (new) country.
  assertValidStore({ ...current, ...patch });
  if (Object.keys(patch).length === 0) return current;
  return backend.stores.update(id, patch);
}
