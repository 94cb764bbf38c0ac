import type { Migration } from './migration.js';

/**
 * `merchant status` counts open authorizations and unpaid links per store with aggregate queries; these
 * partial indexes hold only the open rows, so the counts stay fast however many closed ones there are.
 */
export const statusIndexes: Migration = {
  version: 11,
  name: 'indexes for the home summary',
  up(db) {
    db.exec(`
      CREATE INDEX orders_open_by_store_expiry ON orders (store_id, expires_at)
        WHERE status IN ('AUTHORIZED','PART_CAPTURED') AND released = 0;
      CREATE INDEX links_open_by_store_expiry ON links (store_id, expires_at)
        WHERE status IN ('created','in_progress');
    `);
  },
};
