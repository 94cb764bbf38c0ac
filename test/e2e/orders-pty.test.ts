/** On a real terminal: the capture confirmation and the live progress bar (built binary under node-pty). */
import { join } from 'node:path';
import pty from 'node-pty';
import { describe, expect, it } from 'vitest';
import { capturesPerOrder, seedOrders } from '../helpers/orders.js';
import { tempHome } from '../helpers/run-cli.js';

const BIN = join(process.cwd(), 'bin', 'merchant.js');

function runPty(home: string, args: string[], answer?: string): Promise<{ output: string; code: number }> {
  return new Promise((resolve) => {
    const term = pty.spawn(process.execPath, [BIN, ...args], { cols: 120, rows: 30, env: { ...process.env, MERCHANT_HOME: home, NO_COLOR: '1' } });
    let output = '';
    let answered = false;
    term.onData((d) => {
      output += d;
      if (answer !== undefined && !answered && /\?/.test(output) && /\(y\/N\)/.test(output)) {
        answered = true;
        term.write(answer);
      }
    });
    term.onExit(({ exitCode }) => resolve({ output, code: exitCode }));
  });
}

describe('orders on a terminal', () => {
  it('asks before capturing, and declining changes nothing (exit 130)', async () => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1);
    const no = await runPty(home, ['orders', 'capture', id!], 'n\r');
    expect(no.output).toContain('Capture 299.00 SEK on order');
    expect(no.code).toBe(130);
    expect(capturesPerOrder(home).size).toBe(0);
    const yes = await runPty(home, ['orders', 'capture', id!], 'y\r');
    expect(yes.code).toBe(0);
    expect(capturesPerOrder(home).get(id!)).toBe(1);
  }, 30_000);

  it('draws a progress bar with done/failed/skipped/remaining for a bulk capture', async () => {
    const home = tempHome();
    const ids = await seedOrders(home, 10);
    const r = await runPty(home, ['orders', 'capture', ...ids], 'y\r');
    expect(r.code).toBe(0);
    expect(r.output).toMatch(/capture \[#+\] 10\/10 {2}done 10 {2}failed 0 {2}skipped 0 {2}remaining 0/);
  }, 30_000);
});
