/**
 * An object written with one member streamed from an iterable: the text is JSON.stringify(value, null, 2)'s,
 * byte for byte, for every shape a member or an item can take, and it comes in chunks, not whole.
 */
import { describe, expect, it } from 'vitest';
import { prettyJsonWithArray } from '../../../src/output/pretty-json-stream.js';

const streamed = (value: Record<string, unknown>, key: string): string => [...prettyJsonWithArray(value, key, value[key] as Iterable<unknown>)].join('');
const expected = (value: Record<string, unknown>): string => JSON.stringify(value, null, 2);

describe('prettyJsonWithArray', () => {
  const items = [
    { a: 1, nested: { list: [1, [2, { deep: null }]], empty: {}, none: [] }, text: 'quote " backslash \\ newline \n tab \t' },
    'a string',
    42,
    -0,
    null,
    true,
    [],
    {},
    { unicode: 'Åsa Öberg – 東京 😀 \u2028', control: '\u0001' },
    { dropped: undefined, fn: () => 1, kept: 1 },
    undefined,
    () => 1,
    { when: new Date(Date.UTC(2026, 0, 2)) },
    { toJSON: () => ({ replaced: true }) },
  ];

  it('writes what JSON.stringify writes, for items and members of every kind', () => {
    const value = { version: 2, label: 'plan "x"', nothing: null, skipped: undefined, fn: () => 0, at: new Date(Date.UTC(2026, 11, 2)), obj: { b: [1, 2] }, rows: items, after: 'tail' };
    expect(streamed(value, 'rows')).toBe(expected(value));
  });

  it('writes an empty array, the array first or last, and an object with nothing else', () => {
    for (const value of [{ rows: [] }, { rows: [1] }, { rows: [], tail: 1 }, { head: { x: [] }, rows: [{}] }, { skipped: undefined, rows: [1, 2] }]) {
      expect(streamed(value, 'rows')).toBe(expected(value));
    }
  });

  it('hands the text on in chunks while it reads the items one by one', () => {
    const read: number[] = [];
    const rows = function* (): Generator<{ row: number; body: string }> {
      for (let row = 1; row <= 3_000; row += 1) {
        read.push(row);
        yield { row, body: 'x'.repeat(100) };
      }
    };
    const chunks = prettyJsonWithArray({ version: 1, rows: null }, 'rows', rows());
    const first = chunks.next();
    // The first chunk comes once about 64 KB of text is ready, long before the last row is read.
    expect(first.done).toBe(false);
    expect(read.length).toBeLessThan(1_000);
    const text = [first.value as string, ...chunks].join('');
    expect(read).toHaveLength(3_000);
    expect(text).toBe(expected({ version: 1, rows: Array.from({ length: 3_000 }, (_, i) => ({ row: i + 1, body: 'x'.repeat(100) })) }));
  });
});
