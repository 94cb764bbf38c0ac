/** The ledger in this machine's SQLite file: the synchronous repositories, answering with promises. */
import type { Clock } from '../../../domain/clock.js';
import type { OverviewApi } from '../../types/overview.js';
import { createLedgerOverview } from '../overview/ledger-overview.js';
import { openKustomLedger, type LedgerDb } from './database.js';
import { createLedgerStores } from './ledger-stores.js';
import type { Async, Ledger } from './ledger.js';
import { createLinksRepo } from './links-repo.js';
import { createOperationsRepo, type OperationsRepo } from './operations-repo.js';
import { createOrdersRepo, type OrdersRepo } from './orders-repo.js';

type Method = (...args: unknown[]) => unknown;

/** How long a deferred write may wait for a commit it can join. */
const DEFER_MS = 100;

/**
 * Writes share commits. An awaited write (the claim of an idempotency key before its request) resolves
 * once it is on disk, in one commit with every other awaited write asked for in the same turn of the event
 * loop (the claims of a bulk capture's rows in flight). Deferred writes (an order's snapshot, a write's
 * result ID) resolve at once and join the next commit: the next awaited writes', or one of their own
 * after DEFER_MS. A bulk capture's rows then share a ledger commit per turn instead of paying three each.
 * A write that fails is undone alone and rejects only its caller (its group is run again with a
 * savepoint per write).
 * Losing a deferred write to a kill loses nothing that matters: a snapshot is read again, and a key
 * without its result is sent again under the same idempotency key, which Kustom answers with the same
 * result. A read of the same key (or any other read of their tables) commits them first; one that failed
 * is reported by the next read or the close.
 */
interface WriteGroup {
  run(write: () => unknown): Promise<unknown>;
  defer(key: string, write: () => unknown): void;
  /** Commits the deferred writes when `key` (or any key, without one) has one pending. */
  settle(key?: string): void;
  close(): void;
}

interface Queued {
  write: () => unknown;
  settle?: { resolve: (value: unknown) => void; reject: (error: unknown) => void };
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** A write of a group threw (not the commit): the group is run again, each write in its own savepoint. */
class WriteFailed extends Error {
  constructor(readonly failure: unknown) {
    super('a write of the group failed', { cause: failure });
  }
}

function writeGroup(db: LedgerDb): WriteGroup {
  let queue: Queued[] = [];
  let deferredKeys = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failed: unknown;
  let scheduled = false;
  const savepoint = db.transaction((write: () => unknown) => write());
  // A group is first committed without a savepoint per write (a savepoint copies every page its write
  // touches); if one write fails, the group is undone and run again with savepoints, so it fails alone.
  const plain = db.transaction((writes: Queued[]): Outcome[] =>
    writes.map(({ write }) => {
      try {
        return { ok: true, value: write() };
      } catch (error) {
        throw new WriteFailed(error);
      }
    }),
  );
  const commit = db.transaction((writes: Queued[]): Outcome[] =>
    writes.map(({ write }) => {
      try {
        return { ok: true, value: savepoint(write) };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  );
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const group = queue;
    queue = [];
    deferredKeys = new Set();
    if (group.length === 0) return;
    let outcomes: Outcome[];
    try {
      try {
        outcomes = plain.immediate(group);
      } catch (error) {
        if (!(error instanceof WriteFailed)) throw error;
        outcomes = commit.immediate(group);
      }
    } catch (error) {
      for (const q of group) {
        if (q.settle) q.settle.reject(error);
        else failed ??= error;
      }
      return;
    }
    group.forEach((q, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) q.settle?.resolve(outcome.value);
      else if (q.settle) q.settle.reject(outcome.error);
      else failed ??= outcome.error;
    });
  };
  const rethrow = (): void => {
    if (failed === undefined) return;
    const error = failed;
    failed = undefined;
    throw error instanceof Error ? error : new Error('the kustom ledger could not record a write', { cause: error });
  };
  const flushScheduled = (): void => {
    scheduled = false;
    flush();
  };
  return {
    run: (write) =>
      new Promise((resolve, reject) => {
        queue.push({ write, settle: { resolve, reject } });
        if (scheduled) return;
        scheduled = true;
        // The next turn: every awaited write asked for in this one joins the same commit.
        setImmediate(flushScheduled);
      }),
    defer(key, write) {
      queue.push({ write });
      deferredKeys.add(key);
      if (timer) return;
      timer = setTimeout(flush, DEFER_MS);
      // A pending write never keeps the process alive; close() commits it.
      timer.unref();
    },
    settle(key) {
      if (key === undefined ? deferredKeys.size > 0 : deferredKeys.has(key)) flush();
      rethrow();
    },
    close() {
      flush();
      rethrow();
    },
  };
}

interface Grouping<T> {
  /** Awaited writes, each committed at once (with the deferred ones queued before it). */
  writes?: readonly (keyof T & string)[];
  /** Deferred writes, keyed by their first argument's key. */
  deferred?: Partial<Record<keyof T & string, (...args: never[]) => string>>;
  /** Reads by key (their first argument): they see this process's deferred write of that key. */
  keyed?: readonly (keyof T & string)[];
}

/** The repository's methods as promises, writing through the group; every other read sees the deferred writes. */
function promised<T extends object>(repo: T, group?: WriteGroup, grouping: Grouping<T> = {}): Async<T> {
  const entries = Object.entries(repo).map(([name, method]) => {
    const call = method as Method;
    if (!group) return [name, async (...args: unknown[]) => call(...args)];
    const deferKey = (grouping.deferred as Record<string, ((...args: unknown[]) => string) | undefined> | undefined)?.[name];
    if (deferKey) {
      return [name, async (...args: unknown[]) => group.defer(deferKey(...args), () => call(...args))];
    }
    if ((grouping.writes as readonly string[] | undefined)?.includes(name)) return [name, (...args: unknown[]) => group.run(() => call(...args))];
    const keyed = (grouping.keyed as readonly string[] | undefined)?.includes(name);
    return [
      name,
      async (...args: unknown[]) => {
        group.settle(keyed ? String(args[0]) : undefined);
        return call(...args);
      },
    ];
  });
  return Object.fromEntries(entries) as Async<T>;
}

const ORDERS: Grouping<OrdersRepo> = {
  writes: ['remember', 'addEvent'],
  deferred: { saveSnapshot: (order: Parameters<OrdersRepo['saveSnapshot']>[0]) => order.order_id, reviseSnapshot: (orderId: string) => orderId },
  keyed: ['get', 'origin'],
};
const OPERATIONS: Grouping<OperationsRepo> = {
  writes: ['claim', 'claimOrFind'],
  deferred: { setResult: (key: string) => key },
  keyed: ['find'],
};

/** The overview reads the orders table: it sees the deferred writes first. */
function settledOverview(overview: OverviewApi, group: WriteGroup): OverviewApi {
  return {
    summary: async (query) => {
      group.settle();
      return overview.summary(query);
    },
  };
}

export function openSqliteLedger(file: string, clock: Clock): Ledger {
  const db = openKustomLedger(file);
  const group = writeGroup(db);
  let closed = false;
  return {
    engine: 'sqlite',
    stores: createLedgerStores(db, clock),
    links: promised(createLinksRepo(db)),
    orders: promised(createOrdersRepo(db), group, ORDERS),
    operations: promised(createOperationsRepo(db), group, OPERATIONS),
    overview: settledOverview(createLedgerOverview(db, clock), group),
    async close() {
      if (closed) return;
      closed = true;
      try {
        group.close();
      } finally {
        db.close();
      }
    },
  };
}
