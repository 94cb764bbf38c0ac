/**
 * Stores kept in a local SQLite `stores` table: the sandbox's own, and the kustom backend's ledger
 * (Kustom has no store API, so what `stores add/configure` records lives there). Same table, same rules;
 * the callers differ only in who may write (`authorize`) and the hint for an unknown store.
 */
import type Database from 'better-sqlite3';
import { NotFoundError, ValidationError } from '../../errors.js';
import type { Clock } from '../../domain/clock.js';
import type { CreateStoreInput, StoresApi, UpdateStoreInput } from '../types/stores.js';
import type { Store } from '../../domain/model/store.js';

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

export interface SqliteStoresOptions {
  /** Called before a write with the store's ID; throws when the caller may not change stores. */
  authorize?: (storeId: string) => void;
  /** Where to find or add stores, after the list of known ones. */
  notFoundHint: string;
}

export function createSqliteStores(db: Database.Database, clock: Clock, options: SqliteStoresOptions): StoresApi {
  const all = db.prepare<[], StoreRow>(`SELECT * FROM stores ORDER BY id`);
  const one = db.prepare<[string], StoreRow>(`SELECT * FROM stores WHERE id = ?`);

  const get = (id: string): Store => {
    const row = one.get(id);
    if (!row) {
      const known = all.all().map((s) => s.id);
      throw new NotFoundError('Store', id, { hint: `Known stores: ${known.join(', ') || '(none)'}. ${options.notFoundHint}` });
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
      options.authorize?.(input.id);
      return db
        .transaction(() => {
          if (one.get(input.id)) throw ValidationError.single('id', `a store with ID ${input.id} already exists`);
          db.prepare(
            `INSERT INTO stores (id, name, purchase_country, currencies, terms_url, payout_schedule, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            input.id,
            input.name,
            input.purchase_country,
            JSON.stringify(input.currencies),
            input.terms_url ?? null,
            input.payout_schedule ?? 'daily',
            clock.now().toISOString(),
          );
          return get(input.id);
        })
        .immediate();
    },
    async update(id: string, patch: UpdateStoreInput) {
      options.authorize?.(id);
      return db
        .transaction(() => {
          const current = get(id);
          const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as UpdateStoreInput;
          const next: Store = { ...current, ...defined, terms_url: defined.terms_url === undefined ? current.terms_url : defined.terms_url };
          db.prepare(
            `UPDATE stores SET name = ?, purchase_country = ?, currencies = ?, terms_url = ?, payout_schedule = ? WHERE id = ?`,
          ).run(next.name, next.purchase_country, JSON.stringify(next.currencies), next.terms_url, next.payout_schedule, id);
          return get(id);
        })
        .immediate();
    },
  };
}
