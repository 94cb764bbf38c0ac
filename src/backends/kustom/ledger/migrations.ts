/** Schema steps of the kustom ledger. Append new ones; never edit a released one. */
import type { Migration } from '../../../infra/sqlite.js';

const initial: Migration = {
  version: 1,
  name: 'stores, links, link messages, orders seen, order events',
  up(db) {
    db.exec(`
      CREATE TABLE stores (
        id               TEXT PRIMARY KEY,
        name             TEXT NOT NULL,
        purchase_country TEXT NOT NULL,
        currencies       TEXT NOT NULL, -- JSON array of ISO 4217 codes
        terms_url        TEXT,
        payout_schedule  TEXT NOT NULL DEFAULT 'daily' CHECK (payout_schedule IN ('daily', 'weekly')),
        created_at       TEXT NOT NULL
      );
      -- One row per link create call. The row exists from the moment the checkout order is made, so a
      -- retried create (same idempotency key) resumes instead of making a second checkout order.
      CREATE TABLE links (
        idempotency_key    TEXT PRIMARY KEY,
        link_id            TEXT UNIQUE,          -- the HPP session_id, once the session exists
        store_id           TEXT NOT NULL,
        checkout_order_id  TEXT NOT NULL,
        session_url        TEXT,
        distribution_url   TEXT,
        url                TEXT,                 -- redirect_url: the consumer's payment page
        provider_status    TEXT,                 -- last HPP session status seen
        order_id           TEXT,                 -- OM order id once completed
        link_reference     TEXT,
        merchant_reference1 TEXT NOT NULL,
        merchant_reference2 TEXT,
        request            TEXT NOT NULL,        -- JSON of the CreateLinkRequest (minus attachment)
        created_at         TEXT NOT NULL,
        expires_at         TEXT NOT NULL,
        cancelled_at       TEXT,
        completed_at       TEXT,
        refreshed_at       TEXT
      );
      -- Only finished links hold a reference: an abandoned half-made one (no session) must not block it.
      CREATE UNIQUE INDEX links_reference ON links (store_id, link_reference) WHERE link_reference IS NOT NULL AND link_id IS NOT NULL;
      CREATE INDEX links_order ON links (order_id);
      CREATE TABLE link_messages (
        message_id    TEXT PRIMARY KEY,
        link_id       TEXT NOT NULL,
        channel       TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
        recipient     TEXT NOT NULL,
        subject       TEXT,
        body          TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('scheduled', 'sending', 'sent', 'failed')),
        scheduled_for TEXT,
        sent_at       TEXT,
        error         TEXT,
        created_at    TEXT NOT NULL
      );
      CREATE INDEX link_messages_due ON link_messages (status, scheduled_for);
      CREATE TABLE orders (
        order_id            TEXT PRIMARY KEY,
        store_id            TEXT NOT NULL,
        link_id             TEXT,
        merchant_reference1 TEXT,
        merchant_reference2 TEXT,
        status              TEXT,                -- NULL until the order was first read
        created_at          TEXT,
        email               TEXT,
        snapshot            TEXT,                -- last Order seen, JSON
        first_seen_at       TEXT NOT NULL,
        refreshed_at        TEXT
      );
      CREATE INDEX orders_reference ON orders (merchant_reference1);
      -- Every OM write by idempotency key. Kustom matches on the key alone and silently replays the first
      -- result for a different body, so a key reused for another order or operation is refused here.
      CREATE TABLE om_operations (
        idempotency_key TEXT PRIMARY KEY,
        order_id        TEXT NOT NULL,
        operation       TEXT NOT NULL,
        result_id       TEXT,                 -- capture_id / refund_id once known
        created_at      TEXT NOT NULL
      );
      -- Things OM does not timestamp (cancel, release, extend, shipping info) when done through this tool.
      CREATE TABLE order_events (
        id       INTEGER PRIMARY KEY AUTOINCREMENT,
        order_id TEXT NOT NULL,
        at       TEXT NOT NULL,
        type     TEXT NOT NULL,
        amount   INTEGER,
        detail   TEXT NOT NULL
      );
    `);
  },
};

// The same step on the shared PostgreSQL database. `seq` stands in for SQLite's rowid (newest-first ties).
initial.postgres = `
  CREATE TABLE stores (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, purchase_country TEXT NOT NULL, currencies TEXT NOT NULL, terms_url TEXT,
    payout_schedule TEXT NOT NULL DEFAULT 'daily' CHECK (payout_schedule IN ('daily', 'weekly')), created_at TEXT NOT NULL
  );
  CREATE TABLE links (
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    idempotency_key TEXT PRIMARY KEY, link_id TEXT UNIQUE, store_id TEXT NOT NULL, checkout_order_id TEXT NOT NULL,
    session_url TEXT, distribution_url TEXT, url TEXT, provider_status TEXT, order_id TEXT, link_reference TEXT,
    merchant_reference1 TEXT NOT NULL, merchant_reference2 TEXT, request TEXT NOT NULL, created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL, cancelled_at TEXT, completed_at TEXT, refreshed_at TEXT
  );
  CREATE UNIQUE INDEX links_reference ON links (store_id, link_reference) WHERE link_reference IS NOT NULL AND link_id IS NOT NULL;
  CREATE INDEX links_order ON links (order_id);
  CREATE TABLE link_messages (
    message_id TEXT PRIMARY KEY, link_id TEXT NOT NULL, channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    recipient TEXT NOT NULL, subject TEXT, body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'sending', 'sent', 'failed')),
    scheduled_for TEXT, sent_at TEXT, error TEXT, created_at TEXT NOT NULL
  );
  CREATE INDEX link_messages_due ON link_messages (status, scheduled_for);
  CREATE TABLE orders (
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    order_id TEXT PRIMARY KEY, store_id TEXT NOT NULL, link_id TEXT, merchant_reference1 TEXT, merchant_reference2 TEXT,
    status TEXT, created_at TEXT, email TEXT, snapshot TEXT, first_seen_at TEXT NOT NULL, refreshed_at TEXT
  );
  CREATE INDEX orders_reference ON orders (merchant_reference1);
  CREATE TABLE om_operations (
    idempotency_key TEXT PRIMARY KEY, order_id TEXT NOT NULL, operation TEXT NOT NULL, result_id TEXT, created_at TEXT NOT NULL
  );
  CREATE TABLE order_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, order_id TEXT NOT NULL, at TEXT NOT NULL, type TEXT NOT NULL,
    amount BIGINT, detail TEXT NOT NULL
  );
`;

// Dispatch leases: which dispatcher holds a message it is sending, and until when (the server's clock).
// Only the shared database has several dispatchers; a local ledger's one machine needs no lease.
const dispatchLeases: Migration = {
  version: 2,
  name: 'dispatch leases on link messages',
  up() {},
  postgres: `
    ALTER TABLE link_messages ADD COLUMN claimed_by TEXT, ADD COLUMN lease_until TIMESTAMPTZ;
    CREATE INDEX link_messages_claims ON link_messages (status, lease_until) WHERE status = 'sending';
  `,
};

// A link's messages are listed in the order they were made: several made in the same millisecond (email then
// SMS of one create) would otherwise come back in the order of their random ids. SQLite has its rowid.
const messageOrder: Migration = {
  version: 3,
  name: 'link messages in the order they were made',
  up() {},
  postgres: `ALTER TABLE link_messages ADD COLUMN seq BIGINT GENERATED ALWAYS AS IDENTITY;`,
};

export const LEDGER_MIGRATIONS: readonly Migration[] = [initial, dispatchLeases, messageOrder];
