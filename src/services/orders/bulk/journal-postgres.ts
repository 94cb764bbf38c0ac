/**
 * The bulk-capture journal in the shared PostgreSQL database: one journal for every machine and CI runner
 * pointing at it, so runners given the same or overlapping inputs capture each order once between them.
 *
 * A new key is claimed by one `INSERT … ON CONFLICT DO NOTHING` (the claims the rows in flight ask for in
 * one turn share it, and each resolves once it has returned, so a claim is committed before its request);
 * a key that exists is claimed in one short transaction on the row (`SELECT … FOR UPDATE`, then an
 * UPDATE). The claiming runner's name and a lease go on the row with its `sending` state. The reads and
 * outcomes of one turn share a statement too (infra/postgres-batch.ts): a statement costs a round trip
 * and a commit whatever its row count.
 *
 * A row another runner holds under a live lease is waited for (its request takes one round trip; the wait
 * ends when it is recorded or the lease runs out). A row whose holder's lease ran out — the holder was
 * killed, or lost the database — is taken over: its outcome is unknown, so the caller reads the order
 * before re-sending the stored request under the same idempotency key. Lease times come from the database
 * server's clock, so machines with skewed clocks agree on them.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { CaptureRequest } from '../../../backends/backend.js';
import { assertMigrated } from '../../../infra/postgres-migrate.js';
import { lookupByKey, rounds, turnBatch } from '../../../infra/postgres-batch.js';
import { openSharedDatabase, type PgClient } from '../../../infra/postgres.js';
import { JOURNAL_LABEL, JOURNAL_MIGRATIONS, parse, type Claim, type Journal, type JournalOp, type OpState, type StoredOp } from './journal.js';

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

/** Connections a bulk run's statements use at once, about (journal, ledger and log, one statement per kind). */
const WARM_CONNECTIONS = 8;

const SERVER_NOW = `to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const LEASE_END = `to_char((clock_timestamp() + $LEASE * interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

type Row = StoredOp & { claimed_by: string | null; lease_until: string | null; live: boolean };
type NewClaim = { key: string; orderId: string; body: string; at: string };
type Outcome = { key: string; state: Exclude<OpState, 'sending'>; captureId: string | null; reason: string | null; at: string };

export async function openPostgresJournal(url: string, options: PostgresJournalOptions = {}): Promise<Journal> {
  const db = await openSharedDatabase(url);
  try {
    await assertMigrated(db.pool, [{ name: 'journal', label: JOURNAL_LABEL, migrations: JOURNAL_MIGRATIONS }], db.shown);
  } catch (error) {
    await db.close();
    throw db.failure(error);
  }
  // Opened before the plan is read: the connections the rows in flight will use log in meanwhile.
  db.warm(WARM_CONNECTIONS);
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
   * Keys no runner has journaled yet are claimed by one INSERT for the rows of a turn (atomic on its own,
   * so no transaction, and one round trip for them all): the common case of every new row. A caller's
   * promise resolves once the INSERT has returned, so its claim is committed before its request. Undefined
   * for a key that exists (or comes twice in the turn): that one goes the way of an existing row.
   */
  const insertClaims = async (claims: NewClaim[]): Promise<(Claim | undefined)[]> => {
    const { rows } = await pool.query<Row>(
      `INSERT INTO capture_ops (op_key, order_id, state, attempts, request, first_sent_at, updated_at, claimed_by, lease_until)
       SELECT k, o, 'sending', 1, r, a, a, $5, ${leaseEnd(6)} FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS v(k, o, r, a)
       ON CONFLICT (op_key) DO NOTHING RETURNING *`,
      [claims.map((c) => c.key), claims.map((c) => c.orderId), claims.map((c) => c.body), claims.map((c) => c.at), me, leaseMs],
    );
    const fresh = new Map(rows.map((row) => [row.op_key, row]));
    return claims.map((c) => {
      const row = fresh.get(c.key);
      fresh.delete(c.key);
      return row ? { claimed: true, op: toOp(row) as JournalOp, takenOver: false } : undefined;
    });
  };
  const claimNew = turnBatch(insertClaims, async (claim) => (await insertClaims([claim]))[0]);
  const byKey = lookupByKey(async (keys) => (await pool.query<Row>(`SELECT * FROM capture_ops WHERE op_key = ANY($1::text[])`, [keys])).rows, (row) => row.op_key);
  /** The outcomes recorded in one turn: one UPDATE (a key twice in the turn is written in a second round). */
  const finishMany = async (outcomes: Outcome[]): Promise<void[]> => {
    for (const round of rounds(outcomes, (o) => o.key)) {
      await pool.query(
        // Never downgrade a capture another runner has already recorded.
        `UPDATE capture_ops c SET state = v.s, capture_id = COALESCE(v.id, c.capture_id), reason = v.r, updated_at = v.a, claimed_by = NULL, lease_until = NULL
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS v(k, s, id, r, a)
         WHERE c.op_key = v.k AND (c.state <> 'captured' OR v.s = 'captured')`,
        [round.map((o) => o.key), round.map((o) => o.state), round.map((o) => o.captureId), round.map((o) => o.reason), round.map((o) => o.at)],
      );
    }
    return outcomes.map(() => undefined);
  };
  const finishOne = turnBatch(finishMany, async (outcome) => (await finishMany([outcome]))[0]);

  /**
   * One attempt at claiming a key that exists: the claim, a refusal (captured), or `held` (another runner's
   * live lease). A row deleted since cannot be: rows are never deleted.
   */
  const tryClaim = async (client: PgClient, key: string, orderId: string, request: CaptureRequest, at: string): Promise<Claim | 'held'> => {
    const body = JSON.stringify(request);
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

  const journal: Journal = {
    async get(key) {
      return toOp(await byKey(key));
    },
    async claim(key, orderId, request, at) {
      const fresh = await claimNew({ key, orderId, body: JSON.stringify(request), at: at.toISOString() });
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
      await finishOne({ key, state, captureId: fields.capture_id ?? null, reason: fields.reason ?? null, at: at.toISOString() });
    },
    async found(key, orderId, captureId, at) {
      await pool.query(
        `INSERT INTO capture_ops (op_key, order_id, state, capture_id, updated_at) VALUES ($1, $2, 'captured', $3, $4)
         ON CONFLICT (op_key) DO UPDATE SET state = 'captured', capture_id = excluded.capture_id, reason = NULL, updated_at = excluded.updated_at,
           claimed_by = NULL, lease_until = NULL
         WHERE capture_ops.state <> 'captured'`,
        [key, orderId, captureId, at.toISOString()],
      );
    },
    close: () => db.close(),
  };
  return {
    get: (key) => guarded(() => journal.get(key)),
    claim: (key, orderId, request, at) => guarded(() => journal.claim(key, orderId, request, at)),
    finish: (key, state, fields, at) => guarded(() => journal.finish(key, state, fields, at)),
    found: (key, orderId, captureId, at) => guarded(() => journal.found(key, orderId, captureId, at)),
    close: () => db.close().catch(() => undefined),
  };
}
