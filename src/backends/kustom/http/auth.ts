/**
 * Authentication for the Kustom API (HTTP Basic) and the host/key pairing rule: a test key only on the
 * playground host, a live key only on the live host.
 * Nothing here ever puts a key into a message.
 */
import { AuthError } from '../../../errors.js';

export type KustomEnvironment = 'test' | 'live';

export type KustomCredential =
  | { kind: 'api_key'; apiKey: string }
  | { kind: 'basic'; username: string; secret: string };

export const LIVE_BASE_URL = 'https://api.kustom.co';
export const PLAYGROUND_BASE_URL = 'https://api.playground.kustom.co';

const TEST_PREFIX = 'kco_test_api_';
const LIVE_PREFIX = 'kco_live_api_';

/** `kco_test_api_…` → 'test', `kco_live_api_…` → 'live', anything else (e.g. a legacy secret) → undefined. */
export function environmentForKey(key: string): KustomEnvironment | undefined {
  if (key.startsWith(TEST_PREFIX)) return 'test';
  if (key.startsWith(LIVE_PREFIX)) return 'live';
  return undefined;
}

export function defaultBaseUrl(env: KustomEnvironment): string {
  return env === 'live' ? LIVE_BASE_URL : PLAYGROUND_BASE_URL;
}

/** The secret that decides the environment: the bare key, or the secret half of a username/secret pair. */
export function credentialKey(credential: KustomCredential): string {
  return credential.kind === 'api_key' ? credential.apiKey : credential.secret;
}

/**
 * Form A: `Basic <key>` (the key is NOT base64-encoded). Form B: `Basic base64(username:secret)`.
 */
export function authorizationHeader(credential: KustomCredential): string {
  if (credential.kind === 'api_key') return `Basic ${credential.apiKey}`;
  return `Basic ${Buffer.from(`${credential.username}:${credential.secret}`, 'utf8').toString('base64')}`;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).hostname.toLowerCase();
  } catch {
    throw new AuthError(`The Kustom base URL "${baseUrl}" is not a valid URL.`);
  }
}

/**
 * Refuses a live key against the playground host and a test key against the live host (and any key against a
 * Klarna host, which no longer serves Kustom merchants). Local hosts (tests, fakes) accept either key.
 */
export function assertHostMatchesKey(baseUrl: string, key: string): void {
  const host = hostOf(baseUrl);
  if (LOCAL_HOSTS.has(host)) return;
  if (host === 'klarna.com' || host.endsWith('.klarna.com')) {
    throw new AuthError(
      `The base URL ${baseUrl} is a Klarna host; Kustom keys only work against ${LIVE_BASE_URL} or ${PLAYGROUND_BASE_URL}.`,
      { hint: 'Remove the base URL override, or set it to a Kustom host.' },
    );
  }
  const env = environmentForKey(key);
  const liveHost = hostOf(LIVE_BASE_URL);
  const playgroundHost = hostOf(PLAYGROUND_BASE_URL);
  if (env === 'live' && host === playgroundHost) {
    throw new AuthError(
      `A live key (${LIVE_PREFIX}…) cannot be used with the playground host ${PLAYGROUND_BASE_URL}; live keys only work against ${LIVE_BASE_URL}.`,
      { hint: `Use a ${TEST_PREFIX}… key for the playground, or point the base URL at ${LIVE_BASE_URL}.` },
    );
  }
  if (env === 'test' && host === liveHost) {
    throw new AuthError(
      `A test key (${TEST_PREFIX}…) cannot be used with the live host ${LIVE_BASE_URL}; test keys only work against ${PLAYGROUND_BASE_URL}.`,
      { hint: `Use a ${LIVE_PREFIX}… key for live, or point the base URL at ${PLAYGROUND_BASE_URL}.` },
    );
  }
}
