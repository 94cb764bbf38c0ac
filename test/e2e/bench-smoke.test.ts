/**
 * The benchmarks are not tests (no timing is asserted here); this runs them once in quick mode so the
 * benchmark code cannot rot, and checks that every figure produced a row with a baseline.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const runner = `${root}dist-bench/bench/run.js`;

describe('npm run bench -- --quick', () => {
  it('runs every figure and writes the table as JSON', () => {
    expect(existsSync(runner), 'dist-bench is built by npm test (tsc -p tsconfig.bench.json)').toBe(true);
    const r = spawnSync(process.execPath, [runner, '--quick'], { cwd: root, encoding: 'utf8', timeout: 240_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('| Figure');
    const doc = JSON.parse(readFileSync(`${root}bench/results/quick.json`, 'utf8')) as { quick: boolean; results: { figure: string; value: number; target: string }[] };
    expect(doc.quick).toBe(true);
    expect(doc.results.length).toBeGreaterThan(0);
    for (const row of doc.results) {
      expect(Number.isFinite(row.value), row.figure).toBe(true);
      expect(row.target.length).toBeGreaterThan(0);
    }
  }, 300_000);

  it('--scale multiplies the data sizes, names them in the rows and leaves latest.json alone', () => {
    const latest = readFileSync(`${root}bench/results/latest.json`, 'utf8');
    const r = spawnSync(process.execPath, [runner, '--quick', '--scale', '2', '--only', 'sandbox-capture-volume'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(`${root}bench/results/quick-scale-2.json`, 'utf8')) as { scale: number; results: { figure: string; baseline: { label: string } | null; target: string }[] };
    expect(doc.scale).toBe(2);
    // Quick sizes are 20 and 200 orders; twice that, and the ratio target stays a ratio.
    expect(doc.results.map((row) => row.figure)).toEqual(['sandbox bulk capture, 400 orders', 'sandbox bulk capture, 400 orders, peak RSS', 'sandbox bulk capture, 400 orders, --plan-out peak RSS', 'sandbox bulk capture, 400 orders, --apply peak RSS']);
    expect(doc.results[0]?.baseline?.label).toBe('40 orders, same run');
    expect(doc.results[0]?.target).toBe('≤ 10× baseline (linear)');
    expect(readFileSync(`${root}bench/results/latest.json`, 'utf8')).toBe(latest);
  }, 150_000);

  it('refuses a bad --scale before running anything', () => {
    const r = spawnSync(process.execPath, [runner, '--scale', '0'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--scale must be a positive number');
    expect(r.stdout).toBe('');
  });
});
