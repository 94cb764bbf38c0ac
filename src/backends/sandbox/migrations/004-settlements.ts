import type { Migration } from './migration.js';

/**
 * Settlements: payouts and their transactions, produced lazily from captures and refunds (see
 * settlements/settle.ts). `settlement_state` remembers, per store, the last cutoff already settled, so
 * settling is incremental; a capture or refund is settled at most once because its SALE/RETURN row is
 * unique by capture_id/refund_id. Payout totals are stored (computed once from the transactions at
 * settlement) so listing payouts never scans transactions.
 */
export const settlements: Migration = {
  version: 4,
  name: 'payouts, settlement transactions, settlement state',
  up(db) {
    db.exec(`
      CREATE TABLE payouts (
        payment_reference        TEXT PRIMARY KEY,
        store_id                 TEXT NOT NULL REFERENCES stores(id),
        currency_code            TEXT NOT NULL,
        payout_date              TEXT NOT NULL,
        merchant_settlement_type TEXT NOT NULL DEFAULT 'NET',
        totals                   TEXT NOT NULL, -- JSON PayoutTotals (minor units)
        settlement_amount        INTEGER NOT NULL,
        transaction_count        INTEGER NOT NULL,
        UNIQUE (store_id, currency_code, payout_date)
      );
      CREATE INDEX payouts_by_date ON payouts (payout_date, store_id);

      CREATE TABLE settlement_transactions (
        id                         INTEGER PRIMARY KEY,
        payment_reference          TEXT NOT NULL REFERENCES payouts(payment_reference),
        store_id                   TEXT NOT NULL,
        type                       TEXT NOT NULL,
        detailed_type              TEXT,
        amount                     INTEGER NOT NULL,
        sale_date                  TEXT NOT NULL,
        capture_date               TEXT NOT NULL,
        order_id                   TEXT NOT NULL,
        short_order_id             TEXT,
        capture_id                 TEXT,
        refund_id                  TEXT,
        merchant_reference1        TEXT,
        merchant_reference2        TEXT,
        merchant_capture_reference TEXT,
        merchant_refund_reference  TEXT,
        currency_code              TEXT NOT NULL,
        purchase_country           TEXT NOT NULL,
        shipping_country           TEXT,
        vat_rate                   INTEGER,
        vat_amount                 INTEGER
      );
      CREATE INDEX settlement_tx_by_payout ON settlement_transactions (payment_reference, id);
      CREATE INDEX settlement_tx_by_capture_date ON settlement_transactions (store_id, capture_date, id);
      CREATE INDEX settlement_tx_by_order ON settlement_transactions (order_id);
      -- A capture is sold once and a refund returned once: this is what makes settling idempotent.
      CREATE UNIQUE INDEX settlement_tx_sale_once ON settlement_transactions (capture_id) WHERE type = 'SALE';
      CREATE UNIQUE INDEX settlement_tx_return_once ON settlement_transactions (refund_id) WHERE type = 'RETURN';

      CREATE TABLE settlement_state (
        store_id        TEXT PRIMARY KEY REFERENCES stores(id),
        settled_through TEXT NOT NULL -- the last cutoff settled (ISO instant)
      );
    `);
  },
};
