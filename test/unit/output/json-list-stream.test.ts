import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { selectingStdout } from '../../../src/output/json-fields.js';
import { JSON_CHUNK_CHARS, writeJsonPages } from '../../../src/output/json-list-stream.js';

/** A stdout that records each write and is slow to drain, so the writer must wait for it. */
function slowStdout(): { stdout: Writable; writes: string[]; text: () => string } {
  const writes: string[] = [];
  const stdout = new Writable({
    highWaterMark: 16,
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk.toString());
      setImmediate(done);
    },
  });
  return { stdout, writes, text: () => writes.join('') };
}

async function* pagesOf<T>(pages: T[][]): AsyncIterable<T[]> {
  for (const page of pages) yield page;
}

const row = (i: number) => ({ id: `o${i}`, amount: i * 100, customer: { email: `a${i}@example.com`, name: 'Ada "A" \n Lovelace' }, lines: [{ q: 1 }, { q: i }], none: null });

describe('writeJsonPages', () => {
  it.each([
    ['no rows', []],
    ['empty pages only', [[], []]],
    ['one row', [[row(1)]]],
    ['several pages, one empty', [[row(1), row(2)], [], [row(3)], [row(4), row(5), row(6)]]],
  ])('writes the bytes JSON.stringify(list, null, 2) writes: %s', async (_name, pages) => {
    const out = slowStdout();
    await writeJsonPages(out, pagesOf(pages), (rows) => rows.map((r) => ({ ...r })));
    expect(out.text()).toBe(`${JSON.stringify(pages.flat(), null, 2)}\n`);
  });

  it('writes one chunk per page, never the whole list at once', async () => {
    const out = slowStdout();
    const pages = Array.from({ length: 5 }, (_, p) => Array.from({ length: 3 }, (_, i) => row(p * 3 + i)));
    await writeJsonPages(out, pagesOf(pages), (rows) => rows);
    expect(out.writes.length).toBe(6);
    expect(JSON.parse(out.text())).toEqual(pages.flat());
  });

  it('writes a large page in chunks of bounded size, with the same bytes', async () => {
    const out = slowStdout();
    // Rows of every JSON kind, with text that JSON escapes (quotes, newlines, control characters, non-ASCII).
    const big = (i: number) => ({ ...row(i), note: `"å\u0001\t${'x'.repeat(i % 300)}"\n`, nested: { deep: [[], {}, [null, true, 1.5e-7]] }, gone: undefined });
    const pages = [Array.from({ length: 400 }, (_, i) => big(i)), [big(400)]];
    await writeJsonPages(out, pagesOf(pages), (rows) => rows);
    expect(out.text()).toBe(`${JSON.stringify(pages.flat(), null, 2)}\n`);
    // The page is about 200,000 characters: it goes out in chunks of about JSON_CHUNK_CHARS.
    expect(out.writes.length).toBeGreaterThan(6);
    for (const chunk of out.writes) expect(chunk.length).toBeLessThan(3 * JSON_CHUNK_CHARS);
  });

  it('applies a --json field selection to every page, as a whole document would be', async () => {
    const out = slowStdout();
    const selecting = selectingStdout(out.stdout, ['amount', 'id']);
    const pages = [[row(1), row(2)], [row(3)]];
    await writeJsonPages({ stdout: selecting }, pagesOf(pages), (rows) => rows);
    expect(out.text()).toBe(`${JSON.stringify(pages.flat().map((r) => ({ amount: r.amount, id: r.id })), null, 2)}\n`);
  });

  it('refuses an unknown field before writing anything', async () => {
    const out = slowStdout();
    const selecting = selectingStdout(out.stdout, ['nope']);
    await expect(writeJsonPages({ stdout: selecting }, pagesOf([[row(1)]]), (rows) => rows)).rejects.toThrow(/no field "nope"/);
    expect(out.text()).toBe('');
  });
});
