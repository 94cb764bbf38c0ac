/**
 * A `links create --from` file is read a chunk at a time, twice, and says what the one-shot reader (the
 * whole text parsed, then keyed by the header) says: the same rows and row numbers, and the same message
 * for a file that cannot be read as rows, whatever its encoding, delimiter, blank lines or quoted line
 * breaks. Neither the text nor the rows are held: rows near the end of a large file are read from the
 * file only after the first row has been handed on.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../src/errors.js';
import { keyedRows, parseCsvNumbered } from '../../../../src/infra/csv-read.js';
import { readTextFile } from '../../../../src/infra/text-file.js';
import { BULK_COLUMNS } from '../../../../src/services/links/bulk-create-links.js';
import { readBulkLinkInput, type BulkLinkRow } from '../../../../src/services/links/bulk-link-input.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'links-input-'));

/** The one-shot reader: the whole text parsed, keyed by the header, then checked for rows and columns. */
async function oneShot(file: string): Promise<BulkLinkRow[]> {
  const parsed = await parseCsvNumbered(readTextFile(file, 'from'), 'from', file);
  const { records: rows, numbers } = keyedRows(parsed.rows, 'from', file, parsed.numbers);
  if (rows.length === 0) throw ValidationError.single('from', `${file} has no rows (expected a header row, then one link per row)`);
  const unknown = Object.keys(rows[0] ?? {}).filter((k) => !(BULK_COLUMNS as readonly string[]).includes(k));
  if (unknown.length > 0) throw ValidationError.single('from', `${file} has unknown column(s) ${unknown.join(', ')}; known: ${BULK_COLUMNS.join(', ')}`);
  return rows.map((raw, i) => ({ row: numbers[i] ?? i + 2, raw }));
}

async function streamed(file: string): Promise<BulkLinkRow[]> {
  const input = await readBulkLinkInput({ from: file, stdin: Readable.from([]), stdinIsTTY: false, dataDir: dir(), columns: BULK_COLUMNS });
  const rows: BulkLinkRow[] = [];
  for await (const row of input.rows()) rows.push(row);
  expect(input.count).toBe(rows.length);
  return rows;
}

async function outcome(read: () => Promise<BulkLinkRow[]>): Promise<unknown> {
  try {
    return { rows: await read() };
  } catch (error) {
    if (error instanceof ValidationError) return { error: error.message, issues: error.issues };
    throw error;
  }
}

const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string): Buffer => Buffer.from(utf16le(text).swap16());
const utf8bom = (text: string): Buffer => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
const encodings: Record<string, (text: string) => Buffer> = { 'UTF-8': (t) => Buffer.from(t, 'utf8'), 'UTF-8 with BOM': utf8bom, 'UTF-16 LE': utf16le, 'UTF-16 BE': utf16be };

// Spans several read chunks, with quoted line breaks and multi-byte characters across their edges.
const many = Array.from({ length: 2500 }, (_, i) => `se-demo;L-${i};${i};"name=Tröja åäö €${i}\nrad två,price=1,tax=25";${i % 9 === 0 ? '' : 'a=1'}`).join('\r\n');

const documents: Record<string, string> = {
  'comma, blank lines and a quoted line break': 'store,link_reference,reference,lines\n\nse-demo,L-1,1,"name=A,price=1,tax=25"\n\n,L-2,2,"two\nlines"\n  \nse-demo,L-3,3,x\n',
  'semicolon, mixed-case header': 'Store;LINK_REFERENCE;Reference;Amount\nse-demo;L-1;1;12,50\n',
  'tab': 'store\tlink_reference\treference\tamount\nse-demo\tL-1\t1\t10\n',
  'an unknown column': 'store,link_reference,colour\nse-demo,L-1,red\n',
  'an unknown column and a long row (the long row is named)': 'store,colour\nse-demo,red,9\n',
  'a long row, then a broken quote (the broken quote is named)': 'store,link_reference\nse-demo,L-1,extra\nse-demo,"L-2\n',
  'a long row far down a long file': `store,link_reference\n${Array.from({ length: 5000 }, (_, i) => `se-demo,L-${i}`).join('\n')}\nse-demo,L-x,extra\n`,
  'a header without rows': 'store,link_reference\n\n',
  'empty': '',
  'blank lines only': '\n\n\n',
  'a quote inside a value': 'store,description\nse-demo,say "hi"\n',
  'a duplicated header name': 'store,reference,Store\nse-demo,1,other\n',
  'many rows over several chunks': `store;link_reference;reference;lines;notes\r\n${many}\r\n`,
};

describe('links create --from read a chunk at a time', () => {
  for (const [encoding, encode] of Object.entries(encodings)) {
    for (const [name, text] of Object.entries(documents)) {
      it(`${encoding}, ${name}: the rows, numbers and messages of the one-shot reader`, async () => {
        const file = join(dir(), 'links.csv');
        writeFileSync(file, encode(text));
        expect(await outcome(() => streamed(file))).toEqual(await outcome(() => oneShot(file)));
      });
    }
  }

  it('a file that is not valid text, a missing file and a folder: the one-shot reader\'s messages', async () => {
    const folder = dir();
    const latin1 = join(folder, 'latin1.csv');
    writeFileSync(latin1, Buffer.concat([Buffer.from('store,description\nse-demo,'), Buffer.from([0xe5, 0x0a])]));
    for (const file of [latin1, join(folder, 'missing.csv'), folder]) {
      expect(await outcome(() => streamed(file))).toEqual(await outcome(() => oneShot(file)));
    }
  });

  it('reads the rows from the file as they are taken: a row near the end changed after the first is taken is read changed', async () => {
    const file = join(dir(), 'large.csv');
    const rows = Array.from({ length: 20_000 }, (_, i) => `se-demo,L-${String(i).padStart(5, '0')},${i},"name=Item ${i},price=10,tax=25"`);
    writeFileSync(file, `store,link_reference,reference,lines\n${rows.join('\n')}\n`);
    const input = await readBulkLinkInput({ from: file, stdin: Readable.from([]), stdinIsTTY: false, dataDir: dir(), columns: BULK_COLUMNS });
    expect(input.count).toBe(20_000);
    const reading = input.rows()[Symbol.asyncIterator]();
    const first = await reading.next();
    expect(first.value).toMatchObject({ row: 2, raw: { link_reference: 'L-00000' } });
    // The same length in place: a reader holding the whole text (or every row) would still give L-19999.
    const text = readFileSync(file, 'utf8');
    const fd = openSync(file, 'r+');
    writeSync(fd, 'X', Buffer.byteLength(text.slice(0, text.lastIndexOf('L-19999'))));
    closeSync(fd);
    let last: BulkLinkRow | undefined;
    for (let next = await reading.next(); next.done !== true; next = await reading.next()) last = next.value;
    expect(last).toMatchObject({ row: 20_001, raw: { link_reference: 'X-19999' } });
  });
});
