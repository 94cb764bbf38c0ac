/**
 * A JSON list written as it is read: the same bytes as `JSON.stringify(list, null, 2)`, one write per page
 * of rows (several for a large page), waiting for the reader (back-pressure), so a list of a million rows
 * never exists in memory.
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

/**
 * The most text gathered before it is written (a row may take it a little past). A chunk this size stays
 * in V8's young generation: the whole page as one string (a large object, copied again when sliced and
 * joined) is promoted to the old generation, whose garbage is what grows a long stream's memory.
 */
export const JSON_CHUNK_CHARS = 16_384;

/** Writes `pages` as one pretty JSON array; `json` shapes a page of rows into their documented JSON objects. */
export async function writeJsonPages<T>(target: { stdout: Writable }, pages: RowPages<T>, json: (rows: readonly T[]) => unknown): Promise<void> {
  const selection = fieldSelection(target.stdout);
  const stdout = selection?.stdout ?? target.stdout;
  let count = 0;
  for await (const page of pages) {
    if (page.length === 0) continue;
    const shaped = json(page) as unknown[];
    const items = (selection ? selectFields(shaped, selection.fields) : shaped) as unknown[];
    let chunk = '';
    for (const item of items) {
      // An item as a pretty one-item array is the item indented as in the whole list: drop the brackets.
      chunk += `${count === 0 ? '[\n' : ',\n'}${JSON.stringify([item], null, 2).slice(2, -2)}`;
      count++;
      if (chunk.length >= JSON_CHUNK_CHARS) {
        await write(stdout, chunk);
        chunk = '';
      }
    }
    if (chunk !== '') await write(stdout, chunk);
  }
  await write(stdout, count === 0 ? '[]\n' : '\n]\n');
}
