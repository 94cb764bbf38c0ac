/**
 * Start-up: `merchant --version` and `--help` against bare `node -e 0`, and `merchant links list --json`
 * on a sandbox holding 10,000 links (the first page: the query, SQLite, the backend, the log), all measured
 * interleaved so each sees the same machine load. Targets: --version ≤ 1.6×, --help ≤ 2.5×, links list ≤ 3×.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sized, type Figure, type FigureResult } from '../figure.js';
import { median, timeProcess } from '../measure.js';
import { benchEnv, benchHome, merchant } from '../support/cli.js';

function seedLinks(bin: string, env: NodeJS.ProcessEnv, home: string, count: number): void {
  const lines = ['store,link_reference,reference,email,lines'];
  for (let i = 1; i <= count; i++) lines.push(`se-demo,BENCH-${i},${100_000 + i},buyer${i}@example.com,"name=T-shirt,qty=1,price=125,tax=25"`);
  const file = join(home, 'links.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  merchant(bin, ['links', 'create', '--from', file, '--yes', '--results', join(home, 'links.results.csv')], env);
}

export const startupFigure: Figure = async (options) => {
  const { quick, bin, log } = options;
  const runs = quick ? 3 : 21;
  // The first page reads the same 50 rows at any size (an index, not a scan): the targets do not scale.
  const links = sized(options, 20, 10_000);
  const home = benchHome();
  const env = benchEnv(home);
  const started = Date.now();
  seedLinks(bin, env, home, links);
  log(`startup: seeded ${links} links in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const bare: number[] = [];
  const version: number[] = [];
  const help: number[] = [];
  const list: number[] = [];
  const rss = { version: 0, help: 0, list: 0 };
  for (let i = 0; i < runs; i++) {
    bare.push((await timeProcess(process.execPath, ['-e', '0'], { env })).ms);
    const v = await timeProcess(process.execPath, [bin, '--version'], { env, useGnuTime: true });
    version.push(v.ms);
    rss.version = Math.max(rss.version, v.peakRssMb ?? 0);
    const h = await timeProcess(process.execPath, [bin, '--help'], { env, useGnuTime: true });
    help.push(h.ms);
    rss.help = Math.max(rss.help, h.peakRssMb ?? 0);
    const l = await timeProcess(process.execPath, [bin, 'links', 'list', '--json'], { env, useGnuTime: true });
    if (l.exitCode !== 0) throw new Error(`links list exited ${String(l.exitCode)}: ${l.stderr}`);
    list.push(l.ms);
    rss.list = Math.max(rss.list, l.peakRssMb ?? 0);
  }
  const base = median(bare);
  log(`startup: node -e 0 ${base.toFixed(0)} ms, --version ${median(version).toFixed(0)} ms, --help ${median(help).toFixed(0)} ms, links list ${median(list).toFixed(0)} ms`);
  const row = (figure: string, values: number[], limit: number, peak: number, notes: string): FigureResult => {
    const value = median(values);
    const ratio = value / base;
    return {
      figure,
      value,
      unit: 'ms',
      baseline: { label: 'node -e 0', value: base, unit: 'ms' },
      ratio,
      target: `≤ ${limit}× baseline`,
      met: ratio <= limit,
      peakRssMb: peak || null,
      runs,
      notes,
    };
  };
  return [
    row('merchant --version', version, 1.6, rss.version, ''),
    row('merchant --help', help, 2.5, rss.help, 'builds every command (commander), no SQLite/prompts/CSV/zod'),
    row(`merchant links list --json (${links} links)`, list, 3, rss.list, 'first page (50) of a sandbox with this many links'),
  ];
};
