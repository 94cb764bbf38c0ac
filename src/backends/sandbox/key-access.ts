/**
 * The sandbox's real key check (the `SandboxAccess` used outside contract tests). A fresh sandbox lets
 * everything through, so the quick start needs no key; once any key has been issued for a store (or a
 * key for all stores exists), every operation on that store needs a valid, unexpired, unrevoked key
 * whose Portal role allows it. Refusals are AuthError (exit 4) naming the role and what it lacks.
 */
import { createHash } from '../../infra/lazy-crypto.js';
import { performance } from 'node:perf_hooks';
import { AuthError } from '../../errors.js';
import type { ApiCredential } from '../../domain/model/credential.js';
import { PERMISSION_WORDS, ROLE_LABELS, roleAllows, type Permission, type Role } from '../../domain/roles.js';
import type { Clock } from '../../domain/clock.js';
import type { SandboxAccess } from './access.js';
import type { Db } from './database.js';
import { createSandboxClock } from './sandbox-clock.js';

export interface KeyRow {
  key_id: string;
  store_id: string | null;
  role: Role;
  secret_hash: string;
  masked: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

export const hashKey = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

const KEY_HINT = 'Issue one with `merchant keys create --role <role> --store <id>` (as an admin), then store it: `merchant keys add --store <id> --stdin`, or set MERCHANT_API_KEY.';

/**
 * Finds the caller's key and checks it is usable for `storeId` (not revoked, not expired, right store).
 * Throws AuthError saying which; returns the row otherwise.
 */
export function authenticate(db: Db, credential: ApiCredential | undefined, now: Date, storeId: string | null): KeyRow {
  if (!credential) {
    throw new AuthError(`${storeId ? `Store ${storeId}` : 'This sandbox'} requires an API key: keys have been issued for it, and none is in use.`, { hint: KEY_HINT });
  }
  const who = `The key in use (${credential.masked}, from ${credential.sourceLabel})`;
  if (credential.environment === 'live') {
    throw new AuthError(`${who} is a live key; the sandbox only accepts test keys it issued.`, { hint: KEY_HINT });
  }
  const row = db.prepare<[string], KeyRow>(`SELECT * FROM sandbox_keys WHERE secret_hash = ?`).get(hashKey(credential.secret()));
  if (!row) throw new AuthError(`${who} was not issued by this sandbox.`, { hint: KEY_HINT });
  if (row.revoked_at) throw new AuthError(`${who} was revoked at ${row.revoked_at}.`, { hint: KEY_HINT, details: { key_id: row.key_id } });
  if (row.expires_at && row.expires_at <= now.toISOString()) {
    throw new AuthError(`${who} expired at ${row.expires_at}.`, { hint: KEY_HINT, details: { key_id: row.key_id } });
  }
  if (storeId && row.store_id && row.store_id !== storeId) {
    throw new AuthError(`${who} belongs to store ${row.store_id}, not ${storeId}.`, {
      hint: `Use the key for ${storeId}: merchant keys use ${storeId}`,
      details: { key_id: row.key_id, key_store: row.store_id, store: storeId },
    });
  }
  db.prepare(`UPDATE sandbox_keys SET last_used_at = ? WHERE key_id = ?`).run(now.toISOString(), row.key_id);
  return row;
}

/** Are keys enforced for this store (or, with null, anywhere)? Revoked keys count: revoking never reopens a store. */
export function keysEnforced(db: Db, storeId: string | null): boolean {
  const row =
    storeId === null
      ? db.prepare(`SELECT 1 FROM sandbox_keys LIMIT 1`).get()
      : db.prepare(`SELECT 1 FROM sandbox_keys WHERE store_id = ? OR store_id IS NULL LIMIT 1`).get(storeId);
  return row !== undefined;
}

/**
 * How long one check of the key stands for a store. A bulk run makes thousands of calls a second: it
 * checks the key (and stamps its use) about once a second, not per call, so a key revoked by another
 * process still stops a run within a second. Issuing or revoking through this database forgets every
 * check at once (invalidateKeyChecks), and a key that expires by the sandbox clock is checked again.
 */
const RECHECK_MS = 1000;

/** Bumped when a key is issued or revoked through this database: every check made before is stale. */
const generations = new WeakMap<Db, number>();

export function invalidateKeyChecks(db: Db): void {
  generations.set(db, (generations.get(db) ?? 0) + 1);
}

export function createKeyAccess(db: Db, credential: ApiCredential | undefined, wall: Clock): SandboxAccess {
  const clock = createSandboxClock(db, wall);
  const checked = new Map<string | null, { at: number; generation: number; row: KeyRow | null }>();
  const keyFor = (storeId: string | null): KeyRow | null => {
    const at = performance.now();
    const generation = generations.get(db) ?? 0;
    const hit = checked.get(storeId);
    const expired = (row: KeyRow | null): boolean => row?.expires_at != null && row.expires_at <= clock.now().toISOString();
    if (hit && hit.generation === generation && at - hit.at < RECHECK_MS && !expired(hit.row)) return hit.row;
    checked.delete(storeId);
    // A refusal is never kept: each refused call is refused by a fresh check.
    const row = keysEnforced(db, storeId) ? authenticate(db, credential, clock.now(), storeId) : null;
    checked.set(storeId, { at, generation, row });
    return row;
  };
  return {
    require(permission: Permission, storeId: string | null) {
      const row = keyFor(storeId);
      if (!row) return;
      if (!roleAllows(row.role, permission)) {
        throw new AuthError(`The ${ROLE_LABELS[row.role]} role (key ${row.masked}) cannot ${PERMISSION_WORDS[permission]}.`, {
          hint: 'Use a key with a role that can (see README "Keys, auth and logs" for the role table).',
          details: { role: row.role, permission, key_id: row.key_id },
        });
      }
    },
  };
}

/**
 * Does an active admin (or super admin) key cover this store? Without one, no key could ever issue keys
 * again, so issuing is open to whoever uses the local files, as for the first key: a first key with a
 * lesser role never locks the sandbox.
 */
export function adminKeyExists(db: Db, storeId: string | null, now: Date): boolean {
  const row = db
    .prepare(
      `SELECT 1 FROM sandbox_keys WHERE role IN ('admin', 'super_admin') AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)
         AND (store_id IS NULL OR store_id = ?) LIMIT 1`,
    )
    .get(now.toISOString(), storeId);
  return row !== undefined;
}
