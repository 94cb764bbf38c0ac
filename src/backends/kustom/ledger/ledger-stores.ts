/**
 * Stores for the kustom backend. Kustom has no store API (a store is a MID agreed with Kustom), so what
 * `stores add/configure` records — name, country, currencies, terms URL — lives in the ledger.
 */
import { NotFoundError, ValidationError } from '../../../errors.js';
import type { Clock } from '../../backend.js';
import type { CreateStoreInput, Store, StoresApi, UpdateStoreInput } from '../../types/stores.js';
import type { LedgerDb } from './database.js';

interface StoreRow {
  id: string;
  name: string;
  purchase_country: string;
  currencies: string;
  terms_url: string | null;
  payout_schedule: 'daily' | 'weekly';
  created_at: string;
}

const toStore = (row: StoreRow): Store => ({ ...row, currencies: JSON.parse(row.currencies) as string[] });

export function createLedgerStores(db: LedgerDb, clock: Clock): StoresApi {
  const all = db.prepare<[], StoreRow>(`SELECT * FROM stores ORDER BY id`);
  const one = db.prepare<[string], StoreRow>(`SELECT * FROM stores WHERE id = ?`);

  const get = (id: string): Store => {
    const row = one.get(id);
    if (!row) {
      const known = all.all().map((s) => s.id);
      throw new NotFoundError('Store', id, {
        hint: `Known stores: ${known.join(', ') || '(none)'}. The kustom backend keeps stores locally: merchant stores add --backend kustom`,
      });
    }
    return toStore(row);
  };

  return {
    async list() {
      return all.all().map(toStore);
    },
    async get(id) {
      return get(id);
    },
    async create(input: CreateStoreInput) {
      return db
        .transaction(() => {
          if (one.get(input.id)) throw ValidationError.single('id', `a store with ID ${input.id} already exists`);
          db.prepare(
            `INSERT INTO stores (id, name, purchase_country, currencies, terms_url, payout_schedule, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          ).run(input.id, input.name, input.purchase_country, JSON.stringify(input.currencies), input.terms_url ?? null, input.payout_schedule ?? 'daily', clock.now().toISOString());
          return get(input.id);
        })
        .immediate();
    },
    async update(id: string, patch: UpdateStoreInput) {
      return db
        .transaction(() => {
          const current = get(id);
          const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as UpdateStoreInput;
          const next: Store = { ...current, ...defined, terms_url: defined.terms_url === undefined ? current.terms_url : defined.terms_url };
          db.prepare(`UPDATE stores SET name = ?, purchase_country = ?, currencies = ?, terms_url = ?, payout_schedule = ? WHERE id = ?`).run(
            next.name,
            next.purchase_country,
            JSON.stringify(next.currencies),
            next.terms_url,
            next.payout_schedule,
            id,
          );
          return get(id);
        })
        .immediate();
    },
  };
}
