/** The worker pool: a fixed limit, a limit that grows while it runs, and stopping. */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { forEachConcurrent } from '../../../../../src/services/orders/bulk/pool.js';

/** Runs the pool over 0..n-1, each item taking one turn; returns the most items ever in flight at once, per item. */
async function inFlight(n: number, limit: number | (() => number), stopped?: () => boolean): Promise<{ seen: number[]; done: number[] }> {
  let running = 0;
  const seen: number[] = [];
  const done: number[] = [];
  await forEachConcurrent(
    Array.from({ length: n }, (_, i) => i),
    limit,
    async (i) => {
      running++;
      seen[i] = running;
      await nextTurn();
      running--;
      done.push(i);
    },
    stopped,
  );
  return { seen, done };
}

describe('forEachConcurrent', () => {
  it('keeps at most a fixed limit in flight and takes every item once', async () => {
    const { seen, done } = await inFlight(50, 4);
    expect(Math.max(...seen)).toBe(4);
    expect([...done].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('starts more workers when the limit grows, and never more than it says', async () => {
    let finished = 0;
    const { seen, done } = await inFlight(200, () => (finished++ >= 3 ? 32 : 2));
    expect(Math.max(...seen.slice(0, 2))).toBeLessThanOrEqual(2);
    expect(Math.max(...seen)).toBe(32);
    expect(new Set(done).size).toBe(200);
  });

  it('stops taking items once stopped, finishing those in flight', async () => {
    const taken: number[] = [];
    await forEachConcurrent(Array.from({ length: 100 }, (_, i) => i), () => 8, async (i) => void taken.push(i), () => taken.length >= 10);
    expect(taken.length).toBeGreaterThanOrEqual(10);
    expect(taken.length).toBeLessThan(20);
  });

  it('rejects with the first error an item throws', async () => {
    await expect(forEachConcurrent([1, 2, 3], 2, async (i) => {
      if (i === 2) throw new Error('boom');
    })).rejects.toThrow('boom');
  });
});
