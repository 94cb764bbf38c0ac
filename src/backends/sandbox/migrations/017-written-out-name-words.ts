import { nameWords, WRITTEN_OUT_MARKERS } from '../../../domain/name-words.js';
import type { Migration } from './migration.js';

/**
 * A name is also found as written without its special letters ("mueller" finds "Müller", "aasa" finds
 * "Åsa"): `nameWords` now gives those forms too, and new orders store them when written. Existing orders
 * gain the forms they lack here. Only names with one of the letters concerned are read again (a SQL
 * prefilter on `WRITTEN_OUT_MARKERS`), so a sandbox of a million plain names is not walked row by row in
 * JavaScript.
 */
export const writtenOutNameWords: Migration = {
  version: 17,
  name: 'customer name words as written without special letters',
  up(db) {
    const markers = WRITTEN_OUT_MARKERS.map(() => `instr(customer_name, ?) > 0`).join(' OR ');
    // In pages by rowid: a statement cannot write while another on the connection is still reading.
    const page = db.prepare(
      `SELECT rowid AS n, order_id, customer_name, created_at FROM orders WHERE rowid > ? AND customer_name IS NOT NULL AND (${markers}) ORDER BY rowid LIMIT 5000`,
    );
    const have = db.prepare(`SELECT word FROM order_name_words WHERE order_id = ?`).pluck();
    const insert = db.prepare(`INSERT INTO order_name_words (word, order_id, created_at) VALUES (?, ?, ?)`);
    for (let after = 0; ; ) {
      const rows = page.all(after, ...WRITTEN_OUT_MARKERS) as { n: number; order_id: string; customer_name: string; created_at: string }[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const stored = new Set(have.all(row.order_id) as string[]);
        for (const word of nameWords(row.customer_name)) if (!stored.has(word)) insert.run(word, row.order_id, row.created_at);
      }
      after = rows[rows.length - 1]!.n;
    }
  },
};
