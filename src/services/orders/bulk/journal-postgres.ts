/**
 * The bulk-capture journal in the shared PostgreSQL database: one journal for every machine and CI runner
 * pointing at it, so runners given the same or overlapping inputs capture each order once between them.
 *
 * A claim is one short transaction on the row (`INSERT … ON CONFLICT DO NOTHING`, then `SELECT … FOR
 * UPDATE`): the claiming runner's name and a lease go on the row with its `sending` state. A row another
 * runner holds under a live lease is waited for (its request takes one round trip; the wait ends when it
 * is recorded or the lease runs out). A row whose holder's lease ran out — the holder was killed, or lost
 * the database — is taken over: its outcome is unknown, so the caller reads the order before re-sending
 * the stored request under the same idempotency key. Lease times come from the database server's clock,
 * so machines with skewed clocks agree on them.
 *
 * Group statements (as the SQLite journal's group commit): the new claims, reads and outcomes the rows in
 * flight ask for in one turn of the event loop each go to the server as ONE statement over all their keys.
 * A claim resolves once its INSERT has committed, so it is durable before its request is sent. Outcomes
 * are queued and written with the next group (or before a read of the key, or at close): an outcome lost
 * to a kill leaves its row `sending` under the dead runner's lease, which the next runner takes over and
 * reconciles from the order — the same as a kill between the request and its own write. An outcome that
 * could not be written is reported by the next read, claim or close, which stops the run.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { CaptureRequest } from '../../../backends/backend.js';
import { assertMigrated } from '../../../infra/postgres-migrate.js';
import { openSharedDatabase, type PgClient } from '../../../infra/postgres.js';
import { JOURNAL_LABEL, JOURNAL_MIGRATIONS, parse, type Claim, type Journal, type JournalOp, type StoredOp } from './journal.js';

export interface PostgresJournalOptions {
  /** How long a claim holds a row before another runner may take it over (default 60 s). */
  leaseMs?: number;
  /** How often a runner waiting for a row held by another looks again. */
  pollMs?: number;
}

/** `MERCHANT_JOURNAL_LEASE_MS` shortens the lease (tests of a killed runner; runners on a fast network). */
export function journalLeaseMs(env: Readonly<Record<string, string | undefined>>): number {
  const value = Number(env['MERCHANT_JOURNAL_LEASE_MS']);
  return Number.isSafeInteger(value) && value > 0 ? value : 60_000;
}

const SERVER_NOW = `to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const LEASE_END = `to_char((clock_timestamp() + $LEASE * interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

type Row = StoredOp & { claimed_by: string | null; lease_until: string | null; live: boolean };

export async function openPostgresJournal(url: string, options: PostgresJournalOptions = {}): Promise<Journal> {
  const db = await openSharedDatabase(url);
  try {
    await assertMigrated(db.pool, [{ name: 'journal', label: JOURNAL_LABEL, migrations: JOURNAL_MIGRATIONS }], db.shown);
  } catch (error) {
    await db.close();
    throw db.failure(error);
  }
  const leaseMs = options.leaseMs ?? journalLeaseMs(process.env);
  const pollMs = options.pollMs ?? Math.min(200, Math.max(10, Math.floor(leaseMs / 10)));
  const me = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const pool = db.pool;
  const leaseEnd = (param: number): string => LEASE_END.replace('$LEASE', `$${param}::bigint`);
  const toOp = (row: StoredOp | undefined): JournalOp | undefined => {
    if (!row) return undefined;
    const { claimed_by: _c, lease_until: _l, live: _v, ...op } = row as Row;
    return parse({ ...op, attempts: Number(op.attempts) });
  };

  /**
   * A key no runner has journaled yet is claimed by one INSERT (atomic on its own, so no transaction and
   * one round trip): the common case of every new row. Undefined when the key exists.
   */
  const claimNew = async (client: Pick<PgClient, 'query'>, key: string, orderId: string, body: string, at: string): Promise<Claim | undefined> => {
    const inserted = await client.query<Row>(
      `INSERT INTO capture_ops (op_key, order_id, state, attempts, request, first_sent_at, updated_at, claimed_by, lease_until)
       VALUES ($1, $2, 'sending', 1, $3, $4, $4, $5, ${leaseEnd(6)}) ON CONFLICT (op_key) DO NOTHING RETURNING *`,
      [key, orderId, body, at, me, leaseMs],
    );
    return inserted.rows[0] ? { claimed: true, op: toOp(inserted.rows[0]) as JournalOp, takenOver: false } : undefined;
  };

  /** One attempt at claiming: the claim, a refusal (captured), or `held` (another runner's live lease). */
  const tryClaim = async (client: PgClient, key: string, orderId: string, request: CaptureRequest, at: string): Promise<Claim | 'held'> => {
    const body = JSON.stringify(request);
    const fresh = await claimNew(client, key, orderId, body, at);
    if (fresh) return fresh;
    const existing = (await client.query<Row>(`SELECT *, lease_until > ${SERVER_NOW} AS live FROM capture_ops WHERE op_key = $1 FOR UPDATE`, [key])).rows[0] as Row;
    if (existing.state === 'captured') return { claimed: false, op: toOp(existing) as JournalOp };
    const heldByOther = existing.state === 'sending' && existing.claimed_by !== null && existing.claimed_by !== me;
    if (heldByOther && existing.live) return 'held';
    // A failed send is over: the request as planned now is sent. An open one keeps its request.
    const updated = await client.query<Row>(
      `UPDATE capture_ops SET state = 'sending', attempts = attempts + 1, reason = NULL, updated_at = $2, claimed_by = $4, lease_until = ${leaseEnd(5)},
         request = CASE WHEN state = 'failed' OR request IS NULL THEN $3 ELSE request END,
         first_sent_at = CASE WHEN state = 'failed' THEN $2 ELSE COALESCE(first_sent_at, $2) END
       WHERE op_key = $1 RETURNING *`,
      [key, at, body, me, leaseMs],
    );
    return { claimed: true, op: toOp(updated.rows[0]) as JournalOp, takenOver: heldByOther };
  };

  // A lost or silent server is reported naming its host and port (the caller stops the run on it).
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw db.failure(error);
    }
  };

  type Outcome = { key: string; write: 'finish' | 'found'; order: string | null; state: string; capture: string | null; reason: string | null; at: string };
  // Never downgrade a capture another runner has already recorded.
  const FINISH = `UPDATE capture_ops SET state = o.state, capture_id = COALESCE(o.capture_id, capture_ops.capture_id), reason = o.reason, updated_at = o.at,
      claimed_by = NULL, lease_until = NULL
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS o(op_key, state, capture_id, reason, at)
    WHERE capture_ops.op_key = o.op_key AND (capture_ops.state <> 'captured' OR o.state = 'captured')`;
  const finishParams = (rows: Outcome[]): (string | null)[][] => [rows.map((o) => o.key), rows.map((o) => o.state), rows.map((o) => o.capture), rows.map((o) => o.reason), rows.map((o) => o.at)];
  /** Writes a group's outcomes: one statement per kind, in rounds so a key named twice is written in order. */
  const writeOutcomes = async (group: Outcome[]): Promise<void> => {
    for (let rest = group; rest.length > 0; ) {
      const seen = new Set<string>();
      const round = rest.filter((o) => !seen.has(o.key) && seen.add(o.key));
      rest = rest.filter((o) => !round.includes(o));
      const finishes = round.filter((o) => o.write === 'finish');
      const founds = round.filter((o) => o.write === 'found');
      if (finishes.length > 0) await pool.query(FINISH, finishParams(finishes));
      if (founds.length > 0)
        await pool.query(
          `INSERT INTO capture_ops (op_key, order_id, state, capture_id, updated_at)
           SELECT o.op_key, o.order_id, 'captured', o.capture_id, o.at FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS o(op_key, order_id, capture_id, at)
           ON CONFLICT (op_key) DO UPDATE SET state = 'captured', capture_id = excluded.capture_id, reason = NULL, updated_at = excluded.updated_at,
             claimed_by = NULL, lease_until = NULL
           WHERE capture_ops.state <> 'captured'`,
          [founds.map((o) => o.key), founds.map((o) => o.order), founds.map((o) => o.capture), founds.map((o) => o.at)],
        );
    }
  };

  type Waiter<T> = { key: string; resolve: (value: T) => void; reject: (error: unknown) => void };
  type NewClaim = Waiter<Claim | undefined> & { order: string; body: string; at: string };
  let outcomes: Outcome[] = [];
  let claims: NewClaim[] = [];
  let reads: Waiter<Row | undefined>[] = [];
  let scheduled = false;
  const running = new Set<Promise<void>>();
  // An outcome that could not be written is reported by the next read, claim or close, not lost in a timer.
  let failed: unknown;
  const rethrow = (): void => {
    if (failed === undefined) return;
    const error = failed;
    failed = undefined;
    throw error instanceof Error ? error : new Error('the bulk-capture journal could not record an outcome', { cause: error });
  };

  /** The new claims of a group: one INSERT; a key it did not insert exists already (undefined). */
  const insertClaims = async (group: NewClaim[]): Promise<void> => {
    const inserted = await pool.query<Row>(
      `INSERT INTO capture_ops (op_key, order_id, state, attempts, request, first_sent_at, updated_at, claimed_by, lease_until)
       SELECT c.op_key, c.order_id, 'sending', 1, c.request, c.at, c.at, $5, ${leaseEnd(6)}
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS c(op_key, order_id, request, at)
       ON CONFLICT (op_key) DO NOTHING RETURNING *`,
      [group.map((c) => c.key), group.map((c) => c.order), group.map((c) => c.body), group.map((c) => c.at), me, leaseMs],
    );
    const rows = new Map(inserted.rows.map((row) => [row.op_key, row]));
    for (const c of group) {
      const row = rows.get(c.key);
      // A key named twice in one group is inserted once: the other claim takes the existing-key path.
      rows.delete(c.key);
      c.resolve(row ? { claimed: true, op: toOp(row) as JournalOp, takenOver: false } : undefined);
    }
  };
  /**
   * The reads of a group; `finishes` (outcomes of other keys) ride along in the same statement, a CTE
   * whose failure is reported like any outcome's.
   */
  const readRows = async (group: Waiter<Row | undefined>[], finishes: Outcome[] = []): Promise<void> => {
    const keys = group.map((r) => r.key);
    const found = await (finishes.length === 0
      ? pool.query<Row>(`SELECT * FROM capture_ops WHERE op_key = ANY($1::text[])`, [keys])
      : pool.query<Row>(`WITH done AS (${FINISH}) SELECT * FROM capture_ops WHERE op_key = ANY($6::text[])`, [...finishParams(finishes), keys]).catch((error: unknown) => {
          failed ??= db.failure(error);
          throw error;
        }));
    const rows = new Map(found.rows.map((row) => [row.op_key, row]));
    for (const r of group) r.resolve(rows.get(r.key));
  };
  const settle = async <W extends Waiter<never>>(group: W[], work: (group: W[]) => Promise<void>): Promise<void> => {
    if (group.length === 0) return;
    try {
      await work(group);
    } catch (error) {
      for (const waiter of group) waiter.reject(db.failure(error));
    }
  };
  const flush = (): Promise<void> => {
    scheduled = false;
    const done = outcomes;
    const newClaims = claims;
    const wanted = reads;
    outcomes = [];
    claims = [];
    reads = [];
    // A read or claim of a key whose outcome is in this group waits for it; the others go at once.
    const outcomeKeys = new Set(done.map((o) => o.key));
    const overlaps = [...newClaims, ...wanted].some((w) => outcomeKeys.has(w.key));
    // The common group, outcomes of rows just answered and reads of the next rows: one statement.
    const together = wanted.length > 0 && !overlaps && outcomeKeys.size === done.length && done.every((o) => o.write === 'finish');
    const separate = together ? [] : done;
    const written = separate.length === 0 ? Promise.resolve() : writeOutcomes(separate).catch((error: unknown) => void (failed ??= db.failure(error)));
    const after = async (work: () => Promise<void>): Promise<void> => {
      if (overlaps) await written;
      if (failed !== undefined) {
        const error = failed;
        for (const waiter of [...newClaims, ...wanted]) waiter.reject(error);
        return;
      }
      await work();
    };
    const group = Promise.all([written, after(() => settle(newClaims, insertClaims)), after(() => settle(wanted, (group) => readRows(group, together ? done : [])))]).then(() => undefined);
    running.add(group);
    void group.finally(() => running.delete(group));
    return group;
  };
  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    // The next turn: every row in flight that asks in this one joins the same statements.
    setImmediate(() => void flush());
  };
  const enqueue = <T>(queue: Waiter<T>[], waiter: Omit<Waiter<T>, 'resolve' | 'reject'>): Promise<T> => {
    rethrow();
    return new Promise<T>((resolve, reject) => {
      queue.push({ ...waiter, resolve, reject });
      schedule();
    });
  };
  const later = (outcome: Outcome): void => {
    rethrow();
    outcomes.push(outcome);
    schedule();
  };

  const journal: Journal = {
    async get(key) {
      return toOp(await enqueue(reads, { key }));
    },
    async claim(key, orderId, request, at) {
      const fresh = await enqueue<Claim | undefined>(claims, { key, order: orderId, body: JSON.stringify(request), at: at.toISOString() } as Omit<NewClaim, 'resolve' | 'reject'>);
      if (fresh) return fresh;
      // The key exists: read it under a row lock and decide (captured, held by another, or ours to resend).
      for (;;) {
        const client = await pool.connect();
        let result: Claim | 'held';
        try {
          await client.query('BEGIN');
          result = await tryClaim(client, key, orderId, request, at.toISOString());
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        } finally {
          client.release();
        }
        if (result !== 'held') return result;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    },
    async finish(key, state, fields, at) {
      later({ key, write: 'finish', order: null, state, capture: fields.capture_id ?? null, reason: fields.reason ?? null, at: at.toISOString() });
    },
    async found(key, orderId, captureId, at) {
      later({ key, write: 'found', order: orderId, state: 'captured', capture: captureId, reason: null, at: at.toISOString() });
    },
    async close() {
      // A claim still queued has sent nothing: it is refused, not written after the run ended.
      const unsent = claims;
      claims = [];
      for (const c of unsent) c.reject(new Error('the bulk-capture journal is closed'));
      // An outcome not written by now leaves its row `sending`: the next runner reconciles it from the order.
      await flush();
      await Promise.all([...running]);
      failed = undefined;
      await db.close().catch(() => undefined);
    },
  };
  return {
    get: (key) => guarded(() => journal.get(key)),
    claim: (key, orderId, request, at) => guarded(() => journal.claim(key, orderId, request, at)),
    finish: (key, state, fields, at) => guarded(() => journal.finish(key, state, fields, at)),
    found: (key, orderId, captureId, at) => guarded(() => journal.found(key, orderId, captureId, at)),
    close: () => journal.close(),
  };
}
