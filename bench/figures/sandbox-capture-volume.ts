/**
 * Sandbox bulk capture at volume: 100,000 orders in one `orders capture --from` run against 10,000 in the
 * same run (both seeded by SQL, bench/support/seed-sql.ts, so seeding is seconds, not minutes). Targets:
 * the 100,000-order run takes ≤ 10× the 10,000-order one (linear: no step grows with the rows done) and
 * peaks at ≤ 200 MB resident (the plan's rows are small; no order is held whole). As many orders planned
 * into a file (`--plan-out`) peak at ≤ 200 MB too: the file is written row by row from the run's spool,
 * never held whole; and so does applying that file (`--apply`), read a row at a time into the spool.
 */
import { join } from 'node:path';
import { sized, type Figure, type FigureResult } from '../figure.js';
import { timeProcess } from '../measure.js';
import { benchEnv, benchHome } from '../support/cli.js';
import { seedOrdersBySql } from '../support/seed-sql.js';

async function captureRun(bin: string, count: number, log: (line: string) => void): Promise<{ seconds: number; cpuSeconds: number | null; peakRssMb: number | null }> {
  const home = benchHome();
  const env = benchEnv(home);
  const file = seedOrdersBySql(bin, env, home, count);
  const run = await timeProcess(process.execPath, [bin, 'orders', 'capture', '--from', file, '--store', 'se-demo', '--concurrency', '16', '--yes', '--json'], { env, useGnuTime: true });
  if (run.exitCode !== 0) throw new Error(`sandbox bulk capture of ${count} exited ${String(run.exitCode)}: ${run.stderr.slice(-1000)}`);
  log(`sandbox-capture-volume: ${count} orders in ${(run.ms / 1000).toFixed(2)} s (CPU ${run.cpuSeconds?.toFixed(1) ?? '?'} s), peak RSS ${run.peakRssMb?.toFixed(0) ?? '?'} MB`);
  return { seconds: run.ms / 1000, cpuSeconds: run.cpuSeconds, peakRssMb: run.peakRssMb };
}

/**
 * Plans `count` seeded orders into a file (captures nothing): the run's peak RSS and seconds. Its own
 * sandbox, so the capture runs meet the same data and caches with or without it.
 */
async function planOutRun(bin: string, count: number, log: (line: string) => void): Promise<{ peakRssMb: number | null; seconds: number; env: NodeJS.ProcessEnv; plan: string }> {
  const home = benchHome();
  const env = benchEnv(home);
  const input = seedOrdersBySql(bin, env, home, count);
  const plan = join(home, 'plan.json');
  const run = await timeProcess(process.execPath, [bin, 'orders', 'capture', '--from', input, '--store', 'se-demo', '--concurrency', '16', '--plan-out', plan], { env, useGnuTime: true });
  if (run.exitCode !== 0) throw new Error(`--plan-out of ${count} orders exited ${String(run.exitCode)}: ${run.stderr.slice(-1000)}`);
  log(`sandbox-capture-volume: --plan-out of ${count} orders in ${(run.ms / 1000).toFixed(2)} s, peak RSS ${run.peakRssMb?.toFixed(0) ?? '?'} MB`);
  return { peakRssMb: run.peakRssMb, seconds: run.ms / 1000, env, plan };
}

/** Applies the plan file `--plan-out` wrote (every row captured): the run's peak RSS and seconds. */
async function applyRun(bin: string, count: number, planned: { env: NodeJS.ProcessEnv; plan: string }, log: (line: string) => void): Promise<{ peakRssMb: number | null; seconds: number }> {
  const run = await timeProcess(process.execPath, [bin, 'orders', 'capture', '--apply', planned.plan, '--concurrency', '16', '--yes', '--json'], { env: planned.env, useGnuTime: true });
  if (run.exitCode !== 0) throw new Error(`--apply of ${count} orders exited ${String(run.exitCode)}: ${run.stderr.slice(-1000)}`);
  log(`sandbox-capture-volume: --apply of ${count} orders in ${(run.ms / 1000).toFixed(2)} s, peak RSS ${run.peakRssMb?.toFixed(0) ?? '?'} MB`);
  return { peakRssMb: run.peakRssMb, seconds: run.ms / 1000 };
}

export const sandboxCaptureVolumeFigure: Figure = async (options) => {
  const { quick, bin, log } = options;
  const small = sized(options, 20, 10_000);
  const large = sized(options, 200, 100_000);
  // One run each (the large one takes minutes); the small one first, as the same run's baseline.
  const base = await captureRun(bin, small, log);
  const big = await captureRun(bin, large, log);
  const planOut = await planOutRun(bin, large, log);
  const planOutRss = planOut.peakRssMb;
  const apply = await applyRun(bin, large, planOut, log);
  const ratio = big.seconds / base.seconds;
  // CPU time says whether a ratio past linear is the code or a busier machine during the long run.
  const cpu = big.cpuSeconds !== null && base.cpuSeconds !== null ? `; CPU ${base.cpuSeconds.toFixed(1)} s against ${big.cpuSeconds.toFixed(1)} s (${(big.cpuSeconds / base.cpuSeconds).toFixed(2)}×)` : '';
  // The plan and results stream through a spool: the peak does not grow with the orders, at any scale.
  const rssLimit = 200;
  const rows: FigureResult[] = [
    {
      figure: `sandbox bulk capture, ${large} orders`,
      value: big.seconds,
      unit: 's',
      baseline: { label: `${small} orders, same run`, value: base.seconds, unit: 's' },
      ratio,
      target: `≤ ${+(large / small).toFixed(2)}× baseline (linear)`,
      met: quick ? null : ratio <= large / small,
      peakRssMb: big.peakRssMb,
      runs: 1,
      notes: `${Math.round(large / big.seconds)} orders/s against ${Math.round(small / base.seconds)} orders/s${cpu}; orders seeded by SQL, concurrency 16`,
    },
    {
      figure: `sandbox bulk capture, ${large} orders, peak RSS`,
      value: big.peakRssMb ?? Number.NaN,
      unit: 'MB',
      baseline: base.peakRssMb === null ? null : { label: `${small} orders`, value: base.peakRssMb, unit: 'MB' },
      ratio: null,
      target: `≤ ${rssLimit} MB`,
      met: quick || big.peakRssMb === null ? null : big.peakRssMb <= rssLimit,
      peakRssMb: big.peakRssMb,
      runs: 1,
      notes: 'GNU time %M of the capture process',
    },
    {
      figure: `sandbox bulk capture, ${large} orders, --plan-out peak RSS`,
      value: planOutRss ?? Number.NaN,
      unit: 'MB',
      baseline: null,
      ratio: null,
      target: `≤ ${rssLimit} MB`,
      met: quick || planOutRss === null ? null : planOutRss <= rssLimit,
      peakRssMb: planOutRss,
      runs: 1,
      notes: `GNU time %M of the run that writes the plan file (every row planned, nothing captured; ${planOut.seconds.toFixed(1)} s)`,
    },
    {
      figure: `sandbox bulk capture, ${large} orders, --apply peak RSS`,
      value: apply.peakRssMb ?? Number.NaN,
      unit: 'MB',
      baseline: null,
      ratio: null,
      target: `≤ ${rssLimit} MB`,
      met: quick || apply.peakRssMb === null ? null : apply.peakRssMb <= rssLimit,
      peakRssMb: apply.peakRssMb,
      runs: 1,
      notes: `GNU time %M of the run that applies that plan file (every row captured; ${apply.seconds.toFixed(1)} s)`,
    },
  ];
  return rows;
};
