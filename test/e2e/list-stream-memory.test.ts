/**
 * A streamed `--all --json` list keeps V8's old generation at its live size, however many rows it writes:
 * the writer runs a full collection after every COLLECT_EVERY_CHARS of output (src/output/old-generation.ts).
 * Without it, the old generation collects only at a limit set generously from the live size, so the
 * garbage that young collections promote grows the peak with the row count (about 6 MB per million rows),
 * which no small heap shows (it is garbage, not live data). The real binary (needs `npm run build`) streams
 * enough links for several intervals, traced by V8, and must show a full collection for each interval.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { COLLECT_EVERY_CHARS } from '../../src/output/old-generation.js';
import { runCli, tempHome } from '../helpers/run-cli.js';

const BIN = join(import.meta.dirname, '../../bin/merchant.js');
const LINKS = 100_000;
const LINES = JSON.stringify([{ type: 'physical', reference: 'SKU-1', name: 'Demo item', quantity: 2, unit_price: 12500, tax_rate: 2500, total_discount_amount: 0, total_amount: 25000, total_tax_amount: 5000 }]);
const AT = Date.parse('2026-11-01T00:00:00.000Z');

function seedLinks(home: string): void {
  const db = new Database(join(home, 'data', 'sandbox.db'));
  const link = db.prepare(`INSERT INTO links (link_id, store_id, status, purchase_country, purchase_currency, locale, order_amount, order_tax_amount, order_lines, merchant_reference1, customer_email, channel, created_at, created_by, expires_at, idempotency_key)
    VALUES (?, 'se-demo', 'cancelled', 'SE', 'SEK', 'sv-SE', 25000, 5000, ?, ?, ?, 'none', ?, 'test', ?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < LINKS; i++) {
      link.run(`mem-link-${i}`, LINES, `LINK-${i}`, `buyer${i}@example.com`, new Date(AT + i * 1000).toISOString(), new Date(AT + i * 1000 + 86_400_000).toISOString(), `mem-link-${i}`);
    }
  })();
  db.close();
}

function links(home: string, nodeFlags: readonly string[]): string {
  const r = spawnSync(process.execPath, [...nodeFlags, BIN, 'links', 'list', '--all', '--json'], {
    env: { ...process.env, MERCHANT_HOME: home, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  expect(r.status, r.stderr.slice(-500)).toBe(0);
  return r.stdout;
}

it("collects a streamed list's old generation once per interval of output", async () => {
  const home = tempHome('merchant-list-memory-');
  try {
    expect((await runCli(['stores', 'list', '--json'], { home })).exitCode).toBe(0);
    seedLinks(home);
    const json = links(home, []);
    const rows = JSON.parse(json) as { link_id: string }[];
    expect(rows).toHaveLength(LINKS);
    expect(rows[0]?.link_id).toBe(`mem-link-${LINKS - 1}`);
    const intervals = Math.floor(json.length / COLLECT_EVERY_CHARS);
    expect(intervals).toBeGreaterThanOrEqual(2);
    // `gc()`'s collections are the ones V8 traces as "testing"; its own are triggered by its limits.
    const traced = links(home, ['--trace-gc']);
    const full = traced.split('\n').filter((line) => /Mark-Compact.* testing;/.test(line));
    expect(full.length).toBeGreaterThanOrEqual(intervals);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}, 240_000);
