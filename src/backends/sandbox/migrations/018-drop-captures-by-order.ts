import type { Migration } from './migration.js';

/**
 * `captures_by_order` repeats the first column of the captures' UNIQUE (order_id, idempotency_key) index,
 * which serves every look-up by order as well. Each capture wrote both: a bulk capture of 10,000 orders
 * wrote one more random index page per capture for nothing.
 */
export const dropCapturesByOrder: Migration = {
  version: 18,
  name: 'drop the captures index that repeats the unique one',
  up(db) {
    db.exec(`DROP INDEX IF EXISTS captures_by_order;`);
  },
};
