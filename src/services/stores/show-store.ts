import type { Backend } from '../../backends/backend.js';
import { requireCapability } from '../../backends/backend.js';
import type { StoreListing } from './list-stores.js';

export interface StoreDetails extends StoreListing {
  /** Whether payment links can be created for this store right now, and if not, why. */
  ready_for_links: boolean;
  problems: string[];
}

export async function showStore(backend: Backend, id: string, defaultStoreId: string | undefined): Promise<StoreDetails> {
  requireCapability(backend, 'stores.read', 'show stores');
  const store = await backend.stores.get(id);
  const problems = store.terms_url ? [] : ['no terms-and-conditions URL (required before any payment link)'];
  return { ...store, is_default: store.id === defaultStoreId, ready_for_links: problems.length === 0, problems };
}
