/**
 * Start-up: `merchant --version` against bare `node -e 0`, measured interleaved so both see the same
 * machine load. Target ≤ 1.6×.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Figure } from '../figure.js';
import { median, timeProcess } from '../measure.js';

export const startupFigure: Figure = async ({ quick, bin, log }) => {
  const runs = quick ? 3 : 21;
  const home = mkdtempSync(join(tmpdir(), 'merchant-bench-'));
  const env = { ...process.env, MERCHANT_HOME: home };
  const bare: number[] = [];
  const version: number[] = [];
  const help: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push((await timeProcess(process.execPath, ['-e', '0'], { env })).ms);
    version.push((await timeProcess(process.execPath, [bin, '--version'], { env })).ms);
    help.push((await timeProcess(process.execPath, [bin, '--help'], { env })).ms);
  }
  const base = median(bare);
  log(`startup: node -e 0 ${base.toFixed(0)} ms, --version ${median(version).toFixed(0)} ms, --help ${median(help).toFixed(0)} ms`);
  const row = (figure: string, values: number[], limit: number) => {
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
      peakRssMb: null,
      runs,
      notes: '',
    };
  };
  return [row('merchant --version', version, 1.6), row('merchant --help', help, 1.6)];
};
