/** Orders this tool has seen (Kustom cannot list orders), and the events OM does not timestamp itself. */
import type { Order, OrderEvent } from '../../../domain/model/order.js';
import type { LedgerDb } from './database.js';

export interface OrderRow {
  order_id: string;
  store_id: string;
  link_id: string | null;
  merchant_reference1: string | null;
  merchant_reference2: string | null;
  status: string | null;
  created_at: string | null;
  email: string | null;
  snapshot: string | null;
  first_seen_at: string;
  refreshed_at: string | null;
}

export interface OrdersRepo {
  get(orderId: string): OrderRow | undefined;
  all(): OrderRow[];
  byReference(reference: string): OrderRow[];
  /** Records that an order exists (e.g. a link completed), without overwriting what is known. */
  remember(order: { order_id: string; store_id: string; link_id: string | null; merchant_reference1: string | null; merchant_reference2: string | null }, at: string): void;
  saveSnapshot(order: Order, at: string): void;
  addEvent(orderId: string, event: OrderEvent): void;
  events(orderId: string): OrderEvent[];
}

export function createOrdersRepo(db: LedgerDb): OrdersRepo {
  const one = db.prepare<[string], OrderRow>(`SELECT * FROM orders WHERE order_id = ?`);
  const all = db.prepare<[], OrderRow>(`SELECT * FROM orders ORDER BY COALESCE(created_at, first_seen_at) DESC, rowid DESC`);
  const byRef = db.prepare<[string, string], OrderRow>(
    `SELECT * FROM orders WHERE merchant_reference1 = ? OR merchant_reference2 = ? ORDER BY COALESCE(created_at, first_seen_at) DESC, rowid DESC`,
  );
  // Prepared once: a bulk capture saves a snapshot per order, and preparing costs as much as the write.
  const snapshot = db.prepare(
    `INSERT INTO orders (order_id, store_id, link_id, merchant_reference1, merchant_reference2, status, created_at, email, snapshot, first_seen_at, refreshed_at)
     VALUES (@order_id, @store_id, @link_id, @merchant_reference1, @merchant_reference2, @status, @created_at, @email, @snapshot, @at, @at)
     ON CONFLICT (order_id) DO UPDATE SET merchant_reference1 = excluded.merchant_reference1, merchant_reference2 = excluded.merchant_reference2,
       status = excluded.status, created_at = excluded.created_at, email = excluded.email, snapshot = excluded.snapshot,
       refreshed_at = excluded.refreshed_at, link_id = COALESCE(orders.link_id, excluded.link_id)`,
  );
  return {
    get: (id) => one.get(id),
    all: () => all.all(),
    byReference: (ref) => byRef.all(ref, ref),
    remember(o, at) {
      db.prepare(
        `INSERT INTO orders (order_id, store_id, link_id, merchant_reference1, merchant_reference2, first_seen_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (order_id) DO UPDATE SET link_id = COALESCE(orders.link_id, excluded.link_id)`,
      ).run(o.order_id, o.store_id, o.link_id, o.merchant_reference1, o.merchant_reference2, at);
    },
    saveSnapshot(order, at) {
      snapshot.run({
        order_id: order.order_id,
        store_id: order.store_id,
        link_id: order.link_id,
        merchant_reference1: order.merchant_reference1,
        merchant_reference2: order.merchant_reference2,
        status: order.status,
        created_at: order.created_at,
        email: order.customer.email ?? null,
        snapshot: JSON.stringify(order),
        at,
      });
    },
    addEvent(orderId, e) {
      db.prepare(`INSERT INTO order_events (order_id, at, type, amount, detail) VALUES (?, ?, ?, ?, ?)`).run(orderId, e.at, e.type, e.amount, e.detail);
    },
    events(orderId) {
      return db
        .prepare<[string], OrderEvent>(`SELECT at, type, amount, detail FROM order_events WHERE order_id = ? ORDER BY at, id`)
        .all(orderId);
    },
  };
}
