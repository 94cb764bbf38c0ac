/**
 * Group commit for the sandbox's money-moving writes: the writes asked for in one turn of the event loop
 * (the rows of a bulk run in flight) run in ONE immediate transaction, so a write that is refused is
 * rolled back alone and the others stand. A caller's promise settles only after the group is committed:
 * an answer always describes a committed state, as with one commit per write. A process killed before
 * the commit leaves none of the group's writes behind (each caller's journal row is still open, and a
 * re-run finds nothing at the provider and sends again under the same key); one killed after it leaves
 * all of them, found again by their idempotency keys.
 *
 * A savepoint per write costs as much as the write itself (SQLite copies each page it touches first to a
 * sub-journal in a temporary file), and nearly every write succeeds. So a group first runs its writes
 * without savepoints; if one throws, that transaction is rolled back whole and the group runs again with
 * each write in its own savepoint. A write's work therefore may run twice: it is synchronous SQLite work
 * that reads what it checks inside the transaction, with no effect outside the database.
 */
import type { Db } from './database.js';

interface Queued {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface CommitGroup {
  /** Runs `work` (synchronous SQLite work) in the next group's transaction; settles after its commit. */
  run<T>(work: () => T): Promise<T>;
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A write of the group threw in the run without savepoints (as opposed to the lock or the commit failing). */
class WriteRefused extends Error {}

export function createCommitGroup(db: Db): CommitGroup {
  let queue: Queued[] = [];
  let scheduled = false;
  const together = db.transaction((group: readonly Queued[]): Settled[] =>
    group.map((item): Settled => {
      try {
        return { ok: true, value: item.work() };
      } catch {
        throw new WriteRefused();
      }
    }),
  );
  const oneByOne = db.transaction((group: readonly Queued[]): Settled[] =>
    group.map((item): Settled => {
      try {
        // A nested transaction is a savepoint: a write that throws is rolled back alone.
        return { ok: true, value: db.transaction(item.work)() };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  );
  const commit = (group: readonly Queued[]): Settled[] => {
    try {
      return together.immediate(group);
    } catch (error) {
      if (!(error instanceof WriteRefused)) throw error;
      return oneByOne.immediate(group);
    }
  };
  const flush = (): void => {
    scheduled = false;
    const group = queue;
    queue = [];
    let settled: Settled[];
    try {
      settled = commit(group);
    } catch (error) {
      // Nothing of the group was committed (the lock could not be taken, or the commit failed).
      for (const item of group) item.reject(error);
      return;
    }
    group.forEach((item, i) => {
      const outcome = settled[i] as Settled;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  };
  return {
    run<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}
