import type { Migration } from './migration.js';

/**
 * Indexes for reading at volume (a million orders or links):
 * - `orders list` without a store pages newest first by (created_at, order_id): a seek per page instead of
 *   a scan and sort of every order; with a store, the same order within the store.
 * - `merchant status` sums the open authorizations from the index alone (it covers every column the
 *   summary reads), without a table read per open order.
 */
export const volumeIndexes: Migration = {
  version: 14,
  name: 'indexes for reading at volume',
  up(db) {
    db.exec(`
      CREATE INDEX orders_by_created_id ON orders (created_at, order_id);
      CREATE INDEX orders_by_store_created_id ON orders (store_id, created_at, order_id);
      CREATE INDEX orders_open_summary ON orders (store_id, expires_at, purchase_currency, order_amount, captured_amount, status, released)
        WHERE status IN ('AUTHORIZED','PART_CAPTURED') AND released = 0;
      DROP INDEX orders_open_by_store_expiry;
    `);
  },
};
