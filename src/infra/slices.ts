/** The rows in consecutive slices of `size`, each taken from `rows` only when the previous one is done with. */
export async function* slices<T>(rows: Iterable<T> | AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let slice: T[] = [];
  for await (const row of rows) {
    slice.push(row);
    if (slice.length >= size) {
      yield slice;
      slice = [];
    }
  }
  if (slice.length > 0) yield slice;
}
