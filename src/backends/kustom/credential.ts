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

function fromEnv(env: BackendDeps['env']): KustomCredential | undefined {
  const key = env['MERCHANT_API_KEY']?.trim();
  if (!key) return undefined;
  const username = env['MERCHANT_API_USERNAME']?.trim();
  return username ? { kind: 'basic', username, secret: key } : { kind: 'api_key', apiKey: key };
}

/** Resolves key and base URL, or throws AuthError (exit 4) saying how to provide a key. */
export function resolveKustomConnection(deps: Pick<BackendDeps, 'credential' | 'env' | 'settings'>): KustomConnection {
  const credential: KustomCredential | undefined = deps.credential?.secret ?? fromEnv(deps.env);
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
  return { credential, baseUrl, environment, storeId: deps.credential?.storeId ?? null };
}
