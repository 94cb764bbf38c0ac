/** Seeded volume must look like orders made the live way: a timeline, and CLOSED once refunded in full. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';

interface Row { order_id: string; status: string; captured_amount: number; refunded_amount: number }

describe('sandbox seed: orders show/timeline are right for seeded orders', () => {
  it('every seeded order has a timeline; fully refunded ones are CLOSED, part-refunded stay CAPTURED', async () => {
    const home = tempHome();
    const seeded = await runCli(['sandbox', 'seed', '--transactions', '3000', '--months', '2', '--seed', '7', '--json'], { home });
    expect(seeded.exitCode, seeded.stderr).toBe(0);
    const db = new Database(join(home, 'data', 'sandbox.db'), { readonly: true });
    let full: Row | undefined;
    let part: Row | undefined;
    try {
      const orders = db.prepare(`SELECT order_id, status, captured_amount, refunded_amount FROM orders`).all() as Row[];
      expect(orders.length).toBeGreaterThan(100);
      const withoutEvents = db.prepare(`SELECT COUNT(*) AS n FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.order_id)`).get() as { n: number };
      expect(withoutEvents.n).toBe(0);
      for (const o of orders) {
        if (o.refunded_amount > 0 && o.refunded_amount >= o.captured_amount) expect(o.status, o.order_id).toBe('CLOSED');
        else expect(o.status, o.order_id).toBe('CAPTURED');
      }
      full = orders.find((o) => o.refunded_amount > 0 && o.refunded_amount === o.captured_amount);
      part = orders.find((o) => o.refunded_amount > 0 && o.refunded_amount < o.captured_amount);
      // The index dropped for the bulk insert is back.
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'order_events_by_order'`).get()).toBeDefined();
    } finally {
      db.close();
    }
    expect(full).toBeDefined();
    expect(part).toBeDefined();

    const show = await runCli(['orders', 'show', full!.order_id, '--json'], { home });
    expect(show.exitCode, show.stderr).toBe(0);
    expect(show.json<{ status: string }>().status).toBe('CLOSED');
    const timeline = await runCli(['orders', 'timeline', full!.order_id, '--json'], { home });
    expect(timeline.exitCode, timeline.stderr).toBe(0);
    const events = timeline.json<{ type: string; amount: number | null }[]>();
    expect(events.map((e) => e.type)).toEqual(['created', 'captured', 'refunded']);
    expect(events[2]?.amount).toBe(full!.refunded_amount);
    const partTimeline = await runCli(['orders', 'timeline', part!.order_id, '--json'], { home });
    expect(partTimeline.json<{ type: string }[]>().map((e) => e.type)).toEqual(['created', 'captured', 'refunded']);
  });
});
