import { describe, expect, it } from 'vitest';
import { relative } from '../../../src/output/cells.js';

const H = 3_600_000;

describe('relative durations', () => {
  it('hours up to 48 h, days from 48 h on', () => {
    expect(relative(47 * H + 59 * 60_000)).toBe('in 47 h');
    expect(relative(24 * H)).toBe('in 24 h');
    expect(relative(48 * H)).toBe('in 2 d');
    expect(relative(-30 * H)).toBe('30 h ago');
    expect(relative(59 * 60_000)).toBe('in 59 m');
  });
});
