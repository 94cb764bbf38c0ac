import type { CreateStoreInput } from '../../backends/backend.js';
import type { Store } from '../../domain/model/store.js';
import { requireCapability } from '../../backends/backend.js';
import { normalizeCountry, defaultCurrencyFor } from '../../domain/markets.js';
import { normalizeCurrency } from '../../domain/currency.js';
import { assertValidStore } from '../../domain/store-rules.js';
import type { OpenBackend, WriteGate } from '../auth/write-gate.js';

export interface AddStoreOptions {
  id: string;
  name: string;
  country: string;
  currencies?: string[] | undefined;
  termsUrl?: string | undefined;
  payoutSchedule?: string | undefined;
  gate: WriteGate;
}

export async function addStore(openBackend: OpenBackend, options: AddStoreOptions): Promise<Store> {
  options.gate.check({ action: `add store ${options.id}`, store: options.id });
  const backend = await openBackend();
  requireCapability(backend, 'stores.write', 'add stores');
  const purchase_country = normalizeCountry(options.country, 'country');
  const currencies = options.currencies?.length
    ? options.currencies.map((c) => normalizeCurrency(c, 'currency'))
    : [defaultCurrencyFor(purchase_country)];
  const input: CreateStoreInput = {
    id: options.id,
    name: options.name,
    purchase_country,
    currencies: [...new Set(currencies)],
    terms_url: options.termsUrl ?? null,
    payout_schedule: (options.payoutSchedule ?? 'daily') as 'daily' | 'weekly',
  };
  assertValidStore(input);
  return backend.stores.create(input);
}
