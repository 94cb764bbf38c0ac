/**
 * Which key and which host a kustom run uses. The credential normally comes resolved from the CLI
 * (`BackendDeps.credential`); until the credentials file exists everywhere, MERCHANT_API_KEY (and
 * optionally MERCHANT_API_USERNAME for the base64 username:key form) are read from the environment too.
 */
import { AuthError } from '../../errors.js';
import type { BackendDeps } from '../registry.js';
import { assertHostMatchesKey, defaultBaseUrl, environmentForKey, LIVE_BASE_URL, type KustomCredential } from './http/index.js';

export interface KustomConnection {
  credential: KustomCredential;
  baseUrl: string;
  environment: 'test' | 'live';
  /** The store (MID) the credential is bound to, when known. */
  storeId: string | null;
}

/**
 * Reads the key out of `deps.credential`. Written against the shape only (not the type), because the
 * credential record is being reworked in parallel: `secret` is either `{kind, apiKey | username+secret}` or
 * a function returning the raw secret next to `kind: 'api_key' | 'pair'` and `username`.
 */
export function kustomCredentialOf(resolved: unknown): { credential: KustomCredential; storeId: string | null } | undefined {
  if (resolved === null || typeof resolved !== 'object') return undefined;
  const r = resolved as Record<string, unknown>;
  const storeId = typeof r.storeId === 'string' ? r.storeId : typeof r.store === 'string' ? r.store : null;
  const secret = r.secret;
  if (typeof secret === 'function') {
    const raw = String((secret as () => unknown).call(resolved));
    const username = typeof r.username === 'string' && r.username !== '' ? r.username : undefined;
    return { credential: r.kind === 'pair' && username ? { kind: 'basic', username, secret: raw } : { kind: 'api_key', apiKey: raw }, storeId };
  }
  if (secret !== null && typeof secret === 'object') {
    const s = secret as Record<string, unknown>;
    if (s.kind === 'api_key' && typeof s.apiKey === 'string') return { credential: { kind: 'api_key', apiKey: s.apiKey }, storeId };
    if (s.kind === 'basic' && typeof s.username === 'string' && typeof s.secret === 'string') {
      return { credential: { kind: 'basic', username: s.username, secret: s.secret }, storeId };
    }
  }
  return undefined;
}

function fromEnv(env: BackendDeps['env']): KustomCredential | undefined {
  const key = env['MERCHANT_API_KEY']?.trim();
  if (!key) return undefined;
  const username = env['MERCHANT_API_USERNAME']?.trim();
  return username ? { kind: 'basic', username, secret: key } : { kind: 'api_key', apiKey: key };
}

/** Resolves key and base URL, or throws AuthError (exit 4) saying how to provide a key. */
export function resolveKustomConnection(deps: Pick<BackendDeps, 'credential' | 'env' | 'settings'>): KustomConnection {
  const stored = kustomCredentialOf(deps.credential);
  const credential: KustomCredential | undefined = stored?.credential ?? fromEnv(deps.env);
  if (!credential) {
    throw new AuthError('The kustom backend needs an API key, and none is configured.', {
      hint: 'Add one with `merchant keys add`, or set MERCHANT_API_KEY (a kco_test_api_… key from portal.playground.kustom.co).',
    });
  }
  const secret = credential.kind === 'api_key' ? credential.apiKey : credential.secret;
  const keyEnv = environmentForKey(secret);
  const override = deps.settings.base_url.value;
  // A legacy secret (no kco_ prefix) says nothing about its environment: default to the playground, the safe side.
  const baseUrl = (override ?? defaultBaseUrl(keyEnv ?? 'test')).replace(/\/+$/, '');
  assertHostMatchesKey(baseUrl, secret);
  const environment = keyEnv ?? (new URL(baseUrl).hostname === new URL(LIVE_BASE_URL).hostname ? 'live' : 'test');
  return { credential, baseUrl, environment, storeId: stored?.storeId ?? null };
}
