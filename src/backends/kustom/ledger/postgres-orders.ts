/**
 * The ledger's orders seen, their events, and OM writes by key, in the shared PostgreSQL database.
 *
 * A bulk run asks for the same few statements for every row in flight; they share round trips
 * (infra/postgres-batch.ts) as the SQLite ledger's writes share commits: the reads and claims asked for in
 * one turn are one statement each (a claim still resolves only once it is committed, before its request,
 * and answers a key's earlier use from the same statement),
 * and an order's snapshot and a write's result ID are deferred writes, written together. A read of a key
 * (or of the whole table) writes this process's deferred writes first.
 */
import type { Order, OrderEvent } from '../../../domain/model/order.js';
import { lookupByKey, turnBatch, type DeferredKind, type DeferredWrites } from '../../../infra/postgres-batch.js';
import type { PgPool } from '../../../infra/postgres.js';
import type { OperationsLedger, OrdersLedger } from './ledger.js';
import { keyReusedElsewhere, type OperationRow } from './operations-repo.js';
import { parseSnapshot, type OrderOrigin, type OrderRow } from './orders-repo.js';

const ORDER_COLUMNS = `order_id, store_id, link_id, merchant_reference1, merchant_reference2, status, created_at, email, snapshot, first_seen_at, refreshed_at`;
const NEWEST_FIRST = `ORDER BY COALESCE(created_at, first_seen_at) DESC, seq DESC`;
const OPERATION_COLUMNS = `idempotency_key, order_id, operation, result_id, created_at`;

/** The deferred writes' keys: an order's row and an operation's row live in different tables. */
export const orderKey = (orderId: string): string => `order:${orderId}`;
const operationKey = (key: string): string => `op:${key}`;

type Snapshot = [order: Order, at: string];

const SNAPSHOT_UPSERT = `INSERT INTO orders (order_id, store_id, link_id, merchant_reference1, merchant_reference2, status, created_at, email, snapshot, first_seen_at, refreshed_at)
  SELECT o, s, l, r1, r2, st, c, e, sn, a, a
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[]) AS v(o, s, l, r1, r2, st, c, e, sn, a)
  ON CONFLICT (order_id) DO UPDATE SET merchant_reference1 = excluded.merchant_reference1, merchant_reference2 = excluded.merchant_reference2,
    status = excluded.status, created_at = excluded.created_at, email = excluded.email, snapshot = excluded.snapshot,
    refreshed_at = excluded.refreshed_at, link_id = COALESCE(orders.link_id, excluded.link_id)`;

function snapshots(pool: PgPool): DeferredKind<Snapshot> {
  return {
    key: ([order]) => orderKey(order.order_id),
    write: (items) =>
      pool.query(SNAPSHOT_UPSERT, [
        items.map(([o]) => o.order_id),
        items.map(([o]) => o.store_id),
        items.map(([o]) => o.link_id),
        items.map(([o]) => o.merchant_reference1),
        items.map(([o]) => o.merchant_reference2),
        items.map(([o]) => o.status),
        items.map(([o]) => o.created_at),
        items.map(([o]) => o.customer.email ?? null),
        items.map(([o]) => JSON.stringify(o)),
        items.map(([, at]) => at),
      ]),
  };
}

type Revision = [orderId: string, at: string, next: (stored: Order | undefined) => Order | undefined];

/** Revisions of stored snapshots: the round's rows read in one statement, the orders made of them written in another. */
function revisions(pool: PgPool, snapshot: DeferredKind<Snapshot>): DeferredKind<Revision> {
  return {
    key: ([orderId]) => orderKey(orderId),
    async write(items) {
      const { rows } = await pool.query<{ order_id: string; snapshot: string | null }>(`SELECT order_id, snapshot FROM orders WHERE order_id = ANY($1::text[])`, [items.map(([id]) => id)]);
      const stored = new Map(rows.map((r) => [r.order_id, r.snapshot]));
      const revised: Snapshot[] = [];
      for (const [orderId, at, next] of items) {
        const order = next(parseSnapshot(stored.get(orderId)));
        if (order) revised.push([order, at]);
      }
      if (revised.length > 0) await snapshot.write(revised);
    },
  };
}

export function createPostgresOrders(pool: PgPool, deferred: DeferredWrites): OrdersLedger {
  const byId = lookupByKey(async (ids) => (await pool.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE order_id = ANY($1::text[])`, [ids])).rows, (r) => r.order_id);
  const origins = lookupByKey(
    async (ids) =>
      (
        await pool.query<OrderOrigin & { id: string }>(
          `SELECT v.id, o.store_id, COALESCE(o.link_id, (SELECT l.link_id FROM links l WHERE l.order_id = v.id AND l.link_id IS NOT NULL ORDER BY l.created_at DESC, l.seq DESC LIMIT 1)) AS link_id
           FROM unnest($1::text[]) AS v(id) LEFT JOIN orders o ON o.order_id = v.id`,
          [ids],
        )
      ).rows,
    (r) => r.id,
  );
  const snapshot = snapshots(pool);
  const revision = revisions(pool, snapshot);
  return {
    async get(id) {
      await deferred.settle(orderKey(id));
      return byId(id);
    },
    async origin(id) {
      await deferred.settle(orderKey(id));
      const found = await origins(id);
      return { store_id: found?.store_id ?? null, link_id: found?.link_id ?? null };
    },
    async all() {
      await deferred.settle();
      return (await pool.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders ${NEWEST_FIRST}`)).rows;
    },
    async byReference(ref) {
      await deferred.settle();
      return (await pool.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE merchant_reference1 = $1 OR merchant_reference2 = $1 ${NEWEST_FIRST}`, [ref])).rows;
    },
    async remember(o, at) {
      await deferred.settle(orderKey(o.order_id));
      await pool.query(
        `INSERT INTO orders (order_id, store_id, link_id, merchant_reference1, merchant_reference2, first_seen_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (order_id) DO UPDATE SET link_id = COALESCE(orders.link_id, excluded.link_id)`,
        [o.order_id, o.store_id, o.link_id, o.merchant_reference1, o.merchant_reference2, at],
      );
    },
    async saveSnapshot(order, at) {
      deferred.add(snapshot, [order, at]);
    },
    async reviseSnapshot(orderId, at, next) {
      deferred.add(revision, [orderId, at, next]);
    },
    async addEvent(orderId, e) {
      await pool.query(`INSERT INTO order_events (order_id, at, type, amount, detail) VALUES ($1, $2, $3, $4, $5)`, [orderId, e.at, e.type, e.amount, e.detail]);
    },
    async events(orderId) {
      const { rows } = await pool.query<OrderEvent & { amount: string | null }>(`SELECT at, type, amount, detail FROM order_events WHERE order_id = $1 ORDER BY at, id`, [orderId]);
      return rows.map((r) => ({ ...r, amount: r.amount === null ? null : Number(r.amount) }));
    },
  };
}

type Claim = [key: string, orderId: string, operation: string, at: string];

/**
 * The claims of a turn in one statement: each key is inserted unless it exists, and for a key that existed
 * the row as it was is returned beside it, so a claim needs no read of its own. The INSERT's rows are not
 * visible to the statement's own read, so a fresh key reads no row and `fresh` says it was inserted.
 */
const CLAIM_OR_FIND = `WITH v AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS v(k, o, op, a)),
  ins AS (INSERT INTO om_operations (idempotency_key, order_id, operation, created_at) SELECT k, o, op, a FROM v
    ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key)
  SELECT v.k, ins.idempotency_key IS NOT NULL AS fresh, ${OPERATION_COLUMNS.split(', ').map((c) => `e.${c}`).join(', ')}
  FROM v LEFT JOIN ins ON ins.idempotency_key = v.k LEFT JOIN om_operations e ON e.idempotency_key = v.k`;

/** What one claim learned: recorded now, the earlier row, or neither (see `claimsOrRows`). */
type ClaimAnswer = 'claimed' | OperationRow | 'unseen';

/**
 * A key another process inserted after this statement's snapshot was taken, but before its INSERT, is
 * neither inserted nor read (`unseen`); so is a key asked for twice in one turn, after its first asker.
 * Both are read again once the statement has returned (the row is committed by then).
 */
async function claimsOrRows(pool: PgPool, claims: Claim[]): Promise<ClaimAnswer[]> {
  const { rows } = await pool.query<OperationRow & { k: string; fresh: boolean }>(CLAIM_OR_FIND, [0, 1, 2, 3].map((i) => claims.map((c) => c[i])));
  const byKey = new Map(rows.map((r) => [r.k, r]));
  const answered = new Set<string>();
  return claims.map(([key]): ClaimAnswer => {
    const row = byKey.get(key);
    const first = !answered.has(key);
    answered.add(key);
    if (!row || !first) return 'unseen';
    if (row.fresh) return 'claimed';
    if (row.idempotency_key === null) return 'unseen';
    const { k: _k, fresh: _f, ...earlier } = row;
    return earlier;
  });
}

export function createPostgresOperations(pool: PgPool, deferred: DeferredWrites): OperationsLedger {
  const byKey = lookupByKey(
    async (keys) => (await pool.query<OperationRow>(`SELECT ${OPERATION_COLUMNS} FROM om_operations WHERE idempotency_key = ANY($1::text[])`, [keys])).rows,
    (r) => r.idempotency_key,
  );
  const find = async (key: string, orderId: string, operation: string): Promise<OperationRow | undefined> => {
    await deferred.settle(operationKey(key));
    const existing = await byKey(key);
    if (existing && (existing.order_id !== orderId || existing.operation !== operation)) throw keyReusedElsewhere(key, existing, operation);
    return existing;
  };
  const claimed = turnBatch(
    (claims: Claim[]) => claimsOrRows(pool, claims),
    async (claim) => (await claimsOrRows(pool, [claim]))[0] as ClaimAnswer,
  );
  const claimOrFind = async (key: string, orderId: string, operation: string, at: string): Promise<OperationRow | undefined> => {
    // A result ID this process has not written yet belongs to the earlier use: written first, then read.
    await deferred.settle(operationKey(key));
    const answer = await claimed([key, orderId, operation, at]);
    if (answer === 'claimed') return undefined;
    if (answer === 'unseen') return (await find(key, orderId, operation)) ?? claimOrFind(key, orderId, operation, at);
    if (answer.order_id !== orderId || answer.operation !== operation) throw keyReusedElsewhere(key, answer, operation);
    return answer;
  };
  const results: DeferredKind<[key: string, resultId: string]> = {
    key: ([key]) => operationKey(key),
    write: (items) =>
      pool.query(`UPDATE om_operations o SET result_id = v.r FROM unnest($1::text[], $2::text[]) AS v(k, r) WHERE o.idempotency_key = v.k`, [
        items.map(([key]) => key),
        items.map(([, id]) => id),
      ]),
  };
  return {
    find,
    async claim(key, orderId, operation, at) {
      await claimOrFind(key, orderId, operation, at);
    },
    claimOrFind,
    async setResult(key, resultId) {
      deferred.add(results, [key, resultId]);
    },
  };
}
