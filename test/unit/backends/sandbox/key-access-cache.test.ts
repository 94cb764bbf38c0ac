/**
 * The sandbox's key check stands for a short while per store instead of running on every call, and
 * still refuses a key at once when it is revoked through the same database, and soon when another
 * process revokes it or it expires by the sandbox clock.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AuthError } from '../../../../src/errors.js';
import type { ApiCredential } from '../../../../src/domain/model/credential.js';
import { createKeyAccess, hashKey, invalidateKeyChecks } from '../../../../src/backends/sandbox/key-access.js';
import { openSandboxDatabase } from '../../../../src/backends/sandbox/database.js';

const SECRET = 'kco_test_api_FAKEnotAREALkey0000cdef';
const credential: ApiCredential = { sourceLabel: 'MERCHANT_API_KEY', kind: 'api_key', username: null, environment: 'test', store: undefined, masked: 'kco_…cdef', secret: () => SECRET };

function sandboxWithKey(expiresAt: string | null = null): { file: string; db: ReturnType<typeof openSandboxDatabase> } {
  const file = join(mkdtempSync(join(tmpdir(), 'key-cache-')), 'sandbox.db');
  const db = openSandboxDatabase(file);
  db.prepare(
    `INSERT INTO sandbox_keys (key_id, store_id, role, secret_hash, masked, created_at, expires_at, revoked_at, last_used_at)
     VALUES ('key-1', NULL, 'admin', ?, 'kco_…cdef', '2026-01-01T00:00:00.000Z', ?, NULL, NULL)`,
  ).run(hashKey(SECRET), expiresAt);
  return { file, db };
}

const wall = (at: string) => ({ now: () => new Date(at) });

describe('sandbox key check', () => {
  it('a key revoked through the same database is refused on the next call', () => {
    const { db } = sandboxWithKey();
    const access = createKeyAccess(db, credential, wall('2026-06-01T00:00:00Z'));
    for (let i = 0; i < 100; i++) access.require('orders.manage', null);
    db.prepare(`UPDATE sandbox_keys SET revoked_at = '2026-06-01T00:00:00.000Z'`).run();
    invalidateKeyChecks(db);
    expect(() => access.require('orders.manage', null)).toThrow(AuthError);
  });

  it('a key revoked by another process is refused within moments, a second or so later', async () => {
    const { file, db } = sandboxWithKey();
    const access = createKeyAccess(db, credential, wall('2026-06-01T00:00:00Z'));
    access.require('orders.manage', null);
    const other = new Database(file);
    other.prepare(`UPDATE sandbox_keys SET revoked_at = '2026-06-01T00:00:00.000Z'`).run();
    other.close();
    let refused: unknown;
    for (let tries = 0; tries < 100 && refused === undefined; tries++) {
      try {
        access.require('orders.manage', null);
        await new Promise((resolve) => setTimeout(resolve, 50));
      } catch (error) {
        refused = error;
      }
    }
    expect(refused).toBeInstanceOf(AuthError);
  });

  it('a key that has expired by the clock is checked again, not taken from the last check', () => {
    const { db } = sandboxWithKey('2026-06-01T00:00:01.000Z');
    let now = '2026-06-01T00:00:00Z';
    const access = createKeyAccess(db, credential, { now: () => new Date(now) });
    access.require('orders.manage', null);
    now = '2026-06-01T00:00:02Z';
    expect(() => access.require('orders.manage', null)).toThrow(/expired/);
  });

  it('a role that lacks the permission is refused on every call, cached or not', () => {
    const { db } = sandboxWithKey();
    db.prepare(`UPDATE sandbox_keys SET role = 'settlement'`).run();
    const access = createKeyAccess(db, credential, wall('2026-06-01T00:00:00Z'));
    expect(() => access.require('orders.manage', null)).toThrow(AuthError);
    expect(() => access.require('orders.manage', null)).toThrow(AuthError);
  });
});
