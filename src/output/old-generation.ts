/**
 * A stream's old-generation garbage, collected on a schedule. A stream allocates a few hundred bytes per
 * row, all of it short-lived, but each young-generation collection promotes the little that is still in
 * flight (about 15 KB per collection), and V8 collects the old generation only when it reaches a limit set
 * generously from the live size: over a million rows the old generation grows by about 6 MB of garbage
 * while the live heap stays at 8 MB, so the peak grows with the row count. A full collection after every
 * few megabytes of output keeps the old generation at its live size, whatever the row count; at that
 * interval it costs about one per cent of the stream's time.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Characters of output between two full collections. */
export const COLLECT_EVERY_CHARS = 32 * 1024 * 1024;

let collect: (() => void) | undefined;

/** V8's full collection (`gc`), exposed to a fresh context only: the program's own global stays as it is. */
function fullCollection(): () => void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  return collect;
}

/** Counts a stream's output and collects the old generation each time another interval of it is written. */
export function oldGenerationCollector(every = COLLECT_EVERY_CHARS, collect: () => void = () => fullCollection()()): (chars: number) => void {
  let since = 0;
  return (chars) => {
    since += chars;
    if (since < every) return;
    since = 0;
    collect();
  };
}
