/**
 * The streamed CSV reader gives exactly the one-shot reader's rows and numbers (csv-parse over the whole
 * text), whichever way it reads: a file without quotes or carriage returns is split by lines and
 * delimiters, any other is handed to csv-parse, from the first chunk that needs it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsvNumbered, streamCsvFileNumbered, type NumberedRecord } from '../../../src/infra/csv-read.js';

const dir = mkdtempSync(join(tmpdir(), 'csv-stream-'));
let files = 0;

const PATH = (): string => join(dir, `f${files}.csv`);

async function streamed(text: string): Promise<NumberedRecord[]> {
  writeFileSync(PATH(), text);
  const out: NumberedRecord[] = [];
  for await (const r of streamCsvFileNumbered(PATH(), 'from')) out.push(r);
  return out;
}

async function oneShot(text: string): Promise<NumberedRecord[]> {
  files += 1;
  const { rows, numbers } = await parseCsvNumbered(text, 'from', PATH());
  return rows.map((record, i) => ({ record, number: numbers[i] as number }));
}

describe('streamCsvFileNumbered', () => {
  // Every character the plain split treats specially, whitespace csv-parse trims on one side only, and the
  // ones that send a file to csv-parse (a quote, a carriage return).
  const char = fc.constantFrom('a', 'b', 'é', ',', ';', '\t', ' ', '\n', '\n', '\f', '\u00a0', '\u2028', '"', '\r');
  const plainChar = fc.constantFrom('a', 'b', 'é', ',', ';', ' ', '\n', '\n', '\f', '\u00a0', '\u2028');

  it('gives the one-shot reader rows and numbers for any text (class: blank lines, whitespace, delimiters, quotes, CR)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(char, { maxLength: 40 }), fc.array(plainChar, { maxLength: 40 })), async (chars) => {
        const text = chars.join('');
        let expected: NumberedRecord[] | Error;
        try {
          expected = await oneShot(text);
        } catch (error) {
          expected = error as Error;
        }
        if (expected instanceof Error) await expect(streamed(text)).rejects.toThrow(expected.message);
        else expect(await streamed(text)).toEqual(expected);
      }),
      { numRuns: 1500 },
    );
  });

  it('reads a file of many chunks split plainly, and one that turns quoted past its first chunk, as the one-shot reader does', async () => {
    const lines = Array.from({ length: 12_000 }, (_, i) => (i % 97 === 0 ? '' : `order-${i}; ${i % 7 === 0 ? ' ' : ''}${i} ,x\u00a0`));
    const plain = `order_id;amount;note\n${lines.join('\n')}\n`;
    expect(plain.length).toBeGreaterThan(3 * (1 << 16));
    expect(await streamed(plain)).toEqual(await oneShot(plain));
    const quotedLate = `${plain}"order-x; quoted";1;"a ""b"""\nlast;2`;
    expect(await streamed(quotedLate)).toEqual(await oneShot(quotedLate));
    const crLate = `${plain}order-y;3\r\norder-z;4\r\n`;
    expect(await streamed(crLate)).toEqual(await oneShot(crLate));
  });
});
