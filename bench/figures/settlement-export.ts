/**
 * Settlement export: a sandbox seeded with ~1,000,000 settlement transactions, exported as one batch
 * report (a payout-date range covering every payout) to a file through the real binary, against raw
 * csv-stringify over the same rows in memory (bench/support/stringify-baseline.ts), interleaved.
 * Targets: ≥ 70 % of the baseline's rows/s, and the export's peak RSS ≤ 150 MB (GNU time).
 * Replaces the stand-alone script the settlements work left in bench/.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sized, type Figure, type FigureResult } from '../figure.js';
import { median, timeProcess } from '../measure.js';
import { benchEnv, benchHome, merchant } from '../support/cli.js';

function countRows(file: string): number {
  // Data rows = record delimiters minus the header's (rows hold no embedded newlines in this export).
  const text = readFileSync(file);
  let n = 0;
  for (const byte of text) if (byte === 10) n++;
  return n - 1;
}

export const settlementExportFigure: Figure = async (options) => {
  const { quick, bin, log } = options;
  // A ratio and a streaming peak: both targets hold at any size.
  const transactions = sized(options, 200, 1_000_000);
  const runs = quick ? 1 : 3;
  const home = benchHome();
  const env = benchEnv(home);
  const seeded = Date.now();
  merchant(bin, ['sandbox', 'seed', '--transactions', String(transactions), '--stores', 'se-demo', '--months', '1', '--seed', '7'], env);
  log(`settlement-export: seeded ~${transactions} transactions in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);
  const payouts = JSON.parse(merchant(bin, ['settlements', 'payouts', '--store', 'se-demo', '--all', '--json'], env)) as { payout_date: string }[];
  const dates = payouts.map((p) => p.payout_date.slice(0, 10)).sort();
  const from = dates[0];
  const to = dates[dates.length - 1];
  if (!from || !to) throw new Error('the seeded sandbox has no payouts');
  const out = join(home, 'export.csv');
  const baselineScript = fileURLToPath(new URL('../support/stringify-baseline.js', import.meta.url));
  const exportRates: number[] = [];
  const baseRates: number[] = [];
  const rss: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    rmSync(out, { force: true });
    const run = await timeProcess(process.execPath, [bin, 'settlements', 'export', '--store', 'se-demo', '--from', from, '--to', to, '--out', out], { env, useGnuTime: true });
    if (run.exitCode !== 0) throw new Error(`settlements export exited ${String(run.exitCode)}: ${run.stderr.slice(-1000)}`);
    rows = countRows(out);
    exportRates.push(rows / (run.ms / 1000));
    if (run.peakRssMb !== null) rss.push(run.peakRssMb);
    // The baseline's own clock covers the stringifying only (not its start-up or reading the block back).
    const base = spawnSync(process.execPath, [baselineScript, out, String(rows)], { env, encoding: 'utf8' });
    if (base.status !== 0) throw new Error(`stringify baseline exited ${String(base.status)}: ${base.stderr.slice(-1000)}`);
    const measured = JSON.parse(base.stdout) as { rows: number; ms: number };
    baseRates.push(measured.rows / (measured.ms / 1000));
    log(`settlement-export: ${rows} rows in ${(run.ms / 1000).toFixed(2)} s (peak RSS ${run.peakRssMb?.toFixed(0) ?? '?'} MB); csv-stringify alone ${(measured.ms / 1000).toFixed(2)} s`);
  }
  const value = median(exportRates);
  const baseline = median(baseRates);
  const ratio = value / baseline;
  const peak = rss.length ? Math.max(...rss) : null;
  const rows1 = (row: Omit<FigureResult, 'runs'>): FigureResult => ({ ...row, runs });
  return [
    rows1({
      figure: `settlement export, ${rows} rows to CSV`,
      value,
      unit: 'rows/s',
      baseline: { label: 'csv-stringify in memory', value: baseline, unit: 'rows/s' },
      ratio,
      target: '≥ 0.70× baseline',
      met: quick ? null : ratio >= 0.7,
      peakRssMb: peak,
      notes: `batch report ${from}..${to} written with --out (atomic file)`,
    }),
    rows1({
      figure: 'settlement export, peak RSS',
      value: peak ?? Number.NaN,
      unit: 'MB',
      baseline: null,
      ratio: null,
      target: '≤ 150 MB',
      met: quick || peak === null ? null : peak <= 150,
      peakRssMb: peak,
      notes: 'maximum over the runs, from GNU time',
    }),
  ];
};
