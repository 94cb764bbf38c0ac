import { describe, expect, it } from 'vitest';
import { timeOrderedId } from '../../../../src/backends/sandbox/time-ordered-id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('time-ordered sandbox IDs', () => {
  it('are version 7 UUIDs whose first 48 bits are the time in milliseconds', () => {
    const at = Date.UTC(2026, 11, 1, 12, 0, 0, 123);
    const id = timeOrderedId(at);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
  });

  it('sort by the time they were made, and differ when made in the same millisecond', () => {
    const earlier = timeOrderedId(1_000);
    const later = timeOrderedId(1_001);
    expect(earlier < later).toBe(true);
    const same = new Set(Array.from({ length: 1000 }, () => timeOrderedId(5_000)));
    expect(same.size).toBe(1000);
  });

  it('made one after another in one millisecond, sort in the order they were made', () => {
    for (let ms = 10_000; ms < 10_050; ms++) {
      // Up to 2,048 per millisecond are counted up from the counter's random start (at most 0x7ff).
      const ids = Array.from({ length: 2_048 }, () => timeOrderedId(ms));
      expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
      expect([...ids].sort()).toEqual(ids);
    }
  });

  it('stay unique past a millisecond\'s counter, and exact about a time given out of order', () => {
    const many = Array.from({ length: 20_000 }, () => timeOrderedId(20_000));
    expect(new Set(many).size).toBe(20_000);
    expect(many.every((id) => UUID_V7.test(id))).toBe(true);
    const back = timeOrderedId(19_000);
    expect(parseInt(back.slice(0, 8) + back.slice(9, 13), 16)).toBe(19_000);
  });

  it('are made from the real clock by default', () => {
    const before = Date.now();
    const id = timeOrderedId();
    const ms = parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now());
  });
});
