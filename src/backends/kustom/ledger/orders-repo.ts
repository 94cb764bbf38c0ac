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

/** What the ledger knows of an order's origin: its store and the payment link that made it (null: not known). */
export interface OrderOrigin {
  store_id: string | null;
  link_id: string | null;
}

export interface OrdersRepo {
  get(orderId: string): OrderRow | undefined;
  /**
   * The order's store and link: the order's row, or for a link the order row does not name, the newest
   * link that completed into it. One read for what every read of an order from Kustom needs (a bulk plan
   * reads one per row).
   */
  origin(orderId: string): OrderOrigin;
  all(): OrderRow[];
  byReference(reference: string): OrderRow[];
  /** Records that an order exists (e.g. a link completed), without overwriting what is known. */
  remember(order: { order_id: string; store_id: string; link_id: string | null; merchant_reference1: string | null; merchant_reference2: string | null }, at: string): void;
  saveSnapshot(order: Order, at: string): void;
  /**
   * Stores the order `next` makes of the stored snapshot (undefined: the ledger has none, or none it can
   * read), or nothing when `next` gives undefined. The read and the write are one step, so a deferred
   * revision (the order after a capture) reads the row as its commit finds it, not a read of its own.
   */
  reviseSnapshot(orderId: string, at: string, next: (stored: Order | undefined) => Order | undefined): void;
  addEvent(orderId: string, event: OrderEvent): void;
  events(orderId: string): OrderEvent[];
}

export function createOrdersRepo(db: LedgerDb): OrdersRepo {
  const one = db.prepare<[string], OrderRow>(`SELECT * FROM orders WHERE order_id = ?`);
  // The newest link is sorted for only when the order has one: most orders read (a bulk plan's) have none,
  // and setting up the sort costs more than the rest of the read.
  const origin = db.prepare<[string], OrderOrigin>(
    `SELECT o.store_id, COALESCE(o.link_id, CASE WHEN EXISTS (SELECT 1 FROM links x WHERE x.order_id = v.id)
       THEN (SELECT l.link_id FROM links l WHERE l.order_id = v.id AND l.link_id IS NOT NULL ORDER BY l.created_at DESC, l.rowid DESC LIMIT 1) END) AS link_id
     FROM (SELECT ? AS id) v LEFT JOIN orders o ON o.order_id = v.id`,
  );
  const all = db.prepare<[], OrderRow>(`SELECT * FROM orders ORDER BY COALESCE(created_at, first_seen_at) DESC, rowid DESC`);
  const byRef = db.prepare<[string, string], OrderRow>(
    `SELECT * FROM orders WHERE merchant_reference1 = ? OR merchant_reference2 = ? ORDER BY COALESCE(created_at, first_seen_at) DESC, rowid DESC`,
  );
  // Prepared once: a bulk capture saves a snapshot per order, and preparing costs as much as the write.
  // Bound by position: binding by name costs a lookup per parameter, twice per order in a bulk capture.
  const snapshot = db.prepare(
    `INSERT INTO orders (order_id, store_id, link_id, merchant_reference1, merchant_reference2, status, created_at, email, snapshot, first_seen_at, refreshed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (order_id) DO UPDATE SET merchant_reference1 = excluded.merchant_reference1, merchant_reference2 = excluded.merchant_reference2,
       status = excluded.status, created_at = excluded.created_at, email = excluded.email, snapshot = excluded.snapshot,
       refreshed_at = excluded.refreshed_at, link_id = COALESCE(orders.link_id, excluded.link_id)`,
  );
  const storedSnapshot = db.prepare<[string], string | null>(`SELECT snapshot FROM orders WHERE order_id = ?`).pluck();
  const save = (order: Order, at: string): void => {
    snapshot.run(order.order_id, order.store_id, order.link_id, order.merchant_reference1, order.merchant_reference2, order.status, order.created_at, order.customer.email ?? null, JSON.stringify(order), at, at);
  };
  return {
    get: (id) => one.get(id),
    origin: (id) => origin.get(id) as OrderOrigin,
    all: () => all.all(),
    byReference: (ref) => byRef.all(ref, ref),
    remember(o, at) {
      db.prepare(
        `INSERT INTO orders (order_id, store_id, link_id, merchant_reference1, merchant_reference2, first_seen_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (order_id) DO UPDATE SET link_id = COALESCE(orders.link_id, excluded.link_id)`,
      ).run(o.order_id, o.store_id, o.link_id, o.merchant_reference1, o.merchant_reference2, at);
    },
    saveSnapshot: save,
    reviseSnapshot(orderId, at, next) {
      const order = next(parseSnapshot(storedSnapshot.get(orderId)));
      if (order) save(order, at);
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

/** A stored snapshot as an order; undefined when there is none or it is not JSON. */
export function parseSnapshot(text: string | null | undefined): Order | undefined {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as Order;
  } catch {
    return undefined;
  }
}
