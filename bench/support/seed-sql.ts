/**
 * Volume seeding for the figures at scale: one order is made through the CLI (so the sandbox, its store
 * and its schema are what a real run meets), then copied `count` times by one INSERT … SELECT in one
 * transaction, which takes seconds where the CLI's seeding would take minutes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { seedSandboxOrders } from './cli.js';

/** Seeds `count` authorized orders in se-demo and writes their IDs as a bulk-capture CSV; returns its path. */
export function seedOrdersBySql(bin: string, env: NodeJS.ProcessEnv, home: string, count: number): string {
  const [template] = seedSandboxOrders(bin, env, 1);
  if (template === undefined) throw new Error('seeding the template order printed no ID');
  const db = new Database(join(home, 'data', 'sandbox.db'));
  try {
    db.pragma('journal_mode = WAL');
    const columns = `store_id, status, purchase_country, purchase_currency, locale, order_amount, original_order_amount, captured_amount,
      customer_email, customer_phone, customer_name, order_lines, created_at, expires_at`;
    db.transaction(() => {
      db.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @count)
         INSERT INTO orders (order_id, merchant_reference1, klarna_reference, ${columns})
         SELECT printf('b0000000-0000-4000-8000-%012d', i), printf('BENCH-%d', i), printf('K%07d', i), ${columns}
         FROM n, (SELECT * FROM orders WHERE order_id = @template)`,
      ).run({ count, template });
      db.prepare(
        `INSERT INTO order_events (order_id, at, type, amount, detail)
         SELECT order_id, created_at, 'created', order_amount, 'authorized' FROM orders WHERE order_id LIKE 'b0000000-%'`,
      ).run();
    })();
    const ids = db.prepare<[], { order_id: string }>(`SELECT order_id FROM orders WHERE order_id LIKE 'b0000000-%' ORDER BY order_id`).pluck().all() as unknown as string[];
    const file = join(home, 'orders.csv');
    writeFileSync(file, `order_id\n${ids.join('\n')}\n`);
    return file;
  } finally {
    db.close();
  }
}
