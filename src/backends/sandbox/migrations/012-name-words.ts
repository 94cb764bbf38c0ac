import { nameWords } from '../../../domain/name-words.js';
import type { Migration } from './migration.js';

/**
 * A customer is found by any word of their name ("svensson" finds "Anna Svensson"), case- and
 * accent-insensitively. SQLite cannot fold accents in an index, so the sandbox stores each order's name
 * words, already folded (`nameWords`), in their own table: a word prefix is then a range seek on
 * `(word, order_id)`, and "every query word" is checked through `(order_id, word)`. Existing orders are
 * filled in here; new ones when they are written (`writeNameWords`).
 */
export const nameWordsTable: Migration = {
  version: 12,
  name: 'customer name words',
  up(db) {
    db.exec(`
      CREATE TABLE order_name_words (word TEXT NOT NULL, order_id TEXT NOT NULL);
      CREATE INDEX order_name_words_by_word ON order_name_words (word, order_id);
      CREATE INDEX order_name_words_by_order ON order_name_words (order_id, word);
    `);
    const insert = db.prepare(`INSERT INTO order_name_words (word, order_id) VALUES (?, ?)`);
    // In pages by rowid: a statement cannot write while another on the connection is still reading.
    const page = db.prepare(`SELECT rowid AS n, order_id, customer_name FROM orders WHERE rowid > ? AND customer_name IS NOT NULL ORDER BY rowid LIMIT 5000`);
    for (let after = 0; ; ) {
      const rows = page.all(after) as { n: number; order_id: string; customer_name: string }[];
      if (rows.length === 0) break;
      for (const row of rows) for (const word of nameWords(row.customer_name)) insert.run(word, row.order_id);
      after = rows[rows.length - 1]!.n;
    }
  },
};
