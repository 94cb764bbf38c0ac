import type { Migration } from './migration.js';

/**
 * `orders list --search` shows the newest matches first, a page at a time. A common name prefix matches
 * tens of thousands of orders; reading each of them to learn its date before the first page is the cost.
 * Each name word therefore carries its order's creation time, and `(word, created_at, order_id)` answers
 * "the newest matches of this prefix" from the index alone; only the page's orders are then read.
 */
export const nameWordDates: Migration = {
  version: 16,
  name: 'creation time on customer name words',
  up(db) {
    db.exec(`
      ALTER TABLE order_name_words ADD COLUMN created_at TEXT;
      UPDATE order_name_words SET created_at = (SELECT o.created_at FROM orders o WHERE o.order_id = order_name_words.order_id);
      CREATE INDEX order_name_words_by_word_date ON order_name_words (word, created_at, order_id);
    `);
  },
};
