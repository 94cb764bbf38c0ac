/**
 * A JSON list written as it is read: the same bytes as `JSON.stringify(list, null, 2)`, one write per page
 * of rows, waiting for the reader (back-pressure), so a list of a million rows never exists in memory.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { fieldSelection, selectFields } from './json-fields.js';

/** Pages of rows as they are read (the first page may already be in hand). */
export type RowPages<T> = AsyncIterable<readonly T[]>;

export function isRowPages<T>(rows: readonly T[] | RowPages<T>): rows is RowPages<T> {
  return !Array.isArray(rows) && typeof (rows as RowPages<T>)[Symbol.asyncIterator] === 'function';
}

/** Every row of the pages, in one array (views that need all rows at once: tables, CSV). */
export async function allRows<T>(rows: readonly T[] | RowPages<T>): Promise<readonly T[]> {
  if (!isRowPages(rows)) return rows;
  const out: T[] = [];
  for await (const page of rows) for (const row of page) out.push(row);
  return out;
}

async function write(stdout: Writable, text: string): Promise<void> {
  if (!stdout.write(text)) await once(stdout, 'drain');
}

/** Writes `pages` as one pretty JSON array; `json` shapes a page of rows into their documented JSON objects. */
export async function writeJsonPages<T>(target: { stdout: Writable }, pages: RowPages<T>, json: (rows: readonly T[]) => unknown): Promise<void> {
  const selection = fieldSelection(target.stdout);
  const stdout = selection?.stdout ?? target.stdout;
  let count = 0;
  for await (const page of pages) {
    if (page.length === 0) continue;
    const shaped = json(page) as unknown[];
    // The page as a pretty array is its items, indented as in the whole list: drop its brackets.
    const text = JSON.stringify(selection ? selectFields(shaped, selection.fields) : shaped, null, 2);
    await write(stdout, `${count === 0 ? '[\n' : ',\n'}${text.slice(2, -2)}`);
    count += page.length;
  }
  await write(stdout, count === 0 ? '[]\n' : '\n]\n');
}
