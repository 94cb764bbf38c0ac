/**
 * Lines written to one stream during one turn of the event loop, sent in one write at the end of that
 * turn. A bulk run finishes its rows in groups (a group commit settles every row in it in the same
 * turn); one write per group instead of one per row keeps the lines' order and costs a fraction of the
 * system calls. A line waits at most until the turn ends, so a run killed now has printed what a run
 * killed a moment earlier would have; `flush()` sends what is waiting at once (the end of a run).
 */
import type { Writable } from 'node:stream';

export interface TurnLines {
  /** Queues `line` (with its newline) for this turn's write. */
  write(line: string): void;
  /** Writes what is queued now. */
  flush(): void;
}

export function createTurnLines(out: Writable): TurnLines {
  let queued: string[] = [];
  let pending: NodeJS.Immediate | undefined;
  const flush = (): void => {
    if (pending !== undefined) clearImmediate(pending);
    pending = undefined;
    if (queued.length === 0) return;
    const text = queued.join('');
    queued = [];
    out.write(text);
  };
  return {
    write(line) {
      queued.push(line);
      pending ??= setImmediate(flush);
    },
    flush,
  };
}
