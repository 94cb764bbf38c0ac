import type { Store } from '../../domain/model/store.js';

export interface CreateStoreInput {
  id: string;
  name: string;
  purchase_country: string;
  currencies: string[];
  terms_url?: string | null;
  payout_schedule?: 'daily' | 'weekly';
}

export type UpdateStoreInput = Partial<Omit<CreateStoreInput, 'id'>>;

export interface StoresApi {
  list(): Promise<Store[]>;
  /** Throws NotFoundError naming the known store IDs when absent. */
  get(id: string): Promise<Store>;
  create(input: CreateStoreInput): Promise<Store>;
  update(id: string, patch: UpdateStoreInput): Promise<Store>;
}
