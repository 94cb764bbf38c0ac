import type { Migration } from './migration.js';

/** An order that still holds money authorized (the home summary's "uncaptured"). */
const OPEN = (row: 'NEW' | 'OLD'): string => `${row}.status IN ('AUTHORIZED','PART_CAPTURED') AND ${row}.released = 0`;

/** Adds (sign 1) or takes away (sign -1) one order's row from its store, currency and expiry day. */
const apply = (row: 'NEW' | 'OLD', sign: 1 | -1): string => `
  INSERT INTO open_authorization_days (store_id, currency, day, orders, amount)
    SELECT ${row}.store_id, ${row}.purchase_currency, substr(${row}.expires_at, 1, 10), ${sign}, ${sign} * (${row}.order_amount - ${row}.captured_amount)
    WHERE ${OPEN(row)}
  ON CONFLICT (store_id, currency, day) DO UPDATE SET orders = orders + excluded.orders, amount = amount + excluded.amount;`;

/**
 * `merchant status` sums the open authorizations per store and currency. At a million orders a sum over
 * the open rows (hundreds of thousands) is too slow for a command that should answer at once, so the open
 * authorizations are also kept summed per store, currency and expiry day, by triggers: every write of an
 * order (insert, capture, release, cancel, extend, delete) updates the sums in its own transaction,
 * whichever code path makes it. Expiry moves with the clock, so the summary adds whole days from this
 * table and reads only the rows of the two partial days (today's and the warning horizon's) from the
 * orders index: its cost follows stores × days, not orders.
 */
export const openAuthorizationDays: Migration = {
  version: 15,
  name: 'open authorizations summed per store and expiry day',
  up(db) {
    db.exec(`
      CREATE TABLE open_authorization_days (
        store_id TEXT NOT NULL,
        currency TEXT NOT NULL,
        day TEXT NOT NULL,
        orders INTEGER NOT NULL,
        amount INTEGER NOT NULL,
        PRIMARY KEY (store_id, currency, day)
      ) WITHOUT ROWID;
      INSERT INTO open_authorization_days (store_id, currency, day, orders, amount)
        SELECT store_id, purchase_currency, substr(expires_at, 1, 10), COUNT(*), SUM(order_amount - captured_amount)
        FROM orders WHERE status IN ('AUTHORIZED','PART_CAPTURED') AND released = 0
        GROUP BY store_id, purchase_currency, substr(expires_at, 1, 10);
      CREATE TRIGGER open_authorization_days_insert AFTER INSERT ON orders BEGIN ${apply('NEW', 1)} END;
      CREATE TRIGGER open_authorization_days_delete AFTER DELETE ON orders BEGIN ${apply('OLD', -1)} END;
      CREATE TRIGGER open_authorization_days_update
        AFTER UPDATE OF store_id, purchase_currency, expires_at, order_amount, captured_amount, status, released ON orders
        BEGIN ${apply('OLD', -1)} ${apply('NEW', 1)} END;
    `);
  },
};
