/** Test helpers for orders: seed authorized orders in a home's sandbox and count captures directly. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from './run-cli.js';

export async function seedOrders(home: string, count: number, prefix = 'T', store = 'se-demo'): Promise<string[]> {
  const r = await runCli(['sandbox', 'orders', 'seed', '--count', String(count), '--store', store, '--reference-prefix', prefix], { home });
  if (r.exitCode !== 0) throw new Error(`seed failed: ${r.stderr}`);
  return r.stdout.trim().split('\n');
}

/** Captures per order, read straight from the sandbox database (the ground truth for "exactly once"). */
export function capturesPerOrder(home: string): Map<string, number> {
  const db = new Database(join(home, 'data', 'sandbox.db'), { readonly: true });
  try {
    const rows = db.prepare(`SELECT order_id, COUNT(*) AS n FROM captures GROUP BY order_id`).all() as { order_id: string; n: number }[];
    return new Map(rows.map((r) => [r.order_id, r.n]));
  } finally {
    db.close();
  }
}
