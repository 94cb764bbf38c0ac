/** Which key and host the kustom backend uses, from a stored credential or the environment. */
import { describe, expect, it } from 'vitest';
import { kustomCredentialOf, resolveKustomConnection } from '../../src/backends/kustom/credential.js';
import type { BackendDeps } from '../../src/backends/registry.js';
import { settingsFor } from '../support/kustom/backend.js';

const TEST_KEY = 'kco_test_api_abcdefabcdefabcdef';
const LIVE_KEY = 'kco_live_api_abcdefabcdefabcdef';

describe('kustom connection', () => {
  it('picks the host from the key prefix: test → playground, live → live', () => {
    expect(resolveKustomConnection({ env: { MERCHANT_API_KEY: TEST_KEY }, settings: settingsFor(undefined) })).toMatchObject({ baseUrl: 'https://api.playground.kustom.co', environment: 'test' });
    expect(resolveKustomConnection({ env: { MERCHANT_API_KEY: LIVE_KEY }, settings: settingsFor(undefined) })).toMatchObject({ baseUrl: 'https://api.kustom.co', environment: 'live' });
  });

  it('uses the stored credential before the environment, with its store', () => {
    // The stored-key record as `merchant keys add` resolves it (raw secret behind a function).
    const stored = { kind: 'api_key', username: null, environment: 'live', store: 'se-shop', sourceLabel: 'profile "default"', secret: () => LIVE_KEY };
    const c = resolveKustomConnection({
      credential: stored as unknown as BackendDeps['credential'],
      env: { MERCHANT_API_KEY: TEST_KEY },
      settings: settingsFor(undefined),
    });
    expect(c).toMatchObject({ baseUrl: 'https://api.kustom.co', storeId: 'se-shop', credential: { kind: 'api_key', apiKey: LIVE_KEY } });
  });

  it('refuses mismatched key and host, a Klarna host, and no key at all (auth errors)', () => {
    expect(() => resolveKustomConnection({ env: { MERCHANT_API_KEY: LIVE_KEY }, settings: settingsFor('https://api.playground.kustom.co') })).toThrow(/live key/);
    expect(() => resolveKustomConnection({ env: { MERCHANT_API_KEY: TEST_KEY }, settings: settingsFor('https://api.klarna.com') })).toThrow(/Klarna/);
    expect(() => resolveKustomConnection({ env: {}, settings: settingsFor(undefined) })).toThrow(expect.objectContaining({ kind: 'auth' }));
  });

  it('treats a legacy secret without prefix as playground unless the live host is asked for', () => {
    const env = { MERCHANT_API_KEY: 'shared-secret', MERCHANT_API_USERNAME: 'M1234' };
    expect(resolveKustomConnection({ env, settings: settingsFor(undefined) })).toMatchObject({ environment: 'test', credential: { kind: 'basic', username: 'M1234' } });
    expect(resolveKustomConnection({ env, settings: settingsFor('https://api.kustom.co') })).toMatchObject({ environment: 'live' });
  });

  it('reads either credential record shape (object secret, or secret() with kind pair)', () => {
    expect(kustomCredentialOf({ secret: { kind: 'basic', username: 'u', secret: 's' }, storeId: null })).toEqual({ credential: { kind: 'basic', username: 'u', secret: 's' }, storeId: null });
    expect(kustomCredentialOf({ kind: 'pair', username: 'M1-x', store: 'se', secret: () => 'sec' })).toEqual({ credential: { kind: 'basic', username: 'M1-x', secret: 'sec' }, storeId: 'se' });
    expect(kustomCredentialOf({ kind: 'api_key', username: null, secret: () => TEST_KEY })).toEqual({ credential: { kind: 'api_key', apiKey: TEST_KEY }, storeId: null });
    expect(kustomCredentialOf(undefined)).toBeUndefined();
  });
});
