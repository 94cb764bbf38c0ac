/**
 * Which key and which host a kustom run uses. The credential comes resolved from the CLI context
 * (`BackendDeps.credential`, a `ApiCredential`): the context already applies the precedence
 * MERCHANT_API_KEY (+ MERCHANT_API_USERNAME) > the profile's stored key, so nothing here reads the
 * environment.
 */
import type { ApiCredential } from '../../domain/model/credential.js';
import { AuthError } from '../../errors.js';
import type { BackendDeps } from '../backend.js';
import { assertHostMatchesKey, defaultBaseUrl, type KustomCredential } from './http/index.js';

export interface KustomConnection {
  credential: KustomCredential;
  baseUrl: string;
  environment: 'test' | 'live';
  /** The store (MID) the credential is bound to, when known. */
  storeId: string | null;
}

/** The HTTP client's view of a resolved credential: a bare key (form A) or a username + secret pair (form B). */
export function kustomCredentialOf(resolved: ApiCredential): KustomCredential {
  const secret = resolved.secret();
  return resolved.kind === 'pair' && resolved.username ? { kind: 'basic', username: resolved.username, secret } : { kind: 'api_key', apiKey: secret };
}

/** Resolves key and base URL, or throws AuthError (exit 4) saying how to provide a key. */
export function resolveKustomConnection(deps: Pick<BackendDeps, 'credential' | 'settings'>): KustomConnection {
  const resolved = deps.credential;
  if (!resolved) {
    throw new AuthError('The kustom backend needs an API key, and none is configured.', {
      hint: 'Add one with `merchant keys add`, or set MERCHANT_API_KEY (a kco_test_api_… key from portal.playground.kustom.co).',
    });
  }
  const credential = kustomCredentialOf(resolved);
  // The credential's environment comes from the key prefix, or (legacy pair) the one stored/declared with it.
  const baseUrl = (deps.settings.base_url.value ?? defaultBaseUrl(resolved.environment)).replace(/\/+$/, '');
  assertHostMatchesKey(baseUrl, resolved.secret());
  return { credential, baseUrl, environment: resolved.environment, storeId: resolved.store ?? null };
}
