/**
 * Reading at volume, on one sandbox seeded by bench/support/volume-sandbox.ts (1,000,000 orders, one in
 * ten in se-demo, and 1,000,000 links), each figure against a baseline measured in the same run:
 * - `links list` (first page, table) and `lookup`/`orders list --search`/`status` against start-up
 *   (`node -e 0`; `merchant --version`), interleaved run by run;
 * - `links list --all --json` and `orders list --all --json` (100,000 orders of se-demo; all 1,000,000)
 *   to a pipe, against a plain SQLite-to-JSON dump of the same rows (bench/support/sqlite-json-dump.ts),
 *   with the peak RSS of the streaming command (GNU time).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sized, type Figure, type FigureResult } from '../figure.js';
import { median, timeProcess } from '../measure.js';
import { customerName, volumeSandbox } from '../support/volume-sandbox.js';

const RSS_LIMIT_MB = 150;

export const volumeReadsFigure: Figure = async (options) => {
  const { quick, bin, log } = options;
  // Look-ups are index seeks and the lists stream: every target holds as it stands at any size.
  const size = sized(options, 2_000, 1_000_000);
  const sandbox = volumeSandbox(bin, size, size);
  log(`volume-reads: ${size} orders and ${size} links seeded in ${sandbox.seedSeconds.toFixed(1)} s`);
  const { env } = sandbox;
  const db = join(sandbox.home, 'data', 'sandbox.db');
  const dump = fileURLToPath(new URL('../support/sqlite-json-dump.js', import.meta.url));
  const cli = (args: string[]) => timeProcess(process.execPath, [bin, ...args], { env, useGnuTime: true });
  const checked = async (args: string[]) => {
    const run = await cli(args);
    if (run.exitCode !== 0) throw new Error(`merchant ${args.join(' ')} exited ${String(run.exitCode)}: ${run.stderr.slice(-1000)}`);
    return run;
  };
  const results: FigureResult[] = [];
  const runs = quick ? 1 : 7;

  // Start-up relative: the first page of links, and the look-ups beyond `merchant --version`.
  const probe = 77 % size;
  const lookups: [string, string[]][] = [
    ['lookup <email>', ['lookup', `customer${probe}@example.com`]],
    ['lookup <reference>', ['lookup', `VOL-${probe}`]],
    ['lookup <name>', ['lookup', customerName(probe)]],
    ['orders list --search <text>', ['orders', 'list', '--search', customerName(probe).split(' ')[0] as string]],
    ['status', ['status']],
  ];
  const bare: number[] = [];
  const version: number[] = [];
  const firstPage: number[] = [];
  const firstPageRss: number[] = [];
  const times = new Map<string, number[]>(lookups.map(([name]) => [name, []]));
  const rss = new Map<string, number>();
  await checked(['links', 'list']); // warms the page cache: every run reads a warm file
  for (let i = 0; i < runs; i++) {
    bare.push((await timeProcess(process.execPath, ['-e', '0'], { env })).ms);
    version.push((await checked(['--version'])).ms);
    const page = await checked(['links', 'list']);
    firstPage.push(page.ms);
    firstPageRss.push(page.peakRssMb ?? 0);
    for (const [name, args] of lookups) {
      const run = await checked(args);
      times.get(name)?.push(run.ms);
      rss.set(name, Math.max(rss.get(name) ?? 0, run.peakRssMb ?? 0));
    }
  }
  const bareMs = median(bare);
  const versionMs = median(version);
  const pageRatio = median(firstPage) / bareMs;
  results.push({
    figure: `merchant links list (first page, table; ${size} links)`,
    value: median(firstPage),
    unit: 'ms',
    baseline: { label: 'node -e 0', value: bareMs, unit: 'ms' },
    ratio: pageRatio,
    target: '≤ 3× baseline',
    met: quick ? null : pageRatio <= 3,
    peakRssMb: Math.max(...firstPageRss) || null,
    runs,
    notes: 'keyset page over the created_at index',
  });
  for (const [name] of lookups) {
    const ms = median(times.get(name) ?? []);
    const beyond = ms - versionMs;
    results.push({
      figure: `${name}, work beyond start-up (${size} orders, ${size} links)`,
      value: beyond,
      unit: 'ms',
      baseline: { label: 'merchant --version', value: versionMs, unit: 'ms' },
      ratio: ms / versionMs,
      target: '≤ 200 ms beyond baseline',
      met: quick ? null : beyond <= 200,
      peakRssMb: rss.get(name) || null,
      runs,
      notes: `command ${ms.toFixed(0)} ms minus --version`,
    });
  }
  log(`volume-reads: node -e 0 ${bareMs.toFixed(0)} ms, --version ${versionMs.toFixed(0)} ms, links list ${median(firstPage).toFixed(0)} ms, ${lookups.map(([n]) => `${n} ${median(times.get(n) ?? []).toFixed(0)} ms`).join(', ')}`);

  // Streams to a pipe, against the plain dump of the same rows.
  const streams: { name: string; args: string[]; dump: string[]; rows: number; runs: number; target: number | null }[] = [
    { name: `orders list --store se-demo --all --json (${sandbox.storeOrders} orders)`, args: ['orders', 'list', '--store', 'se-demo', '--all', '--json'], dump: ['orders', 'se-demo'], rows: sandbox.storeOrders, runs: quick ? 1 : 3, target: 0.5 },
    { name: `orders list --all --json (${size} orders)`, args: ['orders', 'list', '--all', '--json'], dump: ['orders'], rows: size, runs: 1, target: null },
    { name: `links list --all --json (${size} links)`, args: ['links', 'list', '--all', '--json'], dump: ['links'], rows: size, runs: 1, target: null },
  ];
  for (const stream of streams) {
    const value: number[] = [];
    const base: number[] = [];
    let peak = 0;
    for (let i = 0; i < stream.runs; i++) {
      const run = await checked(stream.args);
      value.push(stream.rows / (run.ms / 1000));
      peak = Math.max(peak, run.peakRssMb ?? 0);
      const plain = await timeProcess(process.execPath, [dump, db, ...stream.dump], { env });
      if (plain.exitCode !== 0) throw new Error(`sqlite-json-dump exited ${String(plain.exitCode)}: ${plain.stderr.slice(-1000)}`);
      base.push(stream.rows / (plain.ms / 1000));
      log(`volume-reads: ${stream.name} ${(run.ms / 1000).toFixed(2)} s (${(run.stdoutBytes / 1e6).toFixed(0)} MB, peak RSS ${run.peakRssMb?.toFixed(0) ?? '?'} MB); plain dump ${(plain.ms / 1000).toFixed(2)} s`);
    }
    const ratio = median(value) / median(base);
    const rssMet = peak <= RSS_LIMIT_MB;
    results.push({
      figure: stream.name,
      value: median(value),
      unit: 'rows/s',
      baseline: { label: 'SQLite-to-JSON dump, same rows', value: median(base), unit: 'rows/s' },
      ratio,
      target: stream.target === null ? `peak RSS ≤ ${RSS_LIMIT_MB} MB` : `≥ ${stream.target}× baseline, peak RSS ≤ ${RSS_LIMIT_MB} MB`,
      met: quick ? null : (stream.target === null || ratio >= stream.target) && rssMet,
      peakRssMb: peak || null,
      runs: stream.runs,
      notes: 'to a pipe; the dump writes the same pretty JSON array from SELECT *',
    });
  }
  return results;
};
