/**
 * `orders capture --apply` with a plan file larger than one read chunk, written by --plan-out and then
 * edited the way a user's tool may (reindented, members reordered, characters escaped): it captures every
 * row once. A damaged plan is refused before anything is captured, with the message the file read whole
 * gives (JSON.parse's own words for a cut file; the row named for a bad row near the end).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { capturesPerOrder, seedOrders } from '../helpers/orders.js';

interface PlanDoc {
  rows: { classification: string; amount: number }[];
  [member: string]: unknown;
}

async function plannedHome(count: number): Promise<{ home: string; plan: string; text: string; ids: string[] }> {
  const home = tempHome();
  const ids = await seedOrders(home, count);
  const plan = join(home, 'plan.json');
  const p = await runCli(['orders', 'capture', ...ids, '--plan-out', plan], { home });
  expect(p.exitCode, p.stderr).toBe(0);
  return { home, plan, text: readFileSync(plan, 'utf8'), ids };
}

describe('orders capture --apply (a plan read a chunk at a time)', () => {
  it('applies a --plan-out plan reindented, with its rows first and every non-ASCII character escaped', async () => {
    const { home, plan, text, ids } = await plannedHome(80);
    expect(text.length).toBeGreaterThan(1 << 16);
    const { rows, ...header } = JSON.parse(text) as PlanDoc;
    const edited = JSON.stringify({ rows, ...header }, null, '\t').replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    writeFileSync(plan, edited);
    const r = await runCli(['orders', 'capture', '--apply', plan, '--yes', '--json'], { home });
    expect(r.exitCode, r.stderr).toBe(0);
    const results = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { status: string });
    expect(results).toHaveLength(80);
    expect(results.every((x) => x.status === 'captured')).toBe(true);
    const captures = capturesPerOrder(home);
    expect(ids.map((id) => captures.get(id))).toEqual(Array(80).fill(1));
  });

  it('refuses a cut plan with JSON.parse’s message, and a bad last row by its index; nothing is captured', async () => {
    const { home, plan, text } = await plannedHome(60);
    const cut = text.slice(0, Math.floor(text.length * 0.9));
    writeFileSync(plan, cut);
    let parseMessage = '';
    try {
      JSON.parse(cut);
    } catch (error) {
      parseMessage = (error as Error).message;
    }
    const a = await runCli(['orders', 'capture', '--apply', plan, '--yes'], { home });
    expect(a.exitCode).toBe(2);
    expect(a.stderr).toContain(`${plan}: is not JSON: ${parseMessage}`);
    const doc = JSON.parse(text) as PlanDoc;
    (doc.rows[59] as { amount: number }).amount = 0;
    writeFileSync(plan, JSON.stringify(doc, null, 2));
    const b = await runCli(['orders', 'capture', '--apply', plan, '--yes'], { home });
    expect(b.exitCode).toBe(2);
    expect(b.stderr).toContain(`${plan} rows[59]: a capturable row needs order_id, request, idempotency_key, identity and a positive amount`);
    expect(capturesPerOrder(home).size).toBe(0);
  });
});
