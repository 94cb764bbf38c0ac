import type { Migration } from './migration.js';

/**
 * API keys the sandbox issues. Only a SHA-256 hash of the secret is kept (the secret is shown once);
 * `masked` is what lists show. A key with no store applies to every store. The developer log lives in
 * its own `logs.db` (it must work with every backend and survive a sandbox reset), not here.
 */
export const keys: Migration = {
  version: 5,
  name: 'sandbox API keys and roles',
  up(db) {
    db.exec(`
      CREATE TABLE sandbox_keys (
        key_id       TEXT PRIMARY KEY,
        store_id     TEXT REFERENCES stores(id),
        role         TEXT NOT NULL CHECK (role IN ('admin','super_admin','user','settlement','disputes','read_only','external_user')),
        secret_hash  TEXT NOT NULL UNIQUE,
        masked       TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        expires_at   TEXT,
        revoked_at   TEXT,
        last_used_at TEXT
      );
      CREATE INDEX sandbox_keys_store ON sandbox_keys(store_id);
    `);
  },
};
