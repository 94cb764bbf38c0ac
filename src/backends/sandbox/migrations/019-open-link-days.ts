import type { Migration } from './migration.js';

/** A link a customer can still pay (the home summary's "awaiting payment"), expiry aside. */
const OPEN = (row: 'NEW' | 'OLD'): string => `${row}.status IN ('created','in_progress')`;

/** Adds (sign 1) or takes away (sign -1) one link from its store and expiry day. */
const apply = (row: 'NEW' | 'OLD', sign: 1 | -1): string => `
  INSERT INTO open_link_days (store_id, day, links)
    SELECT ${row}.store_id, substr(${row}.expires_at, 1, 10), ${sign}
    WHERE ${OPEN(row)}
  ON CONFLICT (store_id, day) DO UPDATE SET links = links + excluded.links;`;

/**
 * `merchant status` counts the links awaiting payment per store. At a million links, one in ten still
 * open, counting the open-links index is a read of a hundred thousand entries on every `status`; so the
 * open links are also kept counted per store and expiry day, by triggers (as the open authorizations are,
 * migration 15): every write of a link (insert, status change, extend, delete) updates the counts in its
 * own transaction. The summary adds whole days from this table and reads only the rows of the partial
 * days (the rest of today, and the next 24 hours' end) from the open-links index.
 */
export const openLinkDays: Migration = {
  version: 19,
  name: 'open links counted per store and expiry day',
  up(db) {
    db.exec(`
      CREATE TABLE open_link_days (
        store_id TEXT NOT NULL,
        day TEXT NOT NULL,
        links INTEGER NOT NULL,
        PRIMARY KEY (store_id, day)
      ) WITHOUT ROWID;
      INSERT INTO open_link_days (store_id, day, links)
        SELECT store_id, substr(expires_at, 1, 10), COUNT(*) FROM links WHERE status IN ('created','in_progress')
        GROUP BY store_id, substr(expires_at, 1, 10);
      CREATE TRIGGER open_link_days_insert AFTER INSERT ON links BEGIN ${apply('NEW', 1)} END;
      CREATE TRIGGER open_link_days_delete AFTER DELETE ON links BEGIN ${apply('OLD', -1)} END;
      CREATE TRIGGER open_link_days_update AFTER UPDATE OF store_id, expires_at, status ON links
        BEGIN ${apply('OLD', -1)} ${apply('NEW', 1)} END;
    `);
  },
};
