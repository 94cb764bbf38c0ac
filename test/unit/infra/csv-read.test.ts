import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import { keyedRows, parseCsv, readCsvFile } from '../../../src/infra/csv-read.js';
import { decodeText, detectEncoding } from '../../../src/infra/text-file.js';

const dir = mkdtempSync(join(tmpdir(), 'csv-read-'));
const file = (name: string, bytes: Uint8Array | string): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};
const utf16 = (text: string, endian: 'le' | 'be'): Buffer => {
  const le = Buffer.from(text, 'utf16le');
  if (endian === 'le') return Buffer.concat([Buffer.from([0xff, 0xfe]), le]);
  const be = Buffer.from(le);
  be.swap16();
  return Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
};
const EXPECTED = [['order_id', 'amount'], ['Mössa-1', '10,50']];

async function refusal(run: () => unknown): Promise<ValidationError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('expected a ValidationError');
}

describe('readCsvFile: every encoding a spreadsheet saves, every delimiter', () => {
  const text = 'order_id;amount\r\nMössa-1;10,50\r\n';
  it.each([
    ['UTF-8', Buffer.from(text, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['UTF-16 LE with BOM', utf16(text, 'le')],
    ['UTF-16 BE with BOM', utf16(text, 'be')],
  ])('%s, semicolon-separated', async (_name, bytes) => {
    expect(await readCsvFile(file('in.csv', bytes), 'from')).toEqual(EXPECTED);
  });

  it.each([',', '\t', ';'])('takes the delimiter %j from the header line and trims values', async (d) => {
    expect(await parseCsv(`order_id${d}amount\n Mössa-1 ${d}"10,50"\n\n`, 'from', 'x.csv')).toEqual(EXPECTED);
  });

  it('refuses text that is not UTF-8, naming the file and the encoding', async () => {
    const latin1 = file('latin1.csv', Buffer.from('order_id\nM\xf6ssa\n', 'latin1'));
    const error = await refusal(() => readCsvFile(latin1, 'from'));
    expect(error.message).toBe(`from: ${latin1} is not valid UTF-8 text; save it as "CSV UTF-8" (or UTF-8 text) and try again`);
  });

  it('names UTF-16 without a byte order mark when it sees one', () => {
    const bytes = Buffer.from('order_id\n\ud800x', 'utf16le');
    expect(detectEncoding(bytes)).toBe('utf-8');
    expect(() => decodeText(Buffer.concat([bytes, Buffer.from([0xc3])]), 'from', 'a.csv')).toThrow(/UTF-16 without a byte order mark/);
  });

  it('an unreadable file names the field and the file', async () => {
    const error = await refusal(() => readCsvFile(join(dir, 'missing.csv'), '--ledger'));
    expect(error.message).toMatch(/^--ledger: .*missing\.csv does not exist$/);
  });
});

describe('parseCsv: broken CSV in plain words', () => {
  it.each([
    ['a stray quote after a quoted value', 'a,b\n"x"y,2\n', /at row 2, column 1: a quoted value is followed by more text/],
    ['a quote never closed', 'a,b\n1,"open\n', /at row \d, column \d: a quoted value is never closed/],
    ['a quote inside an unquoted value', 'a,b\n1,x"y\n', /at row 2, column 2: a quote appears inside an unquoted value/],
  ])('%s: row, column and cause, never the parser\'s wording', async (_name, text, pattern) => {
    const error = await refusal(() => parseCsv(text, 'from', 'bulk.csv'));
    expect(error.message).toMatch(/^from: bulk\.csv is not valid CSV/);
    expect(error.message).toMatch(pattern);
    expect(error.message).not.toMatch(/Invalid|Quote Not Closed|got "/);
  });

  it('echoes the row truncated', async () => {
    const long = `1,"x"${'y'.repeat(200)}`;
    const error = await refusal(() => parseCsv(`a,b\n${long}\n`, 'f.csv', 'f.csv'));
    expect(error.message).toContain(`(row text: ${JSON.stringify(`${long.slice(0, 40)}…`)})`);
    expect(error.message).toMatch(/^f\.csv: is not valid CSV/);
  });
});

describe('keyedRows', () => {
  it('keys rows by the lower-cased header; a short row gets empty values', () => {
    expect(keyedRows([[' Order_ID ', 'Amount'], ['1']], 'from', 'f.csv').records).toEqual([{ order_id: '1', amount: '' }]);
  });

  it('refuses a row longer than the header, naming the row', () => {
    expect(() => keyedRows([['a'], ['1', '2']], 'from', 'f.csv')).toThrow('from: f.csv row 2 has 2 values; the header has 1');
  });
});
