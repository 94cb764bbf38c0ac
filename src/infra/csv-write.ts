/**
 * The one CSV writer: every CSV the tool produces (list output, settlement exports, bulk results files) is
 * written by csv-stringify with the same quoting and casting, so a value that round-trips through one of
 * them round-trips through all. csv-stringify is loaded on first use: most commands never write CSV.
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
    bom: Boolean(options.bom),
    cast: { string: (v: string) => v },
  };
}

/** A whole CSV document. Object rows without `columns` take the first row's keys as the header. */
export async function csvText(rows: readonly (readonly unknown[])[] | readonly Record<string, unknown>[], options: CsvWriteOptions = {}): Promise<string> {
  const { stringify } = await import('csv-stringify/sync');
  return stringify(rows as unknown[], stringifyOptions(options));
}

/** A transform from records (objects keyed by `columns`) to CSV text, for exports too large to hold. */
export async function csvStream(options: CsvWriteOptions): Promise<Transform> {
  const { stringify } = await import('csv-stringify');
  return stringify(stringifyOptions(options));
}
