/** On a real terminal: the capture confirmation and the live progress bar (built binary under node-pty). */
import { join } from 'node:path';
import pty from 'node-pty';
import { describe, expect, it } from 'vitest';
import { capturesPerOrder, seedOrders } from '../helpers/orders.js';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { displayWidth } from '../../src/output/display-width.js';

const BIN = join(process.cwd(), 'bin', 'merchant.js');

function runPty(home: string, args: string[], answer?: string, cols = 120): Promise<{ output: string; code: number }> {
  return new Promise((resolve) => {
    const term = pty.spawn(process.execPath, [BIN, ...args], { cols, rows: 30, env: { ...process.env, MERCHANT_HOME: home, NO_COLOR: '1' } });
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

  it('a bulk capture prints a summary and the results file, not a table of rows', async () => {
    const home = tempHome();
    const ids = await seedOrders(home, 12);
    const r = await runPty(home, ['orders', 'capture', ...ids, '--yes']);
    expect(r.code).toBe(0);
    expect(r.output).toMatch(/12 row\(s\): captured 12, already captured 0, skipped 0, failed 0, unknown 0\. Took/);
    expect(r.output).toMatch(/Every row's result: \S+capture-\S+\.results\.csv \(--verbose prints them here too\)/);
    expect(r.output).not.toContain('│');
    expect(capturesPerOrder(home).size).toBe(12);
  }, 30_000);

  it('a table fits a 60-column terminal', async () => {
    const home = tempHome();
    for (const ref of ['A-1', 'B-2']) {
      const c = await runCli(['links', 'create', '--store', 'se-demo', '--email', 'someone.with.a.long.address@example.com', '--reference', ref, '--line', 'name=Cap,price=99,tax=25', '--yes'], { home });
      expect(c.exitCode, c.stderr).toBe(0);
    }
    const r = await runPty(home, ['links', 'list'], undefined, 60);
    expect(r.code).toBe(0);
    const lines = r.output.split(/\r?\n/).filter((l) => l.trim() !== '');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(60);
    expect(r.output).toContain('--wide');
  }, 30_000);
});
