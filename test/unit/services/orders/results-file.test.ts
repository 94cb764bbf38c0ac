import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureResultsFile, resultsNextTo } from '../../../../src/services/orders/bulk/results-file.js';

const now = new Date('2026-12-01T10:00:00.000Z');

describe('where a bulk capture writes its results', () => {
  it.each([
    ['shipped.csv', 'shipped.results.csv'],
    ['dir/SHIPPED.CSV', 'dir/SHIPPED.results.csv'],
    ['plan.json', 'plan.results.csv'],
    ['ids.txt', 'ids.results.csv'],
    ['noext', 'noext.results.csv'],
  ])('%s → %s', (input, expected) => {
    expect(resultsNextTo(input)).toBe(expected);
  });

  it('--results wins; piped runs write no file unless asked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'results-'));
    expect(captureResultsFile({ results: 'x.csv', from: 'a.csv' }, true, dir, now)).toBe('x.csv');
    expect(captureResultsFile({ from: join(dir, 'a.csv') }, false, dir, now)).toBeUndefined();
  });

  it('on a terminal: next to --from or --apply; for stdin or arguments, in the data folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'results-'));
    expect(captureResultsFile({ from: join(dir, 'a.csv') }, true, dir, now)).toBe(join(dir, 'a.results.csv'));
    expect(captureResultsFile({ apply: join(dir, 'plan.json') }, true, dir, now)).toBe(join(dir, 'plan.results.csv'));
    const fromStdin = captureResultsFile({ from: '-' }, true, dir, now);
    expect(fromStdin).toBe(join(dir, 'results', 'capture-2026-12-01T10-00-00-000Z.results.csv'));
    expect(existsSync(join(dir, 'results'))).toBe(true);
  });

  it('a default path that cannot be written is refused, naming it and --results', () => {
    const dir = mkdtempSync(join(tmpdir(), 'results-'));
    expect(() => captureResultsFile({ from: join(dir, 'missing', 'a.csv') }, true, dir, now)).toThrow(/cannot write .*missing.*a\.results\.csv.*does not exist/);
    expect(() => captureResultsFile({ from: join(dir, 'missing', 'a.csv') }, true, dir, now)).toThrow(/--results <file>/);
  });
});
