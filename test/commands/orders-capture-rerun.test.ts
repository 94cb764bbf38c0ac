/**
 * A single capture that ended with an unknown outcome (exit 6: committed, then a timeout) and is run
 * again must answer with the first capture — not refuse it as "fully captured", and not capture again.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { capturesPerOrder, seedOrders } from '../helpers/orders.js';

const TIMEOUT = { MERCHANT_SANDBOX_FAULTS: 'timeout_after_commit=1,seed=1' };

function captureIds(home: string, orderId: string): string[] {
  const db = new Database(join(home, 'data', 'sandbox.db'), { readonly: true });
  try {
    return (db.prepare(`SELECT capture_id FROM captures WHERE order_id = ? ORDER BY captured_at`).all(orderId) as { capture_id: string }[]).map((r) => r.capture_id);
  } finally {
    db.close();
  }
}

describe('orders capture re-run after an unknown outcome', () => {
  it.each([
    ['in full', []],
    ['by amount', ['--amount', '10']],
  ] as const)('%s: the re-run returns the first capture, exit 0, captured once', async (_name, flags) => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1);
    const first = await runCli(['orders', 'capture', id!, ...flags, '--yes'], { home, env: TIMEOUT });
    expect(first.exitCode, first.stderr).toBe(6);
    expect(first.stdout).toBe('');
    const [captureId] = captureIds(home, id!);
    expect(captureId).toBeDefined();

    const again = await runCli(['orders', 'capture', id!, ...flags, '--yes', '--json'], { home });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stderr).toBe(''); // --json: the document on stdout says what happened
    expect(again.json<{ capture_id: string }>().capture_id).toBe(captureId);
    expect(capturesPerOrder(home).get(id!)).toBe(1);
    // The record is settled: nothing is left pending.
    expect(readdirSync(join(home, 'data', 'pending-captures'))).toEqual([]);
  });

  it('a different capture on the same order is not confused with the pending one', async () => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1);
    expect((await runCli(['orders', 'capture', id!, '--amount', '10', '--yes'], { home, env: TIMEOUT })).exitCode).toBe(6);
    const other = await runCli(['orders', 'capture', id!, '--amount', '20', '--yes'], { home });
    expect(other.exitCode, other.stderr).toBe(0);
    expect(other.stderr).not.toMatch(/earlier run/);
    expect(captureIds(home, id!)).toHaveLength(2);
  });

  it('a definite refusal leaves no pending record', async () => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1);
    const r = await runCli(['orders', 'capture', id!, '--amount', '999999', '--yes'], { home });
    expect(r.exitCode).not.toBe(0);
    const dir = join(home, 'data', 'pending-captures');
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });
});

describe('a second operation of the same amount is told apart from a re-run', () => {
  it('a second 10.00 capture is refused (naming --another and --reference), then made with --another', async () => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1);
    const a = await runCli(['orders', 'capture', id!, '--amount', '10', '--yes', '--json'], { home });
    expect(a.exitCode, a.stderr).toBe(0);
    const first = a.json<{ capture_id: string }>().capture_id;
    const again = await runCli(['orders', 'capture', id!, '--amount', '10', '--yes', '--json'], { home });
    expect(again.exitCode).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain(first);
    expect(again.stderr).toMatch(/--another/);
    expect(again.stderr).toMatch(/--reference/);
    expect(captureIds(home, id!)).toHaveLength(1);
    const b = await runCli(['orders', 'capture', id!, '--amount', '10', '--another', '--yes', '--json'], { home });
    expect(b.exitCode, b.stderr).toBe(0);
    expect(b.json<{ capture_id: string }>().capture_id).not.toBe(first);
    expect(captureIds(home, id!)).toHaveLength(2);
    const c = await runCli(['orders', 'capture', id!, '--amount', '10', '--reference', 'SHIP-3', '--yes'], { home });
    expect(c.exitCode, c.stderr).toBe(0);
    const show = await runCli(['orders', 'show', id!, '--json'], { home });
    expect(show.json<{ captured_amount: number }>().captured_amount).toBe(3000);
  });

  it('a second 5.00 refund is refused, then made with --another', async () => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1);
    expect((await runCli(['orders', 'capture', id!, '--yes'], { home })).exitCode).toBe(0);
    const a = await runCli(['orders', 'refund', id!, '--amount', '5', '--yes'], { home });
    const refused = await runCli(['orders', 'refund', id!, '--amount', '5', '--yes'], { home });
    expect([a.exitCode, refused.exitCode], refused.stderr).toEqual([0, 1]);
    expect(refused.stderr).toMatch(/already has a refund of 5\.00 SEK[\s\S]*--another/);
    const b = await runCli(['orders', 'refund', id!, '--amount', '5', '--another', '--yes'], { home });
    expect(b.exitCode, b.stderr).toBe(0);
    const show = await runCli(['orders', 'show', id!, '--json'], { home });
    expect(show.json<{ refunded_amount: number; refunds: unknown[] }>()).toMatchObject({ refunded_amount: 1000, refunds: [expect.anything(), expect.anything()] });
  });
});

describe('orders refund re-run after an unknown outcome', () => {
  it('returns the first refund and refunds once', async () => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1);
    expect((await runCli(['orders', 'capture', id!, '--yes'], { home })).exitCode).toBe(0);
    const first = await runCli(['orders', 'refund', id!, '--amount', '7', '--yes'], { home, env: TIMEOUT });
    expect(first.exitCode, first.stderr).toBe(6);
    const again = await runCli(['orders', 'refund', id!, '--amount', '7', '--yes', '--json'], { home });
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stderr).toBe(''); // --json: the document on stdout says what happened
    const show = await runCli(['orders', 'show', id!, '--json'], { home });
    expect(show.json<{ refunded_amount: number; refunds: unknown[] }>()).toMatchObject({ refunded_amount: 700, refunds: [expect.anything()] });
    expect(readdirSync(join(home, 'data', 'pending-refunds'))).toEqual([]);
  });
});

describe('a reference names the operation', () => {
  it('the same refund command with the same --reference, run twice, refunds once', async () => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1);
    expect((await runCli(['orders', 'capture', id!, '--yes'], { home })).exitCode).toBe(0);
    const argv = ['orders', 'refund', id!, '--amount', '5', '--reference', 'RMA-9', '--yes', '--json'];
    const a = await runCli(argv, { home });
    const b = await runCli(argv, { home });
    expect(b.json<{ refund_id: string }>().refund_id).toBe(a.json<{ refund_id: string }>().refund_id);
    const show = await runCli(['orders', 'show', id!, '--json'], { home });
    expect(show.json<{ refunded_amount: number }>().refunded_amount).toBe(500);
  });
});
