/** The ledger's orders seen, their events, and OM writes by key, in the shared PostgreSQL database. */
import type { OrderEvent } from '../../../domain/model/order.js';
import type { PgPool } from '../../../infra/postgres.js';
import type { OperationsLedger, OrdersLedger } from './ledger.js';
import { keyReusedElsewhere, type OperationRow } from './operations-repo.js';
import type { OrderRow } from './orders-repo.js';

const ORDER_COLUMNS = `order_id, store_id, link_id, merchant_reference1, merchant_reference2, status, created_at, email, snapshot, first_seen_at, refreshed_at`;
const NEWEST_FIRST = `ORDER BY COALESCE(created_at, first_seen_at) DESC, seq DESC`;

export function createPostgresOrders(pool: PgPool): OrdersLedger {
  return {
    async get(id) {
      return (await pool.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE order_id = $1`, [id])).rows[0];
    },
    async all() {
      return (await pool.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders ${NEWEST_FIRST}`)).rows;
    },
    async byReference(ref) {
      return (await pool.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE merchant_reference1 = $1 OR merchant_reference2 = $1 ${NEWEST_FIRST}`, [ref])).rows;
    },
    async remember(o, at) {
      await pool.query(
        `INSERT INTO orders (order_id, store_id, link_id, merchant_reference1, merchant_reference2, first_seen_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (order_id) DO UPDATE SET link_id = COALESCE(orders.link_id, excluded.link_id)`,
        [o.order_id, o.store_id, o.link_id, o.merchant_reference1, o.merchant_reference2, at],
      );
    },
    async saveSnapshot(order, at) {
      await pool.query(
        `INSERT INTO orders (order_id, store_id, link_id, merchant_reference1, merchant_reference2, status, created_at, email, snapshot, first_seen_at, refreshed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
         ON CONFLICT (order_id) DO UPDATE SET merchant_reference1 = excluded.merchant_reference1, merchant_reference2 = excluded.merchant_reference2,
           status = excluded.status, created_at = excluded.created_at, email = excluded.email, snapshot = excluded.snapshot,
           refreshed_at = excluded.refreshed_at, link_id = COALESCE(orders.link_id, excluded.link_id)`,
        [
          order.order_id,
          order.store_id,
          order.link_id,
          order.merchant_reference1,
          order.merchant_reference2,
          order.status,
          order.created_at,
          order.customer.email ?? null,
          JSON.stringify(order),
          at,
        ],
      );
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

export function createPostgresOperations(pool: PgPool): OperationsLedger {
  const find = async (key: string, orderId: string, operation: string): Promise<OperationRow | undefined> => {
    const existing = (await pool.query<OperationRow>(`SELECT idempotency_key, order_id, operation, result_id, created_at FROM om_operations WHERE idempotency_key = $1`, [key])).rows[0];
    if (existing && (existing.order_id !== orderId || existing.operation !== operation)) throw keyReusedElsewhere(key, existing, operation);
    return existing;
  };
  return {
    find,
    async claim(key, orderId, operation, at) {
      await pool.query(`INSERT INTO om_operations (idempotency_key, order_id, operation, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (idempotency_key) DO NOTHING`, [
        key,
        orderId,
        operation,
        at,
      ]);
      // The key may have been there already, from this operation (a retry) or, refused here, another one.
      await find(key, orderId, operation);
    },
    async setResult(key, resultId) {
      await pool.query(`UPDATE om_operations SET result_id = $1 WHERE idempotency_key = $2`, [resultId, key]);
    },
  };
}
