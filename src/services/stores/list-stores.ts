import type { Backend } from '../../backends/backend.js';
import type { Store } from '../../domain/model/store.js';
import { requireCapability } from '../../backends/backend.js';

export interface StoreListing extends Store {
  /** True for the store that commands use when --store is not given. */
  is_default: boolean;
}

export async function listStores(backend: Backend, defaultStoreId: string | undefined): Promise<StoreListing[]> {
  requireCapability(backend, 'stores.read', 'list stores');
  const stores = await backend.stores.list();
  return stores.map((s) => ({ ...s, is_default: s.id === defaultStoreId }));
}
