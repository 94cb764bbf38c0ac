import type { Migration } from './migration.js';

/**
 * Finding links and orders by any identifier (`merchant lookup`, `orders list --search`): the customer's
 * name on orders, when a link's page was first opened, and one index per identifier. References, emails
 * and names are matched case-insensitively, so their indexes use NOCASE: an exact match or a prefix range
 * is an index seek, never a scan of the table.
 */
export const search: Migration = {
  version: 9,
  name: 'customer names, link opened time, identifier indexes',
  up(db) {
    db.exec(`
      ALTER TABLE orders ADD COLUMN customer_name TEXT;
      ALTER TABLE links ADD COLUMN opened_at TEXT;
      CREATE INDEX orders_by_klarna_reference ON orders (klarna_reference COLLATE NOCASE);
      CREATE INDEX orders_by_reference1_nocase ON orders (merchant_reference1 COLLATE NOCASE);
      CREATE INDEX orders_by_reference2_nocase ON orders (merchant_reference2 COLLATE NOCASE);
      CREATE INDEX orders_by_email ON orders (customer_email COLLATE NOCASE);
      CREATE INDEX orders_by_phone ON orders (customer_phone);
      CREATE INDEX orders_by_name ON orders (customer_name COLLATE NOCASE);
      CREATE INDEX captures_by_reference ON captures (reference COLLATE NOCASE);
      CREATE INDEX captures_by_order ON captures (order_id);
      CREATE INDEX links_by_link_reference ON links (link_reference COLLATE NOCASE);
      CREATE INDEX links_by_reference1_nocase ON links (merchant_reference1 COLLATE NOCASE);
      CREATE INDEX links_by_reference2_nocase ON links (merchant_reference2 COLLATE NOCASE);
      CREATE INDEX links_by_email ON links (customer_email COLLATE NOCASE);
      CREATE INDEX links_by_phone ON links (customer_phone);
      CREATE INDEX links_by_order ON links (order_id);
    `);
  },
};
