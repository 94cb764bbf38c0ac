/**
 * The rows in consecutive slices of `size`, each taken from `rows` only when the previous one is done with.
 * `first`: the first slice's size, when smaller; work on it starts without waiting for a whole slice to be
 * read (a bulk plan's first request goes out once a few rows are read, not thousands).
 */
export async function* slices<T>(rows: Iterable<T> | AsyncIterable<T>, size: number, first = size): AsyncGenerator<T[]> {
  let slice: T[] = [];
  let limit = Math.min(first, size);
  for await (const row of rows) {
    slice.push(row);
    if (slice.length >= limit) {
      yield slice;
      slice = [];
      limit = size;
    }
  }
  if (slice.length > 0) yield slice;
}
