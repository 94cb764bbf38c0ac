/**
 * Keys the sandbox issues: real `kco_test_api_` keys, stored as SHA-256 hashes, shown once. Issuing and
 * revoking need `keys.manage` (Admin/Super Admin) once keys exist; only a Super Admin may issue a Super
 * Admin key. `whoami` is the sandbox's "harmless authenticated call" for `keys verify`.
 */
import { randomBytes } from '../../infra/lazy-crypto.js';
import { AuthError, NotFoundError, StateConflictError, ValidationError } from '../../errors.js';
import type { ApiCredential } from '../../domain/model/credential.js';
import { maskSecret } from '../../domain/credential-shape.js';
import { canGrant, maxKeyLifetimeDays, ROLE_LABELS, ROLES, roleNeedsExpiry } from '../../domain/roles.js';
import type { Clock } from '../../domain/clock.js';
import { type KeysApi } from '../types/keys.js';
import type { IssuedKey } from '../../domain/model/api-key.js';
import type { SandboxAccess } from './access.js';
import type { Db } from './database.js';
import { adminKeyExists, authenticate, hashKey, invalidateKeyChecks, keysEnforced, type KeyRow } from './key-access.js';

const toIssued = ({ secret_hash: _hash, ...row }: KeyRow): IssuedKey => row;

export function createSandboxKeys(db: Db, clock: Clock, access: SandboxAccess, credential: ApiCredential | undefined): KeysApi {
  const byId = db.prepare<[string], KeyRow>(`SELECT * FROM sandbox_keys WHERE key_id = ?`);
  return {
    async issue(input) {
      const now = clock.now();
      const storeId = input.store_id ?? null;
      const issues: { field: string; rule: string }[] = [];
      if (!(ROLES as readonly string[]).includes(input.role)) issues.push({ field: 'role', rule: `must be one of ${ROLES.join(', ')}` });
      if (storeId !== null && !db.prepare(`SELECT 1 FROM stores WHERE id = ?`).get(storeId)) {
        issues.push({ field: 'store', rule: `no store ${storeId} in the sandbox (see: merchant stores list)` });
      }
      if (input.expires_at !== undefined) {
        const t = Date.parse(input.expires_at);
        if (Number.isNaN(t)) issues.push({ field: 'expires', rule: 'must be a date or a duration like 30d' });
        else if (t <= now.getTime()) issues.push({ field: 'expires', rule: 'must be in the future' });
        else if ((ROLES as readonly string[]).includes(input.role) && t - now.getTime() > maxKeyLifetimeDays(input.role) * 86_400_000) {
          issues.push({ field: 'expires', rule: `must be at most ${maxKeyLifetimeDays(input.role)} days ahead for ${input.role}` });
        }
      } else if (roleNeedsExpiry(input.role)) {
        issues.push({ field: 'expires', rule: 'external_user keys are time-limited: give --expires (e.g. 30d)' });
      }
      if (issues.length > 0) throw new ValidationError(issues);
      if (adminKeyExists(db, storeId, now)) access.require('keys.manage', storeId);
      if (keysEnforced(db, storeId) && adminKeyExists(db, storeId, now)) {
        const caller = authenticate(db, credential, now, storeId);
        if (!canGrant(caller.role, input.role)) {
          throw new AuthError(`The ${ROLE_LABELS[caller.role]} role (key ${caller.masked}) cannot issue ${ROLE_LABELS[input.role]} keys.`, {
            details: { role: caller.role, permission: `grant ${input.role}` },
          });
        }
      }
      const secret = `kco_test_api_${randomBytes(24).toString('base64url')}`;
      const row: KeyRow = {
        key_id: `key_${randomBytes(6).toString('hex')}`,
        store_id: storeId,
        role: input.role,
        secret_hash: hashKey(secret),
        masked: maskSecret(secret),
        created_at: now.toISOString(),
        expires_at: input.expires_at === undefined ? null : new Date(input.expires_at).toISOString(),
        revoked_at: null,
        last_used_at: null,
      };
      db.prepare(
        `INSERT INTO sandbox_keys (key_id, store_id, role, secret_hash, masked, created_at, expires_at, revoked_at, last_used_at)
         VALUES (@key_id, @store_id, @role, @secret_hash, @masked, @created_at, @expires_at, @revoked_at, @last_used_at)`,
      ).run(row);
      invalidateKeyChecks(db);
      return { key: toIssued(row), secret };
    },
    async list() {
      access.require('keys.manage', null);
      return db.prepare<[], KeyRow>(`SELECT * FROM sandbox_keys ORDER BY created_at, rowid`).all().map(toIssued);
    },
    async revoke(keyId) {
      const row = byId.get(keyId);
      if (!row) throw new NotFoundError('Key', keyId, { hint: 'See: merchant keys issued' });
      access.require('keys.manage', row.store_id);
      if (row.revoked_at) throw new StateConflictError(`Key ${keyId} was already revoked at ${row.revoked_at}.`);
      db.prepare(`UPDATE sandbox_keys SET revoked_at = ? WHERE key_id = ?`).run(clock.now().toISOString(), keyId);
      invalidateKeyChecks(db);
      return toIssued(byId.get(keyId) as KeyRow);
    },
    async whoami() {
      const row = authenticate(db, credential, clock.now(), credential?.store ?? null);
      return { store_id: row.store_id, role: row.role, environment: 'sandbox' as const };
    },
  };
}
