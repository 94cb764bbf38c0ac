/** Which key and host the kustom backend uses, from main's resolved credential record. */
import { describe, expect, it } from 'vitest';
import { kustomCredentialOf, resolveKustomConnection } from '../../../../src/backends/kustom/credential.js';
import { credentialFromEntry, resolveCredential, type ResolvedCredential } from '../../../../src/config/credentials.js';
import { settingsFor } from '../../../helpers/kustom-backend.js';

const TEST_KEY = 'kco_test_api_FAKEnotAREALabcdef';
const LIVE_KEY = 'kco_live_api_FAKEnotAREALabcdef';
const NO_FILE = '/nonexistent/merchant/credentials.json';

/** As the CLI context resolves it (env > stored profile key). */
const fromEnv = (env: Record<string, string>): ResolvedCredential | undefined => resolveCredential(NO_FILE, env, 'default', undefined).credential;

const stored = (over: Partial<Parameters<typeof credentialFromEntry>[0]>): ResolvedCredential =>
  credentialFromEntry({ id: 'cred_1', profile: 'default', store: 'se-shop', kind: 'api_key', username: null, secret: LIVE_KEY, environment: 'live', added_at: '2026-01-01T00:00:00Z', last_used_at: null, ...over });

describe('kustom connection', () => {
  it('picks the host from the key environment: test → playground, live → live', () => {
    expect(resolveKustomConnection({ credential: fromEnv({ MERCHANT_API_KEY: TEST_KEY }), settings: settingsFor(undefined) })).toMatchObject({ baseUrl: 'https://api.playground.kustom.co', environment: 'test' });
    expect(resolveKustomConnection({ credential: fromEnv({ MERCHANT_API_KEY: LIVE_KEY }), settings: settingsFor(undefined) })).toMatchObject({ baseUrl: 'https://api.kustom.co', environment: 'live' });
  });

  it('takes the stored key with its store', () => {
    const c = resolveKustomConnection({ credential: stored({}), settings: settingsFor(undefined) });
    expect(c).toMatchObject({ baseUrl: 'https://api.kustom.co', storeId: 'se-shop', environment: 'live', credential: { kind: 'api_key', apiKey: LIVE_KEY } });
  });

  it('refuses mismatched key and host, a Klarna host, and no key at all (auth errors)', () => {
    expect(() => resolveKustomConnection({ credential: fromEnv({ MERCHANT_API_KEY: LIVE_KEY }), settings: settingsFor('https://api.playground.kustom.co') })).toThrow(/live key/);
    expect(() => resolveKustomConnection({ credential: fromEnv({ MERCHANT_API_KEY: TEST_KEY }), settings: settingsFor('https://api.klarna.com') })).toThrow(/Klarna/);
    expect(() => resolveKustomConnection({ credential: undefined, settings: settingsFor(undefined) })).toThrow(expect.objectContaining({ kind: 'auth', hint: expect.stringMatching(/keys add.*MERCHANT_API_KEY/) }));
  });

  it('sends a legacy username + secret pair as form B, on the host of its declared environment', () => {
    const test = fromEnv({ MERCHANT_API_KEY: 'shared-secret', MERCHANT_API_USERNAME: 'M1234', MERCHANT_API_ENVIRONMENT: 'test' });
    expect(resolveKustomConnection({ credential: test, settings: settingsFor(undefined) })).toMatchObject({ environment: 'test', baseUrl: 'https://api.playground.kustom.co', credential: { kind: 'basic', username: 'M1234', secret: 'shared-secret' } });
    const live = stored({ kind: 'pair', username: 'M1-x', secret: 'sec', environment: 'live' });
    expect(resolveKustomConnection({ credential: live, settings: settingsFor(undefined) })).toMatchObject({ environment: 'live', baseUrl: 'https://api.kustom.co' });
  });

  it('maps the record to the client credential: api_key → form A, pair → form B', () => {
    expect(kustomCredentialOf(stored({ kind: 'pair', username: 'M1-x', secret: 'sec' }))).toEqual({ kind: 'basic', username: 'M1-x', secret: 'sec' });
    expect(kustomCredentialOf(stored({ secret: TEST_KEY, environment: 'test' }))).toEqual({ kind: 'api_key', apiKey: TEST_KEY });
  });
});
