/**
 * A JSON list written as it is read: the same bytes as `JSON.stringify(list, null, 2)`, one write per page
 * of rows (several for a large page), waiting for the reader (back-pressure), so a list of a million rows
 * never exists in memory.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { fieldSelection, selectFields } from './json-fields.js';
import { oldGenerationCollector } from './old-generation.js';

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
 * About how much text one write carries. A text this size stays in V8's young generation: a whole page as
 * one string is a large object (copied again when sliced and joined), promoted to the old generation, whose
 * garbage is what grows a long stream's memory. Rows are stringified a group at a time, not one by one:
 * JSON.stringify's cost per call is several times its output for a single row.
 */
export const JSON_CHUNK_CHARS = 16_384;

/** Writes `pages` as one pretty JSON array; `json` shapes a page of rows into their documented JSON objects. */
export async function writeJsonPages<T>(target: { stdout: Writable }, pages: RowPages<T>, json: (rows: readonly T[]) => unknown): Promise<void> {
  const selection = fieldSelection(target.stdout);
  const stdout = selection?.stdout ?? target.stdout;
  let count = 0;
  // Items per group, from the last group's size per item, so that a group's text is about one chunk.
  let perGroup = 16;
  const collected = oldGenerationCollector();
  for await (const page of pages) {
    if (page.length === 0) continue;
    const shaped = json(page) as unknown[];
    const items = (selection ? selectFields(shaped, selection.fields) : shaped) as unknown[];
    for (let at = 0; at < items.length; ) {
      const group = at === 0 && items.length <= perGroup ? items : items.slice(at, at + perGroup);
      at += group.length;
      // A group as a pretty array is its items, indented as in the whole list: drop its brackets.
      const text = JSON.stringify(group, null, 2);
      await write(stdout, `${count === 0 ? '[\n' : ',\n'}${text.slice(2, -2)}`);
      count += group.length;
      collected(text.length);
      perGroup = Math.max(1, Math.floor((JSON_CHUNK_CHARS * group.length) / text.length));
    }
  }
  await write(stdout, count === 0 ? '[]\n' : '\n]\n');
}
