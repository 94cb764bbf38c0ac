/**
 * End-to-end flows across features, on the built binary: what a merchant does from link to payout, and
 * what a read-only support key may and may not do.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, spawnCli, type SpawnResult } from '../helpers/spawn-cli.js';
import { tempHome } from '../helpers/run-cli.js';

beforeAll(() => assertBuilt());

function ok(r: SpawnResult): SpawnResult {
  expect(r.exitCode, r.stderr).toBe(0);
  return r;
}
const json = <T>(r: SpawnResult): T => JSON.parse(ok(r).stdout) as T;

interface Payout { payment_reference: string; totals: { sale_amount: number; return_amount: number; settlement_amount: number } }

describe('flow: link → pay → capture by line, then the rest → refund → payout → export → reconcile', () => {
  it('adds up at every step', async () => {
    const home = tempHome();
    const cli = (argv: string[], env: Record<string, string> = {}) => spawnCli(argv, { home, env });

    const link = json<{ link_id: string; order_amount: number }>(
      await cli(['links', 'create', '--store', 'se-demo', '--email', 'flow@example.com', '--reference', 'FLOW-1', '--line', 'name=Shirt,ref=SH-1,qty=2,price=125.00,tax=25', '--line', 'name=Mug,ref=MG-1,price=50.00,tax=25', '--yes', '--json']),
    );
    expect(link.order_amount).toBe(30000);
    const orderId = ok(await cli(['sandbox', 'pay', link.link_id])).stdout.trim();
    expect(orderId).toMatch(/^[0-9a-f-]{36}$/);

    const first = json<{ captured_amount: number }>(await cli(['orders', 'capture', orderId, '--line', 'SH-1:1', '--reference', 'CAP-A', '--yes', '--json']));
    expect(first.captured_amount).toBe(12500);
    expect(json<{ status: string }>(await cli(['orders', 'show', orderId, '--json'])).status).toBe('PART_CAPTURED');
    const rest = json<{ captured_amount: number }>(await cli(['orders', 'capture', orderId, '--reference', 'CAP-B', '--yes', '--json']));
    expect(rest.captured_amount).toBe(17500);
    const refund = json<{ refunded_amount: number }>(await cli(['orders', 'refund', orderId, '--line', 'MG-1', '--yes', '--json']));
    expect(refund.refunded_amount).toBe(5000);
    const shown = json<{ status: string; captured_amount: number; refunded_amount: number }>(await cli(['orders', 'show', 'FLOW-1', '--store', 'se-demo', '--json']));
    expect(shown).toMatchObject({ status: 'CAPTURED', captured_amount: 30000, refunded_amount: 5000 });

    // Nothing is paid out before the cutoff; two days on, one payout holds both captures and the refund.
    expect(json<Payout[]>(await cli(['settlements', 'payouts', '--store', 'se-demo', '--json']))).toEqual([]);
    ok(await cli(['sandbox', 'clock', 'advance', '2d']));
    const payouts = json<Payout[]>(await cli(['settlements', 'payouts', '--store', 'se-demo', '--json']));
    expect(payouts).toHaveLength(1);
    const payout = payouts[0]!;
    expect(payout.totals).toMatchObject({ sale_amount: 30000, return_amount: 5000 });
    const detail = json<Payout>(await cli(['settlements', 'show', payout.payment_reference, '--json']));
    expect(detail.totals.settlement_amount).toBe(payout.totals.settlement_amount);

    const csv = ok(await cli(['settlements', 'export', '--payout', payout.payment_reference, '--amounts', 'minor'])).stdout;
    const rows = parse<Record<string, string>>(csv, { columns: true });
    const sum = (pred: (r: Record<string, string>) => boolean) => rows.filter(pred).reduce((s, r) => s + Number(r['amount']), 0);
    expect(sum(() => true)).toBe(payout.totals.settlement_amount);
    expect(sum((r) => r['type'] === 'SALE')).toBe(30000);
    expect(sum((r) => r['type'] === 'RETURN')).toBe(-5000);
    expect(new Set(rows.filter((r) => r['type'] === 'SALE').map((r) => r['merchant_capture_reference']))).toEqual(new Set(['CAP-A', 'CAP-B']));
    expect(rows.every((r) => r['order_id'] === orderId && r['payment_reference'] === payout.payment_reference)).toBe(true);

    // The merchant's ledger, built from the orders: what each order should bring before fees.
    const orders = json<{ order_id: string; merchant_reference1: string; captured_amount: number; refunded_amount: number }[]>(await cli(['orders', 'list', '--store', 'se-demo', '--json']));
    const ledger = join(home, 'ledger.csv');
    writeFileSync(ledger, `order_id;merchant_reference;amount\n${orders.map((o) => `${o.order_id};${o.merchant_reference1};${((o.captured_amount - o.refunded_amount) / 100).toFixed(2).replace('.', ',')}`).join('\n')}\n`);
    const report = json<{ totals: { adds_up: boolean; matched_amount: number; settlement_amount: number }; matched: unknown[]; amount_mismatch: unknown[]; missing_in_ledger: unknown[]; missing_in_payout: unknown[] }>(
      await cli(['settlements', 'reconcile', '--payout', payout.payment_reference, '--ledger', ledger, '--json']),
    );
    expect(report.totals).toMatchObject({ adds_up: true, matched_amount: 25000, settlement_amount: payout.totals.settlement_amount });
    expect(report.matched).toHaveLength(1);
    expect([report.amount_mismatch, report.missing_in_ledger, report.missing_in_payout]).toEqual([[], [], []]);
  });
});

describe('flow: roles — an admin issues a read-only key for support', () => {
  it('read-only may look up orders but not create links or capture (exit 4 naming the role)', async () => {
    const home = tempHome();
    const cli = (argv: string[], env: Record<string, string> = {}) => spawnCli(argv, { home, env });
    const [orderId] = ok(await cli(['sandbox', 'orders', 'seed', '--store', 'se-demo'])).stdout.trim().split('\n');

    const admin = ok(await cli(['keys', 'create', '--role', 'admin'])).stdout.trim();
    expect(admin).toMatch(/^kco_test_api_/);
    // Keys exist now: issuing another needs an admin key, and no key at all is refused.
    expect((await cli(['keys', 'create', '--role', 'read_only'])).exitCode).toBe(4);
    const readOnly = ok(await cli(['keys', 'create', '--role', 'read_only'], { MERCHANT_API_KEY: admin })).stdout.trim();
    expect(readOnly).toMatch(/^kco_test_api_/);
    const asSupport = { MERCHANT_API_KEY: readOnly };

    const create = await cli(['links', 'create', '--store', 'se-demo', '--email', 'a@example.com', '--reference', 'R1', '--line', 'name=A,price=10,tax=25', '--yes'], asSupport);
    expect(create.exitCode).toBe(4);
    expect(create.stderr).toMatch(/Read Only role .* cannot create payment links/);
    expect(create.stdout).toBe('');
    expect(create.stderr).not.toContain(readOnly);

    const show = json<{ order_id: string; status: string }>(await cli(['orders', 'show', orderId!, '--json'], asSupport));
    expect(show).toMatchObject({ order_id: orderId, status: 'AUTHORIZED' });

    const capture = await cli(['orders', 'capture', orderId!, '--yes'], asSupport);
    expect(capture.exitCode).toBe(4);
    expect(capture.stderr).toMatch(/Read Only role/);
    // Nothing moved: the admin still sees an untouched order.
    expect(json<{ status: string; captured_amount: number }>(await cli(['orders', 'show', orderId!, '--json'], { MERCHANT_API_KEY: admin }))).toMatchObject({ status: 'AUTHORIZED', captured_amount: 0 });
  });
});
