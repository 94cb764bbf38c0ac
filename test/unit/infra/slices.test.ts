/** Rows taken a slice at a time: every row once, in order; a smaller first slice, then slices of the full size. */
import { describe, expect, it } from 'vitest';
import { slices } from '../../../src/infra/slices.js';

const collect = async <T>(it: AsyncIterable<T[]>): Promise<T[][]> => {
  const out: T[][] = [];
  for await (const slice of it) out.push(slice);
  return out;
};
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
async function* lazily(rows: number[], taken: number[]): AsyncGenerator<number> {
  for (const row of rows) {
    taken.push(row);
    yield row;
  }
}

describe('slices', () => {
  it('slices of the size, the last one shorter', async () => {
    expect((await collect(slices(range(7), 3))).map((s) => s.length)).toEqual([3, 3, 1]);
    expect(await collect(slices([], 3))).toEqual([]);
  });

  it('a smaller first slice, then full ones, every row once and in order', async () => {
    const got = await collect(slices(range(12), 5, 2));
    expect(got.map((s) => s.length)).toEqual([2, 5, 5]);
    expect(got.flat()).toEqual(range(12));
  });

  it('a first slice larger than the size is the size', async () => {
    expect((await collect(slices(range(7), 3, 10))).map((s) => s.length)).toEqual([3, 3, 1]);
  });

  it('reads no further than the slice being handed out', async () => {
    const taken: number[] = [];
    const it = slices(lazily(range(100), taken), 50, 4)[Symbol.asyncIterator]();
    expect((await it.next()).value).toEqual([0, 1, 2, 3]);
    expect(taken).toEqual([0, 1, 2, 3]);
    await it.return(undefined);
  });
});
