/**
 * Renders command results to stdout in the mode the run asked for: a cli-table3 table on a TTY,
 * tab-separated rows without a header when piped (ISO timestamps, no colour), JSON with `--json`, and
 * RFC 4180 CSV with `--csv`. Services hand over plain result objects; only this module writes them out.
 */
import type { Writable } from 'node:stream';
import type { ChalkInstance } from 'chalk';
import { formatAmount } from '../domain/money.js';
import { cellText, type CellValue, type MoneyCell, type OutputMode } from './cells.js';
import { displayWidth, truncateToWidth } from './display-width.js';
import { recordLines, wrapWords } from './record-lines.js';
import { fitTable, type FitColumn, type TableFit, type TableLayout } from './fit-table.js';
import { allRows, isRowPages, writeJsonPages, type RowPages } from './json-list-stream.js';

/** A table column; `priority` and `truncate` say how it fares on a narrow terminal (see fit-table.ts). */
export interface Column<T> extends FitColumn {
  header: string;
  value: (row: T) => CellValue;
  align?: 'left' | 'right';
}

export interface RenderTarget {
  stdout: Writable;
  mode: OutputMode;
  color: ChalkInstance;
  now: Date;
  /** The terminal's width: tables are fitted to it unless `wide`. */
  columns: number;
  /** `--wide`: every column, every cell whole, however wide the table gets. */
  wide?: boolean;
}

export function writeJson(target: { stdout: Writable }, value: unknown): void {
  target.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** One NDJSON line: a whole JSON value on one line, written as soon as it is known. */
export function writeJsonLine(target: { stdout: Writable }, value: unknown): void {
  target.stdout.write(`${JSON.stringify(value)}\n`);
}

/**
 * A list of rows, in hand or as pages still being read. `json` shapes the documented JSON document (stable
 * field names), not the columns; for pages it is called once per page and returns that page's items.
 */
export async function renderList<T>(
  target: RenderTarget,
  input: readonly T[] | RowPages<T>,
  columns: readonly Column<T>[],
  json: (rows: readonly T[]) => unknown,
  options: { empty?: string } = {},
): Promise<void> {
  // Pages read as they are written: JSON streams them; the other views need every row first.
  if (target.mode === 'json' && isRowPages(input)) return writeJsonPages(target, input, json);
  const rows = await allRows(input);
  switch (target.mode) {
    case 'json':
      writeJson(target, json(rows));
      return;
    case 'csv': {
      const { csvText } = await import('../infra/csv-write.js');
      const { header, records } = csvTable(rows, columns, target.now);
      target.stdout.write(await csvText(records, { columns: header }));
      return;
    }
    case 'plain':
      for (const row of rows) {
        target.stdout.write(`${columns.map((c) => tsvSafe(cellText(c.value(row), 'plain', target.now))).join('\t')}\n`);
      }
      return;
    case 'table': {
      if (rows.length === 0) {
        target.stdout.write(`${target.color.dim(options.empty ?? 'Nothing to show.')}\n`);
        return;
      }
      await writeTable(target, rows, columns);
      return;
    }
  }
}

/**
 * A table fitted to the terminal (unless --wide): a cli-table3 box, or columns without a box when even the
 * essential columns do not fit in one; then a note saying what was left out or cut.
 */
async function writeTable<T>(target: RenderTarget, rows: readonly T[], columns: readonly Column<T>[]): Promise<void> {
  const values = rows.map((row) => columns.map((c) => c.value(row)));
  const texts = values.map((row) => row.map((v) => cellText(v, 'table', target.now, true)));
  const whole: TableFit = { keep: columns.map((_, i) => i), maxWidth: new Map(), dropped: [], fits: true };
  let layout: TableLayout = 'box';
  let fit = target.wide ? whole : fitTable(columns, texts, target.columns);
  if (!fit.fits) {
    layout = 'plain';
    fit = fitTable(columns, texts, target.columns, 'plain');
  }
  const shown = fit.keep.map((i) => columns[i] as Column<T>);
  const body = texts.map((row, r) =>
    fit.keep.map((i) => {
      const text = row[i] ?? '';
      const max = fit.maxWidth.get(i);
      // An amount is never cut, whatever its column says.
      return max === undefined || isMoney(values[r]?.[i]) ? text : truncateToWidth(text, max);
    }),
  );
  if (layout === 'box') {
    const { default: Table } = await import('cli-table3');
    const table = new Table({
      head: shown.map((c) => target.color.bold(c.header)),
      style: { head: [], border: [] },
      colAligns: shown.map((c) => c.align ?? 'left'),
    });
    for (const row of body) table.push(row);
    target.stdout.write(`${table.toString()}\n`);
  } else {
    const widths = shown.map((c, k) => Math.max(displayWidth(c.header), ...body.map((row) => displayWidth(row[k] ?? ''))));
    const line = (cells: readonly string[], style: (s: string) => string = (s) => s): string =>
      cells
        .map((cell, k) => {
          const pad = ' '.repeat(Math.max(0, (widths[k] ?? 0) - displayWidth(cell)));
          return style(shown[k]?.align === 'right' ? `${pad}${cell}` : `${cell}${pad}`);
        })
        .join('  ')
        .trimEnd();
    target.stdout.write(`${[line(shown.map((c) => c.header), target.color.bold), ...body.map((row) => line(row))].join('\n')}\n`);
  }
  const notes = [
    ...(fit.dropped.length > 0 ? [`Not shown to fit the terminal: ${fit.dropped.join(', ')}.`] : []),
    ...(fit.maxWidth.size > 0 ? ['Long text is cut (…).'] : []),
  ];
  if (notes.length > 0) target.stdout.write(`${target.color.dim(wrapWords(`${notes.join(' ')} --wide shows everything.`, target.columns).join('\n'))}\n`);
}

/**
 * CSV is for programs, like every CSV merchant writes: snake_case headers, amounts as plain decimals, and
 * the amounts' currency in a `currency` column of its own (a row's amounts share its currency).
 */
function csvTable<T>(rows: readonly T[], columns: readonly Column<T>[], now: Date): { header: string[]; records: string[][] } {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const hasMoney = cells.some((row) => row.some(isMoney));
  const records = cells.map((row) => {
    const texts = row.map((v) => (isMoney(v) ? formatAmount(v.minor, v.currency) : cellText(v, 'csv', now)));
    return hasMoney ? [...texts, row.find(isMoney)?.currency ?? ''] : texts;
  });
  const header = columns.map((c) => snakeHeader(c.header));
  return { header: hasMoney ? [...header, 'currency'] : header, records };
}

const isMoney = (v: CellValue | undefined): v is MoneyCell => typeof v === 'object' && v !== null && v.kind === 'money';

/** `Order ID` → `order_id`, `Captured qty (by line)` → `captured_qty_by_line`. */
export function snakeHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Rows whose columns are a documented contract (bulk results): piped, tab-separated without a header;
 * with --csv, the same columns in the same order under a header row. The same records go to results files.
 */
export async function writeMachineRows(target: RenderTarget, header: readonly string[], records: readonly (readonly string[])[]): Promise<void> {
  if (target.mode === 'plain') {
    for (const record of records) target.stdout.write(`${record.map(tsvSafe).join('\t')}\n`);
  } else if (target.mode === 'csv') {
    const { csvText } = await import('../infra/csv-write.js');
    target.stdout.write(await csvText(records.map((r) => [...r]), { columns: [...header] }));
  }
}

export interface RecordSection<T> {
  title: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
}

/**
 * One object: label/value pairs, then optional sub-tables (lines, captures, messages…). Each section's
 * rows and columns are checked to be of one row type (`S` holds one row type per section).
 */
export async function renderRecord<const S extends readonly unknown[] = []>(
  target: RenderTarget,
  fields: readonly (readonly [string, CellValue])[],
  json: unknown,
  sections?: { readonly [K in keyof S]: RecordSection<S[K]> },
): Promise<void> {
  if (target.mode === 'json') {
    writeJson(target, json);
    return;
  }
  if (target.mode === 'plain' || target.mode === 'csv') {
    for (const [label, value] of fields) target.stdout.write(`${label}\t${tsvSafe(cellText(value, 'plain', target.now))}\n`);
    for (const section of sections ?? []) {
      for (const row of section.rows) {
        const cells = section.columns.map((c) => tsvSafe(cellText(c.value(row), 'plain', target.now)));
        target.stdout.write(`${section.title}\t${cells.join('\t')}\n`);
      }
    }
    return;
  }
  const width = Math.max(...fields.map(([label]) => label.length));
  for (const [label, value] of fields) {
    const text = cellText(value, 'table', target.now);
    // --wide keeps every value on its label's line, however long; otherwise long values wrap, never cut.
    const lines = recordLines(label, width, text, target.wide ? Number.POSITIVE_INFINITY : target.columns, target.color.bold);
    target.stdout.write(`${lines.join('\n')}\n`);
  }
  for (const section of sections ?? []) {
    target.stdout.write(`\n${target.color.bold(section.title)}\n`);
    await renderList(target, section.rows, section.columns, () => null, { empty: '(none)' });
  }
}

/** Tabs and newlines inside a value would break a tab-separated row. */
function tsvSafe(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ');
}
