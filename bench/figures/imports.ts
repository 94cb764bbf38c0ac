/**
 * What each heavy dependency costs to import, so start-up regressions have a price tag: a fresh process
 * importing the package against a fresh process importing nothing (`node:fs`, same ESM path), interleaved.
 * Informational (no target); the CLI keeps every one of these out of the static import graph of
 * src/cli/main.ts except commander and chalk, which every command needs.
 */
import type { Figure, FigureResult } from '../figure.js';
import { median, timeProcess } from '../measure.js';

const PACKAGES = ['commander', 'chalk', 'zod', 'better-sqlite3', 'csv-stringify', 'csv-parse', 'cli-table3', '@inquirer/prompts', 'undici', 'conf'];

export const importsFigure: Figure = async ({ quick, projectRoot, log }) => {
  const runs = quick ? 1 : 9;
  const packages = quick ? PACKAGES.slice(0, 2) : PACKAGES;
  const script = (spec: string): string => `await import(${JSON.stringify(spec)})`;
  const bare: number[] = [];
  const times = new Map<string, number[]>(packages.map((p) => [p, []]));
  for (let i = 0; i < runs; i++) {
    bare.push((await timeProcess(process.execPath, ['--input-type=module', '-e', script('node:fs')], { cwd: projectRoot })).ms);
    for (const p of packages) {
      const run = await timeProcess(process.execPath, ['--input-type=module', '-e', script(p)], { cwd: projectRoot });
      if (run.exitCode !== 0) throw new Error(`importing ${p} failed: ${run.stderr}`);
      times.get(p)?.push(run.ms);
    }
  }
  const base = median(bare);
  const results: FigureResult[] = packages.map((p) => {
    const value = median(times.get(p) ?? []) - base;
    return {
      figure: `import cost: ${p}`,
      value,
      unit: 'ms',
      baseline: { label: 'node, importing node:fs', value: base, unit: 'ms' },
      ratio: null,
      target: '(informational)',
      met: null,
      peakRssMb: null,
      runs,
      notes: 'median process time minus the baseline',
    };
  });
  log(`imports: ${results.map((r) => `${r.figure.replace('import cost: ', '')} +${r.value.toFixed(0)} ms`).join(', ')}`);
  return results;
};
