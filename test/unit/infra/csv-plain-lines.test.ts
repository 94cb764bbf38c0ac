/**
 * A CSV file read a chunk at a time splits plain lines itself and hands the rest to csv-parse: the rows and
 * their numbers must be csv-parse's, whatever the text. Compared here against the one-shot reader (csv-parse
 * over the whole text) on seeded random texts built from the characters that decide how a line splits:
 * delimiters, blanks of each kind, quotes, carriage returns, blank lines, non-ASCII letters, a missing last
 * newline, and files past one read chunk where the first quote comes late.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvNumbered, streamCsvFileNumbered } from '../../../src/infra/csv-read.js';
import { mulberry32 } from '../../../src/infra/prng.js';

const dir = mkdtempSync(join(tmpdir(), 'csv-plain-'));
let files = 0;

async function streamed(text: string): Promise<{ rows: string[][]; numbers: number[] }> {
  const path = join(dir, `f${files++}.csv`);
  writeFileSync(path, text);
  const rows: string[][] = [];
  const numbers: number[] = [];
  for await (const { record, number } of streamCsvFileNumbered(path, 'from')) {
    rows.push(record);
    numbers.push(number);
  }
  return { rows, numbers };
}

/** Both readers' answer: the rows and numbers, or the error's message. */
async function outcome(read: () => Promise<{ rows: string[][]; numbers: number[] }>): Promise<unknown> {
  try {
    return await read();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

const PLAIN_PIECES = ['a', 'B7', '-', '_', ',', ';', '\t', ' ', '  ', '\n', '\n', '\n\n', 'x y', '1.5'];
const OTHER_PIECES = ['"', '""', '"q,"', '\r\n', '\r', 'ö', '\u00a0', '\f', '\v'];

function randomText(rng: () => number, length: number, withOthers: boolean): string {
  const pieces = withOthers ? [...PLAIN_PIECES, ...OTHER_PIECES] : PLAIN_PIECES;
  let text = rng() < 0.5 ? 'order_id' : 'order_id;amount';
  while (text.length < length) text += pieces[Math.floor(rng() * pieces.length)];
  return text;
}

describe('plain lines read a chunk at a time', () => {
  it('gives csv-parse\'s rows and numbers for plain texts (blank lines, blanks around values, no last newline)', async () => {
    const rng = mulberry32(15);
    for (let i = 0; i < 300; i++) {
      const text = randomText(rng, 5 + Math.floor(rng() * 120), false);
      expect(await outcome(() => streamed(text)), JSON.stringify(text)).toEqual(await outcome(() => parseCsvNumbered(text, 'from', 'f.csv')));
    }
  });

  it('gives csv-parse\'s rows, numbers and refusals where quotes, carriage returns or other blanks appear', async () => {
    const rng = mulberry32(16);
    for (let i = 0; i < 300; i++) {
      const text = randomText(rng, 5 + Math.floor(rng() * 120), true);
      const expected = await outcome(() => parseCsvNumbered(text, 'from', 'f.csv'));
      const got = await outcome(() => streamed(text));
      if ((expected as { error?: string }).error !== undefined) expect(got, JSON.stringify(text)).toHaveProperty('error');
      else expect(got, JSON.stringify(text)).toEqual(expected);
    }
  });

  it('switches to csv-parse mid-file, past the first read chunk, keeping the row numbers', async () => {
    const rng = mulberry32(17);
    const ids = Array.from({ length: 4000 }, (_, i) => (i % 97 === 0 ? '' : `id-${i}-${Math.floor(rng() * 1e6)}`));
    for (const late of ['"quoted, late"', 'ö-late', 'line\r']) {
      const text = `order_id,amount\n${ids.map((id, i) => (i === 3500 ? `${late},1` : `${id},${i}`)).join('\n')}\n`;
      expect(text.length).toBeGreaterThan(1 << 16);
      expect(await streamed(text)).toEqual(await parseCsvNumbered(text, 'from', 'f.csv'));
    }
  });
});
