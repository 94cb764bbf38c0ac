/**
 * The reading figures' baseline, run as its own process: the same rows read from the same file with
 * better-sqlite3 and written to stdout as the same pretty JSON array, nothing else (no CLI, no model, no
 * paging). Usage: node sqlite-json-dump.js <sandbox.db> <orders|links> [store]
 */
import Database from 'better-sqlite3';

const [file, table, store] = process.argv.slice(2);
if (!file || (table !== 'orders' && table !== 'links')) throw new Error('usage: sqlite-json-dump <db> <orders|links> [store]');
const db = new Database(file, { readonly: true });
const rows = db.prepare(`SELECT * FROM ${table} ${store ? 'WHERE store_id = ?' : ''} ORDER BY created_at DESC`).iterate(...(store ? [store] : []));
let chunk = '[';
let first = true;
for (const row of rows) {
  chunk += `${first ? '\n' : ',\n'}  ${JSON.stringify(row, null, 2).replaceAll('\n', '\n  ')}`;
  first = false;
  if (chunk.length > 65_536 && !process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  if (chunk.length > 65_536) chunk = '';
}
process.stdout.write(`${chunk}${first ? ']' : '\n]'}\n`);
