/**
 * Where `links create --from` rows come from: a CSV file, or stdin (`-`), which is kept in a private file
 * (infra/stream-spool.ts) and read as a file is; a terminal on stdin is refused (nothing would ever arrive).
 * As bulk capture reads its input, the file is read a chunk at a time, twice: once now for what makes the
 * file unreadable as rows (not CSV, a row longer than the header, no rows, an unknown column), with the
 * one-shot reader's messages in its order, and once more as every row is validated and prepared; so
 * neither the file's text nor its raw rows are held whole.
 */
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { UsageError, ValidationError } from '../../errors.js';
import { streamCsvFileNumbered } from '../../infra/csv-read.js';
import { spoolStream } from '../../infra/stream-spool.js';
import { about } from '../../infra/text-file.js';

/** A data row keyed by the header's (trimmed, lower-cased) names, and its number as a spreadsheet gives it. */
export interface BulkLinkRow {
  row: number;
  raw: Record<string, string>;
}

export interface BulkLinkInput {
  /** What messages call the input: the file's path, or `stdin`. */
  name: string;
  /** How many data rows it holds. */
  count: number;
  /** The data rows in order, read from the file again at each call, a chunk at a time. */
  rows(): AsyncIterable<BulkLinkRow>;
  /** Frees what the rows are read from (stdin's private file); again: nothing. */
  close(): void;
}

export interface BulkLinkSource {
  /** The `--from` value: a path, or `-` for stdin. */
  from: string;
  stdin: Readable;
  stdinIsTTY: boolean;
  /** The data folder: stdin is kept under its `runs` folder while it is read. */
  dataDir: string;
  /** The columns a row may have; any other is refused. */
  columns: readonly string[];
}

const FIELD = 'from';

export async function readBulkLinkInput(source: BulkLinkSource): Promise<BulkLinkInput> {
  if (source.from !== '-') return checked(source.from, source.from, source.columns, () => undefined);
  if (source.stdinIsTTY) throw new UsageError('--from - reads the CSV from stdin, but stdin is a terminal; pipe a file in.');
  const spooled = await spoolStream(source.stdin, join(source.dataDir, 'runs'), 'stdin');
  try {
    return await checked(spooled.path, 'stdin', source.columns, () => spooled.remove());
  } catch (error) {
    spooled.remove();
    throw error;
  }
}

/**
 * The first pass. A row longer than the header is refused only once the whole file has been read as CSV,
 * since the one-shot reader parses the whole text before it looks at a row's length.
 */
async function checked(file: string, name: string, columns: readonly string[], close: () => void): Promise<BulkLinkInput> {
  let header: string[] | undefined;
  let count = 0;
  let tooLong: ValidationError | undefined;
  for await (const { record, number } of streamCsvFileNumbered(file, FIELD, FIELD, name)) {
    if (header === undefined) {
      header = headerOf(record);
      continue;
    }
    count += 1;
    if (tooLong === undefined && record.length > header.length) tooLong = longRow(name, number, record.length, header.length);
  }
  if (tooLong) throw tooLong;
  if (count === 0 || header === undefined) throw ValidationError.single(FIELD, `${name} has no rows (expected a header row, then one link per row)`);
  const known = header;
  const unknown = Object.keys(keyed(known, [])).filter((k) => !columns.includes(k));
  if (unknown.length > 0) throw ValidationError.single(FIELD, `${name} has unknown column(s) ${unknown.join(', ')}; known: ${columns.join(', ')}`);
  return { name, count, rows: () => dataRows(file, name, known), close };
}

/** The second pass: the rows keyed by the header the first pass read. */
async function* dataRows(file: string, name: string, header: readonly string[]): AsyncGenerator<BulkLinkRow> {
  let first = true;
  for await (const { record, number } of streamCsvFileNumbered(file, FIELD, FIELD, name)) {
    if (first) {
      first = false;
      continue;
    }
    if (record.length > header.length) throw longRow(name, number, record.length, header.length);
    yield { row: number, raw: keyed(header, record) };
  }
}

const headerOf = (record: readonly string[]): string[] => record.map((h) => h.trim().toLowerCase());

const keyed = (header: readonly string[], record: readonly string[]): Record<string, string> => Object.fromEntries(header.map((h, c) => [h, record[c] ?? '']));

const longRow = (name: string, row: number, values: number, columns: number): ValidationError =>
  ValidationError.single(FIELD, `${about(FIELD, name)}row ${row} has ${values} values; the header has ${columns}`);
