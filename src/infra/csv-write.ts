/**
 * The one CSV writer: every CSV the tool produces (list output, settlement exports, bulk results files) is
 * written with csv-stringify's quoting and casting, so a value that round-trips through one of them
 * round-trips through all: by csv-stringify itself, or, for settlement exports of millions of rows, by
 * `csvRecordEncoder` (the same bytes, proved by its test). csv-stringify is loaded on first use: most
 * commands never write CSV.
 */
import type { Transform } from 'node:stream';

export interface CsvWriteOptions {
  /** Header row; with array rows it names the columns, with object rows it also picks and orders them. */
  columns?: readonly string[] | undefined;
  delimiter?: string | undefined;
  /** A UTF-8 byte order mark first (Excel needs it to read UTF-8). */
  bom?: boolean | undefined;
  /** CRLF line ends (what Excel writes) instead of LF. */
  crlf?: boolean | undefined;
}

function stringifyOptions(options: CsvWriteOptions) {
  return {
    header: true,
    ...(options.columns ? { columns: [...options.columns] } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(options.crlf ? { record_delimiter: 'windows' as const } : {}),
    // A lone CR or LF in a cell is quoted with CRLF records too (csv-stringify's default quotes it only
    // with its default LF records), so a parser never reads it as the end of a record.
    quote_record_delimiter: true,
    bom: Boolean(options.bom),
    cast: { string: (v: string) => v },
  };
}

/** A whole CSV document. Object rows without `columns` take the first row's keys as the header. */
export async function csvText(rows: readonly (readonly unknown[])[] | readonly Record<string, unknown>[], options: CsvWriteOptions = {}): Promise<string> {
  const { stringify } = await import('csv-stringify/sync');
  return stringify(rows as unknown[], stringifyOptions(options));
}

/**
 * csv-stringify's rule for string cells, as one function per record, for exports of millions of rows
 * where csv-stringify's per-record work is most of the cost: a cell is quoted when it holds the
 * delimiter, a quote, CR or LF, and a quote inside is doubled; an empty cell stays empty. The bytes are
 * csv-stringify's own with the options above (test/unit/infra/csv-write.test.ts compares them over every class of cell).
 */
export function csvRecordEncoder(options: Pick<CsvWriteOptions, 'delimiter' | 'crlf'> = {}): (cells: readonly string[]) => string {
  const delimiter = options.delimiter ?? ',';
  const end = options.crlf ? '\r\n' : '\n';
  const cell = csvCellEncoder(delimiter);
  return (cells) => {
    let line = '';
    for (let i = 0; i < cells.length; i++) line += i === 0 ? cell(cells[i] as string) : delimiter + cell(cells[i] as string);
    return line + end;
  };
}

/** The characters csv-stringify quotes a cell for, as the inside of a regular expression's character class. */
function specialClass(delimiter: string): string {
  if (delimiter.length !== 1) throw new Error('csvRecordEncoder: the delimiter is one character');
  return `"\\r\\n${classEscaped(delimiter)}`;
}

function classEscaped(characters: string): string {
  return characters.replace(/[\\\]^-]/g, '\\$&');
}

/** One cell by csvRecordEncoder's rule. */
export function csvCellEncoder(delimiter = ','): (value: string) => string {
  const special = new RegExp(`[${specialClass(delimiter)}]`);
  return (value) => (special.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
}

/**
 * A test for `count` cells already joined by the delimiter: true only when every cell is written as it
 * is (nothing csv-stringify quotes for, so the text holds exactly the `count - 1` joining delimiters) and
 * no cell starts with one of `notFirst`. Such text is its cells' CSV as it stands.
 */
export function csvPlainCells(count: number, delimiter: string, notFirst = ''): RegExp {
  const special = specialClass(delimiter);
  const cell = `(?:[^${special}${classEscaped(notFirst)}][^${special}]*)?`;
  const join = delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${cell}(?:${join}${cell}){${count - 1}}$`);
}

/** What csv-stringify writes before the first record: the byte order mark (when asked) and the header. */
export function csvPreamble(columns: readonly string[], options: Pick<CsvWriteOptions, 'delimiter' | 'crlf' | 'bom'> = {}): string {
  return `${options.bom ? '\uFEFF' : ''}${csvRecordEncoder(options)(columns)}`;
}

/** A transform from records (objects keyed by `columns`) to CSV text, for results too large to hold. */
export async function csvStream(options: CsvWriteOptions): Promise<Transform> {
  const { stringify } = await import('csv-stringify');
  return stringify(stringifyOptions(options));
}
