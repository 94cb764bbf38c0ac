/**
 * The bulk-capture journal: its own SQLite file (`journal.db` in the data folder), so a crash of the
 * run — or of the provider — never loses what was sent. One row per capture identity (see
 * capture-identity.ts), whichever input, run or process names it: claimed `sending` BEFORE its request
 * (with the exact request, so a re-send repeats it byte for byte under the same key) and finished
 * `captured`/`failed`/`unknown` AFTER. A row found `sending` later is one whose outcome is unknown; the
 * order is read before anything is sent again.
 *
 * Group commit: the claims the rows in flight ask for in one turn of the event loop are written in ONE
 * transaction, and each row's request waits for that commit (a claim is durable before its request is
 * sent, as with one commit per claim). Outcomes are queued and written with the next group (or when the
 * journal is read or closed): an outcome lost to a kill leaves its row `sending`, which the next run
 * reconciles from the order — the same as a kill between the request and its own commit. The reads asked
 * for in a turn join that turn's group too (after its outcomes, before its claims), so a row's read costs
 * no transaction of its own.
 */
import { openMigratedDatabase, type Migration } from '../../../infra/sqlite.js';
import type { CaptureRequest } from '../../../backends/backend.js';

export type OpState = 'sending' | 'captured' | 'failed' | 'unknown';

export interface JournalOp {
  op_key: string;
  order_id: string;
  state: OpState;
  attempts: number;
  capture_id: string | null;
  reason: string | null;
  /** The request first sent under this key while its outcome is open (null: found at the provider). */
  request: CaptureRequest | null;
  first_sent_at: string | null;
  updated_at: string;
}

/**
 * `takenOver`: the row was being sent by another runner whose lease ran out (it was killed or lost the
 * database): its outcome is unknown, so the order is read before the request is sent again.
 */
export type Claim = { claimed: true; op: JournalOp; takenOver: boolean } | { claimed: false; op: JournalOp };

/**
 * Two implementations: this file's SQLite one (a file per machine) and the shared PostgreSQL one
 * (journal-postgres.ts), where runners on several machines claim rows under leases.
 */
export interface Journal {
  get(key: string): Promise<JournalOp | undefined>;
  /**
   * Marks the capture as being sent (before the request). Refused when it is already captured (by any
   * run or process). While an earlier send's outcome is open, the stored request is kept, so the re-send
   * is the same request under the same key.
   */
  claim(key: string, orderId: string, request: CaptureRequest, at: Date): Promise<Claim>;
  finish(key: string, state: Exclude<OpState, 'sending'>, fields: { capture_id?: string | null; reason?: string | null }, at: Date): Promise<void>;
  /** Records a capture found at the provider (an earlier send of it, or another tool), so it is never sent. */
  found(key: string, orderId: string, captureId: string, at: Date): Promise<void>;
  close(): Promise<void>;
}

export interface StoredOp extends Omit<JournalOp, 'request'> {
  request: string | null;
}

/**
 * What the journal schema holds in the shared database, for `db status` and "needs migrating": the bulk
 * runs' rows and the pending single operations (locally those stay files, so the SQLite file is only the
 * bulk-capture journal).
 */
export const JOURNAL_LABEL = 'the order-operations journal (bulk captures, pending single operations)';

export const JOURNAL_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'capture-ops',
    up: (db) =>
      db.exec(`
        CREATE TABLE IF NOT EXISTS capture_ops (
          op_key        TEXT PRIMARY KEY,
          order_id      TEXT NOT NULL,
          state         TEXT NOT NULL,
          attempts      INTEGER NOT NULL DEFAULT 0,
          capture_id    TEXT,
          reason        TEXT,
          request       TEXT,
          first_sent_at TEXT,
          updated_at    TEXT NOT NULL
        );
      `),
    postgres: `
      CREATE TABLE IF NOT EXISTS capture_ops (
        op_key TEXT PRIMARY KEY, order_id TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
        capture_id TEXT, reason TEXT, request TEXT, first_sent_at TEXT, updated_at TEXT NOT NULL
      );`,
  },
  {
    // Who holds a row being sent, and until when: a runner on another machine takes over a row whose
    // lease has run out (its holder was killed) and reconciles it from the provider first.
    version: 2,
    name: 'capture-ops-leases',
    up: (db) => db.exec(`ALTER TABLE capture_ops ADD COLUMN claimed_by TEXT; ALTER TABLE capture_ops ADD COLUMN lease_until TEXT;`),
    postgres: `ALTER TABLE capture_ops ADD COLUMN claimed_by TEXT, ADD COLUMN lease_until TEXT;`,
  },
  {
    // The intents of single captures, refunds, cancels and releases (pending-store-postgres.ts), beside the
    // bulk rows: a command left unknown on one machine is reconciled from another. On one machine they
    // are files (pending-store-files.ts), so the local step adds nothing.
    version: 3,
    name: 'pending-operations',
    up: () => undefined,
    postgres: `
      CREATE TABLE IF NOT EXISTS pending_operations (
        kind TEXT NOT NULL, intent TEXT NOT NULL, order_id TEXT NOT NULL, record TEXT NOT NULL,
        written_at TEXT NOT NULL, host TEXT NOT NULL, os_user TEXT NOT NULL,
        PRIMARY KEY (kind, intent)
      );`,
  },
];

export const parse = (row: StoredOp | undefined): JournalOp | undefined =>
  row ? { ...row, request: row.request === null ? null : (JSON.parse(row.request) as CaptureRequest) } : undefined;

export function openJournal(file: string): Journal {
  // A commit survives the process being killed — the case this journal is for. After a power loss the last
  // commits may be lost; the row is then read from the provider and, if not found there, sent again with
  // the same idempotency key.
  const db = openMigratedDatabase(file, {
    label: 'the bulk-capture journal',
    migrations: JOURNAL_MIGRATIONS,
    resetNote: 'captures already sent are found again at the provider',
    newerHint: 'Upgrade merchant.',
    busyTimeoutMs: 15_000,
  });
  // A run writes each key once and reads it back a moment later: a small page cache serves that, and a
  // 100,000-row run does not grow the process by SQLite's 16 MB default.
  db.pragma('cache_size = -2048');
  const getOp = db.prepare<[string], StoredOp>(`SELECT * FROM capture_ops WHERE op_key = ?`);
  // A key's first claim is the common case of a bulk run: it is one statement, the insert; a key already
  // there is left as it is by the insert and read.
  const insert = db.prepare(
    `INSERT INTO capture_ops (op_key, order_id, state, attempts, request, first_sent_at, updated_at) VALUES (?, ?, 'sending', 1, ?, ?, ?)
     ON CONFLICT (op_key) DO NOTHING`,
  );
  // A failed send is over: a later claim sends the request as planned now. An open one keeps its request.
  const resend = db.prepare(
    `UPDATE capture_ops SET state = 'sending', attempts = attempts + 1, reason = NULL, updated_at = ?,
       request = CASE WHEN state = 'failed' OR request IS NULL THEN ? ELSE request END,
       first_sent_at = CASE WHEN state = 'failed' THEN ? ELSE COALESCE(first_sent_at, ?) END
     WHERE op_key = ? AND state <> 'captured'`,
  );
  const finish = db.prepare(
    // Never downgrade a capture another process has already recorded.
    `UPDATE capture_ops SET state = ?, capture_id = COALESCE(?, capture_id), reason = ?, updated_at = ?
     WHERE op_key = ? AND (state <> 'captured' OR ? = 'captured')`,
  );
  const claim = (key: string, orderId: string, request: CaptureRequest, at: Date): Claim => {
    const now = at.toISOString();
    if (insert.run(key, orderId, JSON.stringify(request), now, now).changes === 1) {
      // What the insert wrote: not read back.
      const op: JournalOp = { op_key: key, order_id: orderId, state: 'sending', attempts: 1, capture_id: null, reason: null, request, first_sent_at: now, updated_at: now };
      return { claimed: true, op, takenOver: false };
    }
    const existing = getOp.get(key) as StoredOp;
    if (existing.state === 'captured') return { claimed: false, op: parse(existing) as JournalOp };
    resend.run(now, JSON.stringify(request), now, now, key);
    return { claimed: true, op: parse(getOp.get(key)) as JournalOp, takenOver: false };
  };
  const found = db.prepare(
    `INSERT INTO capture_ops (op_key, order_id, state, capture_id, updated_at) VALUES (?, ?, 'captured', ?, ?)
     ON CONFLICT (op_key) DO UPDATE SET state = 'captured', capture_id = excluded.capture_id, reason = NULL, updated_at = excluded.updated_at
     WHERE capture_ops.state <> 'captured'`,
  );
  // One group: the queued outcomes, then the queued reads, then the queued claims, in one transaction.
  let outcomes = new Map<string, () => void>();
  let claims: { args: [string, string, CaptureRequest, Date]; resolve: (c: Claim) => void; reject: (e: unknown) => void }[] = [];
  let reads: { key: string; resolve: (op: JournalOp | undefined) => void; reject: (e: unknown) => void }[] = [];
  let scheduled = false;
  // An outcome that could not be written is reported by the next read or close, not lost in a timer.
  let failed: unknown;
  const commitGroup = db.transaction((group: typeof claims, done: (() => void)[], asked: typeof reads): { read: (JournalOp | undefined)[]; claimed: Claim[] } => {
    for (const write of done) write();
    const read = asked.map((r) => parse(getOp.get(r.key)));
    return { read, claimed: group.map((c) => claim(...c.args)) };
  });
  const flush = (): void => {
    scheduled = false;
    const group = claims;
    const done = [...outcomes.values()];
    const asked = reads;
    claims = [];
    reads = [];
    outcomes = new Map();
    if (group.length === 0 && done.length === 0 && asked.length === 0) return;
    try {
      // Reads alone take no write lock.
      const results = group.length === 0 && done.length === 0 ? commitGroup.deferred(group, done, asked) : commitGroup.immediate(group, done, asked);
      asked.forEach((r, i) => r.resolve(results.read[i]));
      group.forEach((c, i) => c.resolve(results.claimed[i] as Claim));
    } catch (error) {
      for (const r of asked) r.reject(error);
      for (const c of group) c.reject(error);
      // A read given the failure reports it, as a read that wrote the queued outcomes itself did.
      if (done.length > 0 && asked.length === 0) failed ??= error;
    }
  };
  const rethrow = (): void => {
    if (failed === undefined) return;
    const error = failed;
    failed = undefined;
    throw error instanceof Error ? error : new Error('the bulk-capture journal could not record an outcome', { cause: error });
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    // The next turn: every row in flight that asks in this one joins the same commit.
    setImmediate(flush);
  };
  const later = (key: string, write: () => void): void => {
    const earlier = outcomes.get(key);
    outcomes.set(key, earlier ? () => (earlier(), write()) : write);
    schedule();
  };
  return {
    async get(key) {
      // A read sees this process's own queued outcomes: they are written first in its group.
      rethrow();
      return new Promise<JournalOp | undefined>((resolve, reject) => {
        reads.push({ key, resolve, reject });
        schedule();
      });
    },
    async found(key, orderId, captureId, at) {
      const when = at.toISOString();
      later(key, () => found.run(key, orderId, captureId, when));
    },
    claim(key, orderId, request, at) {
      return new Promise<Claim>((resolve, reject) => {
        claims.push({ args: [key, orderId, request, at], resolve, reject });
        schedule();
      });
    },
    async finish(key, state, fields, at) {
      const when = at.toISOString();
      later(key, () => finish.run(state, fields.capture_id ?? null, fields.reason ?? null, when, key, state));
    },
    async close() {
      // A claim still queued has sent nothing: it is refused, not committed after the run ended.
      const unsent = claims;
      const unread = reads;
      claims = [];
      reads = [];
      for (const c of unsent) c.reject(new Error('the bulk-capture journal is closed'));
      for (const r of unread) r.reject(new Error('the bulk-capture journal is closed'));
      try {
        flush();
        rethrow();
      } finally {
        db.close();
      }
    },
  };
}

