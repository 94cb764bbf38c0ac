import type { Migration } from './migration.js';

/**
 * Orders in the sandbox's Order Management. The stored status never says EXPIRED: expiry is computed
 * from the sandbox clock when read. Captures and refunds remember the idempotency key they were made
 * with, so a retried request returns the first result instead of moving money twice.
 */
export const orders: Migration = {
  version: 3,
  name: 'orders, captures, refunds, order events',
  up(db) {
    db.exec(`
      CREATE TABLE orders (
        order_id              TEXT PRIMARY KEY,
        store_id              TEXT NOT NULL REFERENCES stores(id),
        link_id               TEXT,
        status                TEXT NOT NULL CHECK (status IN ('AUTHORIZED','PART_CAPTURED','CAPTURED','CANCELLED','CLOSED')),
        purchase_country      TEXT NOT NULL,
        purchase_currency     TEXT NOT NULL,
        locale                TEXT NOT NULL,
        order_amount          INTEGER NOT NULL,
        original_order_amount INTEGER NOT NULL,
        captured_amount       INTEGER NOT NULL DEFAULT 0,
        refunded_amount       INTEGER NOT NULL DEFAULT 0,
        released              INTEGER NOT NULL DEFAULT 0,
        merchant_reference1   TEXT,
        merchant_reference2   TEXT,
        klarna_reference      TEXT NOT NULL,
        customer_email        TEXT,
        customer_phone        TEXT,
        order_lines           TEXT NOT NULL,
        created_at            TEXT NOT NULL,
        expires_at            TEXT NOT NULL
      );
      CREATE INDEX orders_by_store_created ON orders (store_id, created_at);
      CREATE INDEX orders_by_reference ON orders (merchant_reference1);
      CREATE INDEX orders_by_link ON orders (link_id);

      CREATE TABLE captures (
        capture_id      TEXT PRIMARY KEY,
        order_id        TEXT NOT NULL REFERENCES orders(order_id),
        captured_amount INTEGER NOT NULL CHECK (captured_amount > 0),
        captured_at     TEXT NOT NULL,
        description     TEXT,
        reference       TEXT,
        order_lines     TEXT NOT NULL DEFAULT '[]',
        refunded_amount INTEGER NOT NULL DEFAULT 0,
        shipping_info   TEXT NOT NULL DEFAULT '[]',
        idempotency_key TEXT,
        UNIQUE (order_id, idempotency_key)
      );
      CREATE INDEX captures_by_date ON captures (captured_at);

      CREATE TABLE refunds (
        refund_id       TEXT PRIMARY KEY,
        order_id        TEXT NOT NULL REFERENCES orders(order_id),
        refunded_amount INTEGER NOT NULL CHECK (refunded_amount > 0),
        refunded_at     TEXT NOT NULL,
        description     TEXT,
        reference       TEXT,
        order_lines     TEXT NOT NULL DEFAULT '[]',
        idempotency_key TEXT,
        UNIQUE (order_id, idempotency_key)
      );
      CREATE INDEX refunds_by_date ON refunds (refunded_at);

      -- Results of other idempotent operations (cancel, release, extend, shipping info).
      CREATE TABLE idempotent_operations (
        idempotency_key TEXT PRIMARY KEY,
        operation       TEXT NOT NULL,
        order_id        TEXT NOT NULL,
        created_at      TEXT NOT NULL
      );

      CREATE TABLE order_events (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,
        order_id TEXT NOT NULL REFERENCES orders(order_id),
        at       TEXT NOT NULL,
        type     TEXT NOT NULL,
        amount   INTEGER,
        detail   TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX order_events_by_order ON order_events (order_id, id);
    `);
  },
};
