/**
 * An order ID finds its order in any store; a --store that is not the order's stops every order command
 * (exit 2, naming the real store) before anything is sent, and the order is unchanged.
 */
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { capturesPerOrder, seedOrders } from '../helpers/orders.js';

const orderJson = async (home: string, id: string): Promise<{ status: string; captured_amount: number; refunded_amount: number; expires_at: string }> =>
  JSON.parse((await runCli(['orders', 'show', id, '--json'], { home })).stdout) as { status: string; captured_amount: number; refunded_amount: number; expires_at: string };

describe('an order command with the wrong --store', () => {
  it.each([
    ['show', [] as string[], false],
    ['timeline', [], false],
    ['capture', ['--yes'], false],
    ['capture', ['--amount', '1', '--yes'], false],
    ['refund', ['--amount', '1', '--yes'], true],
    ['cancel', ['--yes'], false],
    ['release', ['--yes'], true],
    ['extend', ['--yes'], false],
  ])('orders %s %j stops with exit 2 and changes nothing', async (verb, flags, capturedFirst) => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1);
    if (capturedFirst) expect((await runCli(['orders', 'capture', id!, '--amount', '5', '--yes'], { home })).exitCode).toBe(0);
    const before = await orderJson(home, id!);
    const r = await runCli(['orders', verb, id!, ...flags, '--store', 'de-demo'], { home });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`--store de-demo: order ${id!} belongs to store se-demo.`);
    expect(await orderJson(home, id!)).toEqual(before);
    expect(capturesPerOrder(home).get(id!) ?? 0).toBe(capturedFirst ? 1 : 0);
  });

  it('the default store (not named) does not restrict an order ID', async () => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1);
    const r = await runCli(['orders', 'show', id!, '--json'], { home, env: { MERCHANT_STORE: 'de-demo' } });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ order_id: id, store_id: 'se-demo' });
  });
});
