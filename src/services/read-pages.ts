/**
 * A list read page by page as it is written, up to a limit: the first page is read before this returns
 * (a refused read or bad filter fails before any output), the rest only as the reader asks for them, so a
 * list of a million rows is never held at once.
 */
import type { Page } from '../backends/backend.js';

export type ListPages<T> = AsyncIterable<readonly T[]>;

export async function readPages<T>(read: (cursor: string | undefined, want: number) => Promise<Page<T>>, options: { limit: number; pageSize: number }): Promise<ListPages<T>> {
  let seen = 0;
  const next = async (cursor: string | undefined): Promise<{ items: T[]; cursor: string | undefined }> => {
    const page = await read(cursor, Math.min(options.pageSize, options.limit - seen));
    const items = page.items.length > options.limit - seen ? page.items.slice(0, options.limit - seen) : page.items;
    seen += items.length;
    return { items, cursor: seen < options.limit ? page.nextCursor : undefined };
  };
  let first: { items: T[]; cursor: string | undefined } | undefined = await next(undefined);
  return (async function* () {
    let page = first;
    // The stream holds only the page in hand: the first is not kept for the whole list.
    first = undefined;
    yield page.items;
    while (page.cursor) {
      page = await next(page.cursor);
      yield page.items;
    }
  })();
}
