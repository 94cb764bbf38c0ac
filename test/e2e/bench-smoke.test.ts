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
});
