import type { Migration } from './migration.js';

/**
 * Disputes on captured orders. `settled_in` names the payout a lost or accepted dispute's reversal went
 * into: settling picks only rows where it is NULL, so a dispute leaves a payout exactly once.
 */
export const disputes: Migration = {
  version: 10,
  name: 'disputes',
  up(db) {
    db.exec(`
      CREATE TABLE disputes (
        dispute_id        TEXT PRIMARY KEY,
        order_id          TEXT NOT NULL REFERENCES orders(order_id),
        store_id          TEXT NOT NULL REFERENCES stores(id),
        amount            INTEGER NOT NULL CHECK (amount > 0),
        reason            TEXT NOT NULL,
        state             TEXT NOT NULL CHECK (state IN ('open','under_review','won','lost','accepted','closed')),
        opened_at         TEXT NOT NULL,
        response_deadline TEXT NOT NULL,
        responded_at      TEXT,
        response_text     TEXT,
        evidence          TEXT NOT NULL DEFAULT '[]', -- JSON: [{filename, content_type, size_bytes}]
        decided_at        TEXT,
        settled_in        TEXT
      );
      CREATE INDEX disputes_by_store_opened ON disputes (store_id, opened_at);
      CREATE INDEX disputes_by_order ON disputes (order_id);
      CREATE INDEX disputes_to_settle ON disputes (store_id, decided_at) WHERE settled_in IS NULL AND state IN ('lost','accepted');
    `);
  },
};
