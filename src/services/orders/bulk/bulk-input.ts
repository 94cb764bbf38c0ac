/**
 * Bulk-capture input: order IDs as arguments, one per line on stdin (`-`), or a CSV file (`--from`).
 * Each row's problems are collected (row and column named) rather than thrown, so that the problems only
 * visible once the order is read (an amount with too many decimals for its currency, an unknown line, two
 * rows naming one capture) are reported in the same message: one bad row refuses the whole input (exit 2,
 * nothing captured). Only a file that cannot be read as rows at all is refused at once.
 *
 * CSV format: a header row naming the columns (any order; case-insensitive):
 *   order_id | order | reference | merchant_reference   (one of them, required)
 *   amount, lines ("SKU-1:2;SKU-2"), capture_reference, description, carrier, tracking_number, tracking_url
 * A file whose first line is not such a header is read as one order ID/reference per line.
 */
import { parseLineSelection, type LineSelection } from '../../../domain/order-line-selection.js';
import { UsageError, ValidationError, type Issue } from '../../../errors.js';
import { parseCsvNumbered, streamCsvFileNumbered, streamTextLines, type NumberedRecord } from '../../../infra/csv-read.js';
import { intentIssues } from '../capture-request.js';

export interface BulkInputRow {
  /**
   * The row as a spreadsheet numbers it (README "Bulk row numbers"): in a CSV file the header is row 1 and
   * the first data row is row 2; in a list of IDs (arguments, lines) row N is the Nth.
   */
  row: number;
  /** Kustom order ID or merchant reference, as given. */
  order: string;
  amount?: string | undefined;
  lines?: LineSelection[] | undefined;
  capture_reference?: string | undefined;
  description?: string | undefined;
  carrier?: string | undefined;
  tracking_number?: string | undefined;
  tracking_url?: string | undefined;
}

/**
 * The rows that passed the static checks, and every problem found in the others. A file's rows are read
 * again as they are planned (readCsvInputFile); other inputs' are in memory, and are emptied once planned.
 */
export interface BulkInput {
  rows: BulkInputRow[] | AsyncIterable<BulkInputRow>;
  issues: Issue[];
  /** Frees what the rows are read from (stdin's private file) once they have all been read; again: nothing. */
  close?(): void;
}

const ORDER_COLUMNS = ['order_id', 'order', 'reference', 'merchant_reference', 'merchant_reference1'];
const OPTIONAL_COLUMNS = ['amount', 'lines', 'capture_reference', 'description', 'carrier', 'tracking_number', 'tracking_url'];
const AMOUNT = /^\s*\d[\d\s_'\u00A0]*([.,]\d+)?\s*$/;

/**
 * The file's column for a field the single-order checks name: a row's capture reference is its
 * `capture_reference` column, and `--line[2] SKU-1` is the second item of its `lines` column.
 */
export function inputColumn(field: string): string {
  return field.replace(/^--line\[(\d+)\]/, 'lines[$1]').replace(/^reference\b/, 'capture_reference');
}

function checkOrderText(value: string, field: string, issues: Issue[]): void {
  if (value === '') issues.push({ field, rule: 'is empty; give an order ID or merchant reference' });
  else if (/\s/.test(value)) issues.push({ field, rule: `${JSON.stringify(value)} contains spaces; an order ID or reference has none` });
  else if (value.length > 255) issues.push({ field, rule: 'is longer than 255 characters' });
}

/**
 * IDs from arguments, or lines of stdin or of a file (`source` is then its name; blank lines and `#`
 * comments are ignored).
 */
export function parseIdList(lines: readonly string[], source: 'argument' | 'stdin' | { file: string }): BulkInput & { rows: BulkInputRow[] } {
  const issues: Issue[] = [];
  const rows: BulkInputRow[] = [];
  lines.forEach((raw, i) => {
    const row = idRow(raw, i + 1, source, issues);
    if (row) rows.push(row);
  });
  return { rows, issues };
}

/** The Nth ID of a list; undefined for a blank or comment line, or (its problem in `issues`) a bad ID. */
function idRow(raw: string, n: number, source: 'argument' | 'stdin' | { file: string }, issues: Issue[]): BulkInputRow | undefined {
  const text = raw.trim();
  if (source !== 'argument' && (text === '' || text.startsWith('#'))) return undefined;
  const field = source === 'argument' ? `argument ${n}` : `${source === 'stdin' ? 'stdin' : source.file} line ${n}`;
  const before = issues.length;
  checkOrderText(text, field, issues);
  return issues.length === before ? { row: n, order: text } : undefined;
}

/**
 * Reads a bulk-capture CSV file (any encoding infra/text-file.ts decodes). The file is read twice, a chunk
 * at a time: once now, so every problem is known (and a file that is not CSV is refused) before anything
 * else happens, and once more as the plan takes its rows, so a run of any size holds only the rows
 * being planned. Messages name the file `name` (`stdin` for stdin kept in a file).
 */
export async function readCsvInputFile(file: string, name = file): Promise<BulkInput> {
  return readTwice((issues) => csvInputRows(streamCsvFileNumbered(file, name, 'from', name), name, issues));
}

/**
 * Reads a list of order IDs, one per line (stdin kept in a file, named `name` in messages), twice as
 * readCsvInputFile does. A list with neither an ID nor a problem is refused.
 */
export async function readIdListFile(file: string, name: 'stdin'): Promise<BulkInput> {
  const input = await readTwice((issues) => idRows(streamTextLines(file, name), name, issues));
  if (input.issues.length === 0 && input.empty) throw new UsageError(`${name} held no order IDs.`);
  return input;
}

/**
 * The first pass of `rows` keeps only the problems; the rows are read again as they are taken. The second
 * pass adds its problems to the same list: the ones already there are listed once, and a file changed in
 * between is refused rather than planned without its new bad rows.
 */
async function readTwice(rows: (issues: Issue[]) => AsyncIterable<BulkInputRow>): Promise<BulkInput & { empty: boolean }> {
  const issues: Issue[] = [];
  let empty = true;
  for await (const _row of rows(issues)) empty = false;
  return { rows: { [Symbol.asyncIterator]: () => rows(issues)[Symbol.asyncIterator]() }, issues, empty };
}

/** The IDs of a list's lines (as parseIdList reads them), in order; the others' problems go to `issues`. */
async function* idRows(lines: AsyncIterable<string>, source: 'stdin', issues: Issue[]): AsyncGenerator<BulkInputRow> {
  let n = 0;
  for await (const line of lines) {
    n += 1;
    const row = idRow(line, n, source, issues);
    if (row) yield row;
  }
}

/** Parses a CSV document (RFC 4180; delimiter, BOM and errors as infra/csv-read.ts reads every CSV). */
export async function parseCsvInput(text: string, file: string): Promise<BulkInput> {
  const { rows: records, numbers } = await parseCsvNumbered(text, file, file);
  const issues: Issue[] = [];
  const rows: BulkInputRow[] = [];
  const numbered = records.map((record, i) => ({ record, number: numbers[i] ?? i + 1 }));
  for await (const row of csvInputRows(numbered, file, issues)) rows.push(row);
  return { rows, issues };
}

/**
 * The rows of a CSV document that pass the static checks, in order; the others' problems are added to
 * `issues`. A document that cannot be read as rows at all (no rows, a header naming no order column, a
 * list of IDs with a row of several values) is refused with a throw.
 */
async function* csvInputRows(records: Iterable<NumberedRecord> | AsyncIterable<NumberedRecord>, file: string, issues: Issue[]): AsyncGenerator<BulkInputRow> {
  let first: string[] | undefined;
  let layout: ColumnLayout | undefined;
  let headerKnown = false;
  let index = 0;
  let yielded = 0;
  for await (const { record, number } of records) {
    index += 1;
    if (first === undefined) {
      first = record.map((h) => h.trim().toLowerCase());
      headerKnown = first.some((h) => ORDER_COLUMNS.includes(h));
      if (!headerKnown && first.length > 1) {
        throw ValidationError.single(`${file} header`, `the first row must name the columns; one of ${ORDER_COLUMNS.join(', ')} is required (optional: ${OPTIONAL_COLUMNS.join(', ')})`);
      }
      if (headerKnown) {
        const header = first;
        layout = columnLayout(header);
        const unknown = header.filter((h) => h !== '' && !ORDER_COLUMNS.includes(h) && !OPTIONAL_COLUMNS.includes(h));
        if (unknown.length > 0) issues.push({ field: `${file} header`, rule: `unknown column(s) ${unknown.join(', ')} (known: ${[...ORDER_COLUMNS, ...OPTIONAL_COLUMNS].join(', ')})` });
        continue;
      }
    }
    if (!headerKnown) {
      // A one-column file without a header is a list of order IDs; a later row with several values means the
      // header row is broken (a missing delimiter), which must not be read as IDs.
      if (record.length > 1) {
        throw ValidationError.single(`${file} header`, `the first row has one value but row ${index} has ${record.length}: the header row must name every column, separated like the rows (one of ${ORDER_COLUMNS.join(', ')} is required)`);
      }
      const row = idRow(record[0] ?? '', index, file === 'stdin' ? 'stdin' : { file }, issues);
      if (row) {
        yielded += 1;
        yield row;
      }
      continue;
    }
    const row = csvRow(record, number, layout as ColumnLayout, issues);
    if (row) {
      yielded += 1;
      yield row;
    }
  }
  if (first === undefined) throw ValidationError.single(file, `is empty; expected a header row (order_id, amount, …) then one order per row, or one order ID per line`, { hint: 'Nothing was captured.' });
  if (headerKnown && yielded === 0 && issues.length === 0) issues.push({ field: file, rule: 'has a header but no rows' });
}

/** The optional text columns, in the order a row holds them. */
const TEXT_COLUMNS = ['capture_reference', 'description', 'carrier', 'tracking_number', 'tracking_url'] as const;

/** Where a header puts each column a row is read from (-1: absent), found once per file, not per row. */
interface ColumnLayout {
  header: readonly string[];
  order: number;
  amount: number;
  lines: number;
  /** The text columns the header has, with their positions. */
  text: (readonly [(typeof TEXT_COLUMNS)[number], number])[];
}

function columnLayout(header: readonly string[]): ColumnLayout {
  return {
    header,
    order: header.findIndex((h) => ORDER_COLUMNS.includes(h)),
    amount: header.indexOf('amount'),
    lines: header.indexOf('lines'),
    text: TEXT_COLUMNS.map((name) => [name, header.indexOf(name)] as const).filter(([, index]) => index >= 0),
  };
}

/** A cell's trimmed text; undefined when the column is absent or the cell blank. */
function cell(record: readonly string[], index: number): string | undefined {
  if (index < 0) return undefined;
  const v = record[index]?.trim();
  return v === '' ? undefined : v;
}

/** One data row of a CSV file with a header; undefined (and its problems in `issues`) when it fails a check. */
function csvRow(record: readonly string[], rowNo: number, layout: ColumnLayout, issues: Issue[]): BulkInputRow | undefined {
  const { header } = layout;
  // The header is row 1, as a spreadsheet (and csv-read's messages) number it; blank lines count.
  const prefix = `row ${rowNo} `;
  const before = issues.length;
  if (record.length > header.length) issues.push({ field: `${prefix}`.trim(), rule: `has ${record.length} fields; the header has ${header.length}` });
  const order = record[layout.order]?.trim() ?? '';
  checkOrderText(order, `${prefix}${header[layout.order] ?? 'order_id'}`, issues);
  const amount = cell(record, layout.amount);
  if (amount !== undefined && !AMOUNT.test(amount)) issues.push({ field: `${prefix}amount`, rule: `${JSON.stringify(amount)} is not an amount such as 12, 12.50 or 12,50` });
  let lines: LineSelection[] | undefined;
  const lineText = cell(record, layout.lines);
  if (lineText !== undefined) {
    try {
      lines = lineText.split(/[;\s]+/).filter(Boolean).map((l) => parseLineSelection(l, `${prefix}lines`));
    } catch (error) {
      if (error instanceof ValidationError) issues.push(...error.issues);
      else throw error;
    }
  }
  const row: BulkInputRow = { row: rowNo, order };
  if (amount !== undefined) row.amount = amount;
  if (lines) row.lines = lines;
  for (const [name, index] of layout.text) {
    const value = cell(record, index);
    if (value !== undefined) row[name] = value;
  }
  for (const issue of intentIssues({ amount: amount === undefined ? undefined : 0, lines, reference: row.capture_reference, trackingUrl: row.tracking_url })) {
    issues.push({ field: `${prefix}${inputColumn(issue.field)}`, rule: issue.rule });
  }
  return issues.length === before ? row : undefined;
}
