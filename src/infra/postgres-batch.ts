/**
 * Fewer round trips to the shared PostgreSQL database for the many small statements of a bulk run, without
 * changing what each caller is told. A statement costs a round trip and a commit whatever its row count,
 * and the rows in flight ask for the same statement at about the same moment (their answers arrive
 * together), so:
 *   - `turnBatch`: the calls made in one turn of the event loop are answered by ONE statement (a multi-row
 *     INSERT, a `= ANY($1)` read). Each caller's promise settles once that statement has returned: an
 *     awaited write is committed before its caller goes on (a claim before its request), and its error
 *     reaches that caller as before.
 *   - `DeferredWrites`: writes whose loss costs nothing that matters (an order's snapshot, read again; a
 *     result ID, replayed by the provider under the same idempotency key) resolve at once and are written
 *     together within `deferMs`, each kind by one statement. A read of a key with a queued write (or a read
 *     of the whole table) writes them first, so this process always reads its own writes.
 */
import { isMerchantError } from '../errors.js';

/** Each key appears at most once per round: a multi-row statement must not write one row twice. */
export function rounds<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const seen = new Map<string, number>();
  const out: T[][] = [];
  for (const item of items) {
    const key = keyOf(item);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    (out[n] ??= []).push(item);
  }
  return out;
}

interface Waiting<I, R> {
  item: I;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * One statement for the calls of a turn: `many` answers the items in order. When the server refuses it
 * for a group of several, each item is run again alone by `one`, so a row that cannot be written fails
 * only its caller. A server lost or silent (a typed error, see postgres.ts) fails them all at once: each
 * item alone would only wait out the same timeout again.
 */
export function turnBatch<I, R>(many: (items: I[]) => Promise<R[]>, one: (item: I) => Promise<R>): (item: I) => Promise<R> {
  let queue: Waiting<I, R>[] = [];
  const flush = async (): Promise<void> => {
    const group = queue;
    queue = [];
    if (group.length === 1) {
      const [only] = group as [Waiting<I, R>];
      return one(only.item).then(only.resolve, only.reject);
    }
    let results: R[];
    try {
      results = await many(group.map((w) => w.item));
    } catch (error) {
      if (isMerchantError(error)) for (const w of group) w.reject(error);
      else await Promise.all(group.map((w) => one(w.item).then(w.resolve, w.reject)));
      return;
    }
    group.forEach((w, i) => w.resolve(results[i] as R));
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      // The next turn: every row that asks in this one joins the same statement.
      if (queue.length === 1) setImmediate(() => void flush());
    });
}

/**
 * Rows by a unique key, read for the keys of one turn in one statement: `read` answers a `= ANY($1)` query
 * for the keys given; each caller gets its key's row (undefined when there is none).
 */
export function lookupByKey<T>(read: (keys: string[]) => Promise<readonly T[]>, keyOf: (row: T) => string): (key: string) => Promise<T | undefined> {
  const many = async (keys: string[]): Promise<(T | undefined)[]> => {
    const found = new Map((await read(keys)).map((row) => [keyOf(row), row]));
    return keys.map((k) => found.get(k));
  };
  return turnBatch(many, async (key) => (await many([key]))[0]);
}

/** A kind of deferred write: the key a read names it by, and the statement writing a round of them. */
export interface DeferredKind<I> {
  key(item: I): string;
  write(items: I[]): Promise<unknown>;
}

interface Queued {
  kind: DeferredKind<unknown>;
  item: unknown;
  key: string;
}

export interface DeferredWritesOptions {
  /** How long a write may wait for others to join it. */
  deferMs: number;
  /** Written at once when this many are queued (one statement's rows stay bounded). */
  maxRows: number;
}

export class DeferredWrites {
  private queue: Queued[] = [];
  /** Keys queued or being written, with how many writes of each. */
  private readonly pending = new Map<string, number>();
  private writing: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** A group that could not be written: reported by the next settle, not lost in a timer. */
  private failed: { error: unknown } | undefined;

  constructor(private readonly options: DeferredWritesOptions) {}

  add<I>(kind: DeferredKind<I>, item: I): void {
    const key = kind.key(item);
    this.queue.push({ kind: kind, item, key });
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    if (this.queue.length >= this.options.maxRows) return void this.flush();
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.options.deferMs);
    // A queued write never keeps the process alive; close() writes it.
    this.timer.unref();
  }

  /**
   * Writes what is queued, when `key` (or any key, without one) is queued or being written, and waits for
   * it; then throws the failure of a group that could not be written since the last settle, if any.
   */
  async settle(key?: string): Promise<void> {
    if (key === undefined ? this.pending.size > 0 : this.pending.has(key)) await this.flush();
    const failed = this.failed;
    this.failed = undefined;
    if (failed) throw failed.error;
  }

  /** Everything queued is written (or its failure kept for the next settle) before this resolves; it never throws. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const group = this.queue;
    this.queue = [];
    if (group.length > 0) this.writing = this.writing.then(() => this.write(group));
    return this.writing;
  }

  private async write(group: Queued[]): Promise<void> {
    try {
      for (const round of rounds(group, (q) => q.key)) {
        const byKind = new Map<DeferredKind<unknown>, unknown[]>();
        for (const q of round) {
          const items = byKind.get(q.kind);
          if (items) items.push(q.item);
          else byKind.set(q.kind, [q.item]);
        }
        await Promise.all([...byKind].map(([kind, items]) => kind.write(items)));
      }
    } catch (error) {
      this.failed ??= { error };
    } finally {
      for (const q of group) {
        const left = (this.pending.get(q.key) ?? 1) - 1;
        if (left === 0) this.pending.delete(q.key);
        else this.pending.set(q.key, left);
      }
    }
  }
}
