import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { guardLiveWrite } from '../../src/services/auth/live-guard.js';
import { credentialFromEntry } from '../../src/config/credentials.js';
import { resolveSettings } from '../../src/config/resolve.js';
import { emptySettings } from '../../src/config/settings-schema.js';

const LIVE = 'kco_live_api_FAKEnotAREALkey0000abcdQr5678';
const TEST = 'kco_test_api_FAKEnotAREALkey0000abcdQr1234';

function fakeCtx(secret: string | undefined, store: { flag?: string; env?: string; profile?: string }) {
  const file = emptySettings();
  if (store.profile) file.profiles['default'] = { store: store.profile };
  const settings = resolveSettings(file, { store: store.flag }, store.env ? { MERCHANT_STORE: store.env } : {});
  const lines: string[] = [];
  const credential = secret
    ? credentialFromEntry({ id: 'c', profile: 'default', store: 'M1', kind: 'api_key', username: null, secret, environment: secret.includes('_live_') ? 'live' : 'test', added_at: '', last_used_at: null })
    : undefined;
  return { lines, ctx: { credential: () => credential, settings: () => settings, logger: { warn: (m: string) => lines.push(m), info: (m: string) => lines.push(m) } } };
}

describe('guardLiveWrite', () => {
  it.each([
    ['test key, no store', TEST, {}, 'quiet'],
    ['no key', undefined, {}, 'quiet'],
    ['live key, --store', LIVE, { flag: 'M1' }, 'banner'],
    ['live key, store pinned in profile', LIVE, { profile: 'M1' }, 'banner'],
    ['live key, store only from MERCHANT_STORE', LIVE, { env: 'M1' }, 'refused'],
    ['live key, no store', LIVE, {}, 'refused'],
  ] as const)('%s → %s', (_name, secret, store, expected) => {
    const { ctx, lines } = fakeCtx(secret, store);
    if (expected === 'refused') {
      expect(() => guardLiveWrite(ctx, { action: 'capture 100.00 SEK' })).toThrow(/needs the store named with --store or pinned in the profile/);
      return;
    }
    const live = guardLiveWrite(ctx, { action: 'capture 100.00 SEK' });
    expect(live).toBe(expected === 'banner');
    if (expected === 'banner') {
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^LIVE · store M1 · mode live .* · capture 100\.00 SEK$/);
      expect(lines[0]).not.toContain(LIVE);
    } else expect(lines).toEqual([]);
  });

  it('an explicit store named by the command counts as named', () => {
    const { ctx, lines } = fakeCtx(LIVE, { env: 'M1' });
    expect(guardLiveWrite(ctx, { action: 'configure store M2', store: 'M2' })).toBe(true);
    expect(lines[0]).toContain('store M2');
  });

  it('stores configure under a live key prints the banner on stderr before refusing on the sandbox', async () => {
    const home = tempHome();
    const r = await runCli(['stores', 'configure', 'se-demo', '--name', 'X'], { home, env: { MERCHANT_API_KEY: LIVE } });
    expect(r.stderr).toMatch(/^LIVE · store se-demo · mode live/m);
    expect(r.stdout).toBe('');
  });
});
