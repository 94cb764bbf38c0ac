/** The kustom backend's stores in the shared PostgreSQL database: the same rules as the SQLite `stores` table. */
import type { Clock } from '../../../domain/clock.js';
import { inTransaction, type PgPool } from '../../../infra/postgres.js';
import { patchedStore, storeExists, storeNotFound, toStore, type StoreRow } from '../../sqlite/sqlite-stores.js';
import type { StoresApi } from '../../types/stores.js';
import { STORES_HINT } from './ledger.js';

export function createPostgresStores(pool: PgPool, clock: Clock): StoresApi {
  const get = async (id: string, lock = ''): Promise<StoreRow> => {
    const row = (await pool.query<StoreRow>(`SELECT * FROM stores WHERE id = $1${lock}`, [id])).rows[0];
    if (row) return row;
    const known = (await pool.query<{ id: string }>(`SELECT id FROM stores ORDER BY id`)).rows.map((r) => r.id);
    throw storeNotFound(id, known, STORES_HINT);
  };
  return {
    async list() {
      return (await pool.query<StoreRow>(`SELECT * FROM stores ORDER BY id`)).rows.map(toStore);
    },
    async get(id) {
      return toStore(await get(id));
    },
    async create(input) {
      const { rows } = await pool.query<StoreRow>(
        `INSERT INTO stores (id, name, purchase_country, currencies, terms_url, payout_schedule, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO NOTHING RETURNING *`,
        [input.id, input.name, input.purchase_country, JSON.stringify(input.currencies), input.terms_url ?? null, input.payout_schedule ?? 'daily', clock.now().toISOString()],
      );
      if (!rows[0]) throw storeExists(input.id);
      return toStore(rows[0]);
    },
    async update(id, patch) {
      return inTransaction(pool, async (client) => {
        const current = (await client.query<StoreRow>(`SELECT * FROM stores WHERE id = $1 FOR UPDATE`, [id])).rows[0];
        if (!current) return toStore(await get(id));
        const next = patchedStore(toStore(current), patch);
        const { rows } = await client.query<StoreRow>(
          `UPDATE stores SET name = $1, purchase_country = $2, currencies = $3, terms_url = $4, payout_schedule = $5 WHERE id = $6 RETURNING *`,
          [next.name, next.purchase_country, JSON.stringify(next.currencies), next.terms_url, next.payout_schedule, id],
        );
        return toStore(rows[0] as StoreRow);
      });
    },
  };
}
