/**
 * What a Kustom credential looks like (a key, or a legacy username:password pair) and how it is shown. Pure: used by the secrets
 * file, the commands, the sandbox and the redactor alike, so every layer agrees on one shape.
 */
export type KeyEnvironment = 'test' | 'live';

export const KEY_PREFIXES: Record<KeyEnvironment, string> = { test: 'kco_test_api_', live: 'kco_live_api_' };

/** Any string that looks like a Kustom API key, wherever it appears (used to redact text). */
export const KEY_PATTERN = /kco_(?:test|live)_api_[A-Za-z0-9+/=_.-]+/g;

const KEY_SHAPE = /^kco_(test|live)_api_[A-Za-z0-9+/=_.-]{16,200}$/;

/** The environment a key's prefix names, or undefined when it is not a Kustom API key. */
export function keyEnvironment(key: string): KeyEnvironment | undefined {
  const m = KEY_SHAPE.exec(key);
  return m ? (m[1] as KeyEnvironment) : undefined;
}

/**
 * Checks a secret's shape; returns the rule it breaks (never echoing the value), or undefined when fine.
 * A bare key must be `kco_<test|live>_api_` + at least 16 characters; a pair's secret may be such a key
 * or a legacy shared secret (printable, no spaces).
 */
export function keyShapeProblem(secret: string, form: 'key' | 'pair'): string | undefined {
  if (secret.length === 0) return 'is empty';
  if (/\s/.test(secret)) return 'must not contain spaces or line breaks';
  if (form === 'key') {
    if (keyEnvironment(secret)) return undefined;
    if (secret.startsWith('kco_')) return 'must be kco_test_api_ or kco_live_api_ followed by at least 16 letters, digits or -_./+=';
    return 'is not a Kustom API key (expected kco_test_api_… for the playground or kco_live_api_… for live; for a username + secret pair pass --username)';
  }
  if (secret.startsWith('kco_') && !keyEnvironment(secret)) return 'looks like a Kustom key but is malformed (expected kco_test_api_… or kco_live_api_…)';
  if (secret.length < 8) return 'is too short (at least 8 characters)';
  if (secret.length > 500) return 'is too long (at most 500 characters)';
  if (!/^[\x21-\x7e]+$/.test(secret)) return 'must be printable ASCII';
  return undefined;
}

/** Username of the pair form: `<MID>-<suffix>` in practice; we only insist on something sendable. */
export function usernameProblem(username: string): string | undefined {
  if (username.length === 0) return 'is empty';
  if (username.includes(':')) return 'must not contain ":" (it separates username and secret in the header)';
  if (!/^[\x21-\x7e]{1,200}$/.test(username)) return 'must be 1–200 printable characters without spaces';
  return undefined;
}

/** Prefix plus last four characters: `kco_test_api_…a1b2`; a legacy secret shows only `…a1b2`. */
export function maskSecret(secret: string): string {
  const env = keyEnvironment(secret);
  const tail = secret.length >= 12 ? secret.slice(-4) : '';
  return env ? `${KEY_PREFIXES[env]}…${tail}` : `…${tail}`;
}

/**
 * Environment implied by an API host: the playground host is test, api.kustom.co is
 * live; any other host (a proxy, a local fake server) implies nothing and is not checked.
 */
export function hostEnvironment(baseUrl: string): KeyEnvironment | undefined {
  let host: string;
  try {
    host = new URL(baseUrl).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  if (host === 'api.kustom.co' || host === 'portal.kustom.co') return 'live';
  if (host === 'api.playground.kustom.co' || host === 'portal.playground.kustom.co') return 'test';
  return undefined;
}
