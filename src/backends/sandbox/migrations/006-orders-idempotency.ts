import type { Migration } from './migration.js';

/**
 * Kustom matches idempotency keys by the key alone, across orders. These indexes let
 * the sandbox find a key quickly wherever it was used, to return the first result or refuse a key reused
 * for another order or operation.
 */
export const ordersIdempotency: Migration = {
  version: 6,
  name: 'order idempotency key lookups',
  up(db) {
    db.exec(`
      CREATE INDEX captures_by_key ON captures (idempotency_key);
      CREATE INDEX refunds_by_key ON refunds (idempotency_key);
    `);
  },
};
