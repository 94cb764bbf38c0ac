import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../../src/output/progress.js';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let out = '';
  stream.on('data', (c: Buffer) => (out += c.toString()));
  return { stream, text: () => out };
}

describe('progress', () => {
  it('prints plain periodic lines when not on a terminal, and the final state once', () => {
    let t = 0;
    const { stream, text } = capture();
    const p = createProgress(stream, false, 'capture', { intervalMs: 1000, now: () => t });
    p.update({ total: 4, done: 1, failed: 0, skipped: 0, unknown: 0 });
    t = 500;
    p.update({ total: 4, done: 2, failed: 0, skipped: 0, unknown: 0 });
    t = 2000;
    p.update({ total: 4, done: 3, failed: 1, skipped: 0, unknown: 0 });
    p.finish();
    expect(text().trim().split('\n')).toEqual([
      'capture: 1/4  done 1  failed 0  skipped 0  remaining 3',
      'capture: 4/4  done 3  failed 1  skipped 0  remaining 0  1.5/s',
    ]);
  });

  it('redraws one line with a bar on a terminal', () => {
    const { stream, text } = capture();
    const p = createProgress(stream, true, 'capture', { intervalMs: 0, now: () => 1000 });
    p.update({ total: 2, done: 1, failed: 0, skipped: 1, unknown: 0 });
    p.finish();
    expect(text()).toContain('\r\x1b[Kcapture [########################] 2/2  done 1  failed 0  skipped 1  remaining 0');
    expect(text().endsWith('\n')).toBe(true);
  });
});
