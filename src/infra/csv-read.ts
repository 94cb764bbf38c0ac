/**
 * The one CSV reader. Every file a user hands us (bulk capture, bulk links, a lines file, a ledger) is read
 * the same way: decoded whatever its encoding (text-file.ts), the delimiter taken from the header line
 * (comma, semicolon as Excel saves in most of Europe, or tab), blank lines skipped, fields trimmed, rows
 * of any length returned so the caller can name a short or long row itself. A file csv-parse cannot read
 * is refused with the row, the column and the cause in plain words, and the offending value echoed short.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { CsvError } from 'csv-parse';
import { ValidationError } from '../errors.js';
import { readInputFile } from './input-file.js';
import { about, decodeText, detectEncoding, readTextFile } from './text-file.js';

export type CsvDelimiter = ',' | ';' | '\t';

/** The delimiter that occurs most often on the header line (comma on a tie or a one-column file). */
export function detectDelimiter(text: string): CsvDelimiter {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const counts = ([',', ';', '\t'] as const).map((d) => [d, header.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[0] ?? ',';
}

const MAX_ECHO = 40;

/** A value for an error message: quoted, one line, at most 40 characters. */
export function echoValue(value: string): string {
  const flat = value.replace(/\s+/g, ' ');
  return JSON.stringify(flat.length > MAX_ECHO ? `${flat.slice(0, MAX_ECHO)}…` : flat);
}

const CAUSES: Record<string, string> = {
  CSV_INVALID_CLOSING_QUOTE: 'a quoted value is followed by more text before the delimiter; quote the whole value and double any quote inside it ("")',
  CSV_QUOTE_NOT_CLOSED: 'a quoted value is never closed; add the closing quote',
  INVALID_OPENING_QUOTE: 'a quote appears inside an unquoted value; quote the whole value and double the quote inside it ("")',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'the row has a different number of values than the header',
  CSV_MAX_RECORD_SIZE: 'the row is too long',
};

/** Where and why csv-parse stopped, in words a spreadsheet user can act on. */
function describeCsvError(error: CsvError, field: string, file: string, text: string): string {
  const line = typeof error.lines === 'number' && error.lines > 0 ? error.lines : undefined;
  const column = typeof error.index === 'number' ? error.index + 1 : undefined;
  const where = [line === undefined ? undefined : `row ${line}`, column === undefined ? undefined : `column ${column}`].filter(Boolean).join(', ');
  const cause = CAUSES[error.code] ?? 'it cannot be read as CSV';
  const raw = line === undefined ? undefined : text.split(/\r?\n/)[line - 1];
  const echo = raw === undefined || raw.trim() === '' ? '' : ` (row text: ${echoValue(raw)})`;
  return `${about(field, file)}is not valid CSV${where ? ` at ${where}` : ''}: ${cause}${echo}`;
}

/** Parses CSV text into rows of trimmed strings (the first row is the header, if the file has one); blank lines are skipped. */
export async function parseCsv(text: string, field: string, file: string): Promise<string[][]> {
  return (await parseCsvNumbered(text, field, file)).rows;
}

/**
 * Parses CSV text into its non-blank rows, each with its row number as a spreadsheet (and a text editor,
 * for one-line rows) numbers it: the first row is 1, and a blank line is a row too, so the rows after it
 * keep their numbers; a quoted value spanning lines keeps its row one row.
 */
export async function parseCsvNumbered(text: string, field: string, file: string): Promise<{ rows: string[][]; numbers: number[] }> {
  const { parse } = await import('csv-parse/sync');
  const body = text.replace(/^\uFEFF/, '');
  let records: string[][];
  try {
    records = parse(body, { delimiter: detectDelimiter(body), relax_column_count: true, skip_empty_lines: false, trim: true });
  } catch (error) {
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
      throw ValidationError.single(field, describeCsvError(error as CsvError, field, file, body));
    }
    throw error;
  }
  const rows: string[][] = [];
  const numbers: number[] = [];
  records.forEach((record, i) => {
    if (record.length === 1 && record[0] === '') return;
    rows.push(record);
    numbers.push(i + 1);
  });
  return { rows, numbers };
}

/** Reads, decodes and parses a CSV file; every failure is a ValidationError on `field` naming the file. */
export async function readCsvFile(file: string, field: string): Promise<string[][]> {
  return parseCsv(readTextFile(file, field), field, file);
}

/**
 * Header (trimmed, lower-cased) and one record per data row keyed by it; a row longer than the header is
 * refused. `numbers` are the rows' numbers in the file (parseCsvNumbered); without them row N is the Nth.
 */
export function keyedRows(rows: readonly string[][], field: string, file: string, numbers?: readonly number[]): { header: string[]; records: Record<string, string>[]; numbers: number[] } {
  const [first, ...data] = rows;
  const header = (first ?? []).map((h) => h.trim().toLowerCase());
  const numberOf = (i: number): number => numbers?.[i + 1] ?? i + 2;
  const records = data.map((row, i) => {
    if (row.length > header.length) {
      throw ValidationError.single(field, `${about(field, file)}row ${numberOf(i)} has ${row.length} values; the header has ${header.length}`);
    }
    return Object.fromEntries(header.map((h, c) => [h, row[c] ?? '']));
  });
  return { header, records, numbers: data.map((_, i) => numberOf(i)) };
}

/** A CSV row and its number in the file (parseCsvNumbered). */
export interface NumberedRecord {
  record: string[];
  number: number;
}

/**
 * A CSV file's non-blank rows with their numbers, read a chunk at a time: the rows, numbers and errors of
 * parseCsvNumbered over readTextFile, without the whole text or every row in memory at once. A file
 * that fails to decode or parse is read again whole, so its error is word for word the one-shot reader's
 * (a file that cannot be read or decoded is refused on `textField`, a row that is not CSV on `field`).
 * A file without quotes or carriage returns is split by lines and delimiters (plainCsvRecords), as
 * csv-parse would split it; at the first chunk that has one, csv-parse reads on from the start of the
 * file, past the rows already given. Messages name the file `name`: its path, or what it holds (`stdin`,
 * kept in a file while it is read).
 */
export async function* streamCsvFileNumbered(file: string, field: string, textField = field, name = file): AsyncGenerator<NumberedRecord> {
  const given = { records: 0 };
  try {
    if (yield* plainCsvRecords(file, given)) return;
    yield* parsedCsvRecords(file, given.records);
  } catch (error) {
    // The one-shot reader names the cause (encoding, row and column) as every other CSV's message does.
    await parseCsvNumbered(readNamedText(file, textField, name), field, name);
    throw error;
  }
}

/** The file's text up to the end of its header line (BOM removed), and whether that is all of it. */
async function headerText(chunks: AsyncGenerator<string>): Promise<{ head: string; ended: boolean }> {
  // The delimiter is taken from the header line, so the text is held until that line is complete.
  let head = '';
  let ended = false;
  while (!ended && !head.includes('\n')) {
    const next = await chunks.next();
    if (next.done === true) ended = true;
    else head += next.value;
  }
  return { head: head.replace(/^\uFEFF/, ''), ended };
}

/** Text csv-parse reads as lines split at each delimiter: no quote (no quoted value) and no carriage return (every line ends in "\n"). */
const plainText = (text: string): boolean => !text.includes('"') && !text.includes('\r');

/** What csv-parse's `trim` drops before a value (its own list: CR, LF, form feed, space, tab); after one it drops any whitespace. */
const LEADING_TRIM = new Set([13, 10, 12, 32, 9]);

function trimmedValue(value: string): string {
  let start = 0;
  while (start < value.length && LEADING_TRIM.has(value.charCodeAt(start))) start++;
  return (start === 0 ? value : value.slice(start)).trimEnd();
}

/** One line of plain text (plainText) as csv-parse reads it with `trim` and the delimiter (comma or semicolon). */
export function plainCsvRecord(line: string, delimiter: ',' | ';'): string[] {
  return line.split(delimiter).map(trimmedValue);
}

/**
 * The records of a file of plain text (plainText, comma or semicolon), `given.records` counting each one
 * given (blank lines too, as they keep their numbers). True when the file ended plain; false as soon as a
 * chunk is not (or the delimiter is a tab, which `trim` would also drop): the caller reads on with csv-parse.
 */
async function* plainCsvRecords(file: string, given: { records: number }): AsyncGenerator<NumberedRecord, boolean> {
  const chunks = decodedChunks(file);
  try {
    const header = await headerText(chunks);
    let { ended } = header;
    const delimiter = detectDelimiter(header.head);
    if (delimiter === '\t' || !plainText(header.head)) return false;
    let rest = header.head;
    for (;;) {
      const cut = rest.lastIndexOf('\n');
      if (cut !== -1) {
        for (const line of rest.slice(0, cut).split('\n')) {
          const record = plainCsvRecord(line, delimiter);
          given.records += 1;
          if (!(record.length === 1 && record[0] === '')) yield { record, number: given.records };
        }
        rest = rest.slice(cut + 1);
      }
      if (ended) break;
      const next = await chunks.next();
      if (next.done === true) ended = true;
      else if (!plainText(next.value)) return false;
      else rest += next.value;
    }
    // The last line, when the file does not end with a line break.
    if (rest !== '') {
      const record = plainCsvRecord(rest, delimiter);
      given.records += 1;
      if (!(record.length === 1 && record[0] === '')) yield { record, number: given.records };
    }
    return true;
  } finally {
    await chunks.return(undefined);
  }
}

/** The file's records as csv-parse reads them, from the start, leaving out the first `skip` (given already). */
async function* parsedCsvRecords(file: string, skip: number): AsyncGenerator<NumberedRecord> {
  const chunks = decodedChunks(file);
  let source: Readable | undefined;
  try {
    const { head, ended } = await headerText(chunks);
    const { parse } = await import('csv-parse');
    const parser = parse({ delimiter: detectDelimiter(head), relax_column_count: true, skip_empty_lines: false, trim: true });
    async function* text(): AsyncGenerator<string> {
      if (head !== '') yield head;
      if (ended) return;
      for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) if (next.value !== '') yield next.value;
    }
    source = Readable.from(text(), { objectMode: false });
    source.on('error', (error) => parser.destroy(error));
    let index = 0;
    for await (const record of source.pipe(parser) as AsyncIterable<string[]>) {
      index += 1;
      if (index <= skip || (record.length === 1 && record[0] === '')) continue;
      yield { record, number: index };
    }
  } finally {
    // A reader that stops early (a refused row, a stopped run) closes the file now, not when collected.
    source?.destroy();
    await chunks.return(undefined);
  }
}

/** The file's text, whole, decoded as readTextFile decodes it; messages name the file `name`. */
function readNamedText(file: string, field: string, name: string): string {
  return decodeText(readInputFile(file, field), field, name);
}

/**
 * A text file's lines (without their line ends; a last empty line after a final line end is not one),
 * decoded a chunk at a time as readTextFile decodes the whole: a file that cannot be read or decoded is
 * refused on `field` with readTextFile's message, naming the file `name`.
 */
export async function* streamTextLines(file: string, field: string, name = file): AsyncGenerator<string> {
  const chunks = decodedChunks(file);
  try {
    let rest = '';
    for (let next = await chunks.next(); next.done !== true; next = await chunks.next()) {
      const lines = (rest + next.value).split(/\r?\n/);
      // The last piece is a line the chunk cut (with the CR of a CRLF, maybe): it waits for the next chunk.
      rest = lines.pop() ?? '';
      yield* lines;
    }
    if (rest !== '') yield rest.replace(/\r$/, '');
  } catch (error) {
    readNamedText(file, field, name);
    throw error;
  } finally {
    await chunks.return(undefined);
  }
}

/** The file decoded a chunk at a time, as decodeText decodes it whole (BOM removed). */
export async function* decodedChunks(file: string): AsyncGenerator<string> {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 })) {
    let bytes = chunk as Buffer;
    if (decoder === undefined) {
      const encoding = detectEncoding(bytes);
      bytes = bytes.subarray(encoding === 'utf-8-bom' ? 3 : encoding === 'utf-8' ? 0 : 2);
      decoder = new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding, { fatal: true, ignoreBOM: true });
    }
    yield decoder.decode(bytes, { stream: true });
  }
  if (decoder !== undefined) yield decoder.decode();
}
