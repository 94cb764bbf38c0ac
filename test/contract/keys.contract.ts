/**
 * What every backend's key parts must do. Kustom has no key API (keys come from its Portal), so issuing
 * is checked only where `keys.issue` is listed; verifying credentials applies to every backend that
 * lists `keys.verify`. Behaviour is checked through the Backend interface only.
 */
import { describe, expect, it } from 'vitest';
import type { HarnessFactory } from './harness.js';

export function keysContract(factory: HarnessFactory): void {
  describe(`${factory.name}: keys`, () => {
    it('lists keys.issue exactly when it has a keys part, and keys.verify exactly when it can verify', async () => {
      const h = await factory.create();
      try {
        expect(h.backend.capabilities.has('keys.issue')).toBe(h.backend.keys !== undefined);
        expect(h.backend.capabilities.has('keys.verify')).toBe(typeof h.backend.verifyCredentials === 'function');
      } finally {
        await h.close();
      }
    });

    it('verifyCredentials either describes the credential or refuses with kind auth', async () => {
      const h = await factory.create();
      try {
        if (!h.backend.verifyCredentials) {
          expect(h.backend.capabilities.has('keys.verify')).toBe(false);
          return;
        }
        const outcome = await h.backend.verifyCredentials().then(
          (check) => ({ check }),
          (error: unknown) => ({ error }),
        );
        if ('check' in outcome) expect(['sandbox', 'test', 'live']).toContain(outcome.check.environment);
        else expect(outcome.error).toMatchObject({ kind: 'auth' });
      } finally {
        await h.close();
      }
    });

    it('issues a key once, lists it masked, and revokes it (issuing backends)', async () => {
      const h = await factory.create();
      try {
        const keys = h.backend.keys;
        if (!keys) {
          expect(h.backend.capabilities.has('keys.issue')).toBe(false);
          return;
        }
        const { key, secret } = await keys.issue({ role: 'settlement', store_id: 'se-demo' });
        expect(secret).toMatch(/^kco_test_api_/);
        expect(key).toMatchObject({ store_id: 'se-demo', role: 'settlement', masked: `kco_test_api_…${secret.slice(-4)}`, revoked_at: null });
        const listed = await keys.list();
        expect(listed.map((k) => k.key_id)).toContain(key.key_id);
        expect(JSON.stringify(listed)).not.toContain(secret);
        const revoked = await keys.revoke(key.key_id);
        expect(revoked.revoked_at).toEqual(expect.any(String));
        await expect(keys.revoke(key.key_id)).rejects.toMatchObject({ kind: 'state_conflict' });
        await expect(keys.revoke('key_missing')).rejects.toMatchObject({ kind: 'not_found' });
      } finally {
        await h.close();
      }
    });

    it('refuses an external-user key without an expiry, and an unknown store (issuing backends)', async () => {
      const h = await factory.create();
      try {
        const keys = h.backend.keys;
        if (!keys) {
          expect(h.backend.capabilities.has('keys.issue')).toBe(false);
          return;
        }
        await expect(keys.issue({ role: 'external_user', store_id: 'se-demo' })).rejects.toMatchObject({ kind: 'validation' });
        await expect(keys.issue({ role: 'user', store_id: 'missing-store' })).rejects.toMatchObject({ kind: 'validation' });
        expect(await keys.list()).toEqual([]);
      } finally {
        await h.close();
      }
    });
  });
}
