import { describe, expect, it } from 'vitest';
import { timeOrderedId } from '../../../../src/backends/sandbox/time-ordered-id.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('time-ordered capture IDs', () => {
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
});
