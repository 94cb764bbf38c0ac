/**
 * Sandbox bulk capture: 10,000 seeded orders captured with one `orders capture --from` run (plan + apply,
 * journal, developer log — everything a real run does). Target ≤ 3 s; there is no baseline.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sized, type Figure } from '../figure.js';
import { median, timeProcess } from '../measure.js';
import { benchEnv, benchHome, seedSandboxOrders } from '../support/cli.js';

/** The target's size: ≤ 3 s for 10,000 orders, so ≤ 0.3 ms per order at any other size. */
const TARGET_SECONDS = 3;
const TARGET_ORDERS = 10_000;

export const sandboxCaptureFigure: Figure = async (options) => {
  const { quick, bin, log } = options;
  const count = sized(options, 20, TARGET_ORDERS);
  const runs = quick ? 1 : 3;
  const times: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    // A fresh sandbox per run: a second run over the same orders would only find them captured.
    const home = benchHome();
    const env = benchEnv(home);
    const ids = seedSandboxOrders(bin, env, count);
    const file = join(home, 'orders.csv');
    writeFileSync(file, `order_id\n${ids.join('\n')}\n`);
    const run = await timeProcess(process.execPath, [bin, 'orders', 'capture', '--from', file, '--store', 'se-demo', '--concurrency', '16', '--yes', '--json'], { env, useGnuTime: true });
    if (run.exitCode !== 0) throw new Error(`sandbox bulk capture exited ${String(run.exitCode)}: ${run.stderr.slice(-1000)}`);
    times.push(run.ms / 1000);
    if (run.peakRssMb !== null) rss.push(run.peakRssMb);
    log(`sandbox-capture: ${count} orders in ${(run.ms / 1000).toFixed(2)} s`);
  }
  const value = median(times);
  const limit = (TARGET_SECONDS * count) / TARGET_ORDERS;
  return [
    {
      figure: `sandbox bulk capture, ${count} orders`,
      value,
      unit: 's',
      baseline: null,
      ratio: null,
      target: count === TARGET_ORDERS ? `≤ ${limit} s` : `≤ ${limit.toFixed(2)} s (${TARGET_SECONDS} s per 10,000 orders)`,
      met: quick ? null : value <= limit,
      peakRssMb: rss.length ? Math.max(...rss) : null,
      runs,
      notes: `${Math.round(count / value)} orders/s; fresh sandbox per run, concurrency 16, plan + apply + journal + developer log`,
    },
  ];
};
