/**
 * stdout closed by its reader (`merchant … | head -1`) with the built binary. Node reports the closed pipe
 * as a write error (EPIPE), not as SIGPIPE. A bulk capture then stops as on a signal: no new row is
 * started, the rows in flight finish and are recorded, the results file and the summary are written, and
 * it exits 141 — never 0, which would read as "every row captured". Running it again captures the rest,
 * each order once. A read whose reader stops early still ends quietly with 0. Needs `npm run build` first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { capturesPerOrder, seedOrders } from '../helpers/orders.js';
import { tempHome } from '../helpers/run-cli.js';
import { assertBuilt, spawnCli, startCli, waitUntil, type RunningCli } from '../helpers/spawn-cli.js';

beforeAll(() => assertBuilt());

/** Acts as `| head -1`: once the first line has arrived, the reading end of stdout is closed. */
async function closeStdoutAfterFirstLine(run: RunningCli): Promise<void> {
  await waitUntil(() => run.stdout().includes('\n') || run.child.exitCode !== null, 'the first line on stdout');
  run.child.stdout?.destroy();
}

const lastJsonLine = (stderr: string): unknown => JSON.parse(stderr.trim().split('\n').at(-1) ?? '');

describe('stdout closed by its reader', () => {
  it('bulk capture stops cleanly, exits 141 and writes every row to --results; the re-run captures the rest once', { timeout: 120_000 }, async () => {
    const home = tempHome('merchant-epipe-');
    const ids = await seedOrders(home, 3000);
    const results = join(home, 'results.csv');
    const args = ['orders', 'capture', '-', '--yes', '--json', '--results', results];
    const env = { NO_COLOR: '1' };

    const run = startCli(args, { home, env, input: ids.join('\n') });
    await closeStdoutAfterFirstLine(run);
    const stopped = await run.done;

    expect(stopped.exitCode, stopped.stderr.slice(-2000)).toBe(141);
    expect(lastJsonLine(stopped.stderr)).toMatchObject({ error: { kind: 'cancelled', exit_code: 141, details: { signal: 'SIGPIPE' } } });
    const captured = [...capturesPerOrder(home).values()].reduce((a, n) => a + n, 0);
    expect(captured).toBeLessThan(ids.length);
    // What stdout could not carry is in the results file: one row per input row, matching the provider.
    const rows = readFileSync(results, 'utf8').trim().split('\n').slice(1);
    expect(rows).toHaveLength(ids.length);
    expect(rows.filter((r) => r.split(',')[3] === 'captured')).toHaveLength(captured);

    const rerun = await spawnCli(args, { home, env, input: ids.join('\n') });
    expect(rerun.exitCode, rerun.stderr.slice(-2000)).toBe(0);
    const counts = capturesPerOrder(home);
    expect(ids.filter((id) => counts.get(id) !== 1)).toEqual([]);
  });

  it('a read (orders list, megabytes of JSON) ends quietly with exit 0', { timeout: 60_000 }, async () => {
    const home = tempHome('merchant-epipe-read-');
    await seedOrders(home, 3000);
    const run = startCli(['orders', 'list', '--all', '--json'], { home, env: { NO_COLOR: '1' } });
    await closeStdoutAfterFirstLine(run);
    const ended = await run.done;
    expect(ended.exitCode, ended.stderr.slice(-2000)).toBe(0);
    expect(ended.stderr).not.toMatch(/EPIPE|Error:|SIGPIPE/);
  });
});
