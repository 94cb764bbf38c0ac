import type { Migration } from './migration.js';
import { seedDemoStores } from '../seed.js';

export const foundation: Migration = {
  version: 1,
  name: 'foundation: meta and stores',
  up(db) {
    db.exec(`
      CREATE TABLE sandbox_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE stores (
        id               TEXT PRIMARY KEY,
        name             TEXT NOT NULL,
        purchase_country TEXT NOT NULL,
        currencies       TEXT NOT NULL, -- JSON array of ISO 4217 codes
        terms_url        TEXT,
        payout_schedule  TEXT NOT NULL DEFAULT 'daily' CHECK (payout_schedule IN ('daily', 'weekly')),
        created_at       TEXT NOT NULL
      );
    `);
    db.prepare(`INSERT INTO sandbox_meta (key, value) VALUES ('clock_offset_ms', '0')`).run();
    db.prepare(`INSERT INTO sandbox_meta (key, value) VALUES ('created_at', ?)`).run(new Date().toISOString());
    seedDemoStores(db, new Date());
  },
};
