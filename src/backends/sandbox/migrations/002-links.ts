import type { Migration } from './migration.js';

/**
 * Payment links and the messages sent for them (the sandbox outbox). The stored status never says
 * `expired`: expiry is computed from `expires_at` and the sandbox clock when read. The idempotency key
 * of the create request is unique, so a retried create returns the first link; the merchant's link
 * reference is unique per store.
 */
export const links: Migration = {
  version: 2,
  name: 'payment links and link messages',
  up(db) {
    db.exec(`
      CREATE TABLE links (
        link_id             TEXT PRIMARY KEY,
        store_id            TEXT NOT NULL REFERENCES stores(id),
        status              TEXT NOT NULL CHECK (status IN ('created','in_progress','completed','cancelled','failed')),
        order_id            TEXT,
        purchase_country    TEXT NOT NULL,
        purchase_currency   TEXT NOT NULL,
        locale              TEXT NOT NULL,
        order_amount        INTEGER NOT NULL,
        order_tax_amount    INTEGER NOT NULL,
        order_lines         TEXT NOT NULL,
        merchant_reference1 TEXT NOT NULL,
        merchant_reference2 TEXT,
        link_reference      TEXT,
        description         TEXT,
        notes               TEXT NOT NULL DEFAULT '{}',
        invoice_number      TEXT,
        attachment          TEXT,
        customer_email      TEXT,
        customer_phone      TEXT,
        auto_capture        INTEGER NOT NULL DEFAULT 0,
        channel             TEXT NOT NULL CHECK (channel IN ('email','sms','none')),
        template            TEXT,
        created_at          TEXT NOT NULL,
        created_by          TEXT NOT NULL,
        expires_at          TEXT NOT NULL,
        cancelled_at        TEXT,
        completed_at        TEXT,
        duplicated_from     TEXT,
        idempotency_key     TEXT NOT NULL UNIQUE,
        UNIQUE (store_id, link_reference)
      );
      CREATE INDEX links_by_created ON links (created_at);
      CREATE INDEX links_by_store_created ON links (store_id, created_at);
      CREATE INDEX links_by_reference ON links (merchant_reference1);

      CREATE TABLE link_messages (
        message_id    TEXT PRIMARY KEY,
        link_id       TEXT NOT NULL REFERENCES links(link_id),
        channel       TEXT NOT NULL CHECK (channel IN ('email','sms')),
        recipient     TEXT NOT NULL,
        subject       TEXT,
        body          TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('scheduled','sent','failed')),
        detail        TEXT,
        scheduled_for TEXT,
        sent_at       TEXT,
        created_at    TEXT NOT NULL
      );
      CREATE INDEX link_messages_by_link ON link_messages (link_id, created_at);
      CREATE INDEX link_messages_due ON link_messages (status, scheduled_for);
    `);
  },
};
