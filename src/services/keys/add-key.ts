/**
 * `keys add`: checks a key's shape and that its environment matches the host it will be sent to, then
 * stores it for a profile + store. Refuses to overwrite a stored key (that is `keys rotate`, which
 * verifies the new key first).
 */
import { newEntryId, readCredentials, updateCredentials, type CredentialEntry } from '../../config/credentials.js';
import { hostEnvironment, keyEnvironment, keyShapeProblem, usernameProblem, type KeyEnvironment } from '../../domain/credential-shape.js';
import { StateConflictError, ValidationError, type Issue } from '../../errors.js';
import { viewEntry, type StoredKeyView } from './stored-keys.js';
import type { SecretStorage, SecretStores } from '../../config/secret-store.js';
import { chooseStorage, placeSecret } from './key-storage.js';

export interface AddKeyOptions {
  file: string;
  profile: string;
  store: string;
  secret: string;
  username?: string | undefined;
  /** Only for a legacy pair secret without a kco_ prefix. */
  environment?: string | undefined;
  /** The API base URL in force for this profile (flag > env > profile), if any. */
  baseUrl?: string | undefined;
  backend: string;
  now: Date;
  /** Where to keep the secret (default: the keychain when reachable, else the secrets file). */
  storage?: SecretStorage | undefined;
  stores: SecretStores;
}

/** Checks everything about a new credential; returns the entry to store (not yet written). */
export function checkNewKey(options: Omit<AddKeyOptions, 'file' | 'stores'>): CredentialEntry {
  const issues: Issue[] = [];
  const form = options.username === undefined ? 'key' : 'pair';
  const shape = keyShapeProblem(options.secret, form);
  if (shape) issues.push({ field: 'key', rule: shape });
  if (options.username !== undefined) {
    const u = usernameProblem(options.username);
    if (u) issues.push({ field: 'username', rule: u });
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(options.store)) issues.push({ field: 'store', rule: 'must be 1–64 letters, digits, ".", "_" or "-"' });
  let environment: KeyEnvironment | undefined = keyEnvironment(options.secret);
  if (options.environment !== undefined) {
    if (options.environment !== 'test' && options.environment !== 'live') issues.push({ field: 'environment', rule: 'must be test or live' });
    else if (environment && environment !== options.environment) issues.push({ field: 'environment', rule: `contradicts the key's prefix (a ${environment} key)` });
    else environment = options.environment;
  }
  const hostEnv = options.baseUrl ? hostEnvironment(options.baseUrl) : undefined;
  environment ??= hostEnv;
  if (!shape && environment === undefined) {
    issues.push({ field: 'environment', rule: 'cannot be told from a secret without a kco_ prefix: pass --environment test or live' });
  }
  if (environment && hostEnv && environment !== hostEnv) {
    issues.push({
      field: 'key',
      rule: `a ${environment} key cannot be used with ${options.baseUrl} (a ${hostEnv} host); use a ${hostEnv} key or change base_url`,
    });
  }
  if (environment === 'live' && options.backend === 'sandbox') {
    issues.push({ field: 'key', rule: 'a live key cannot be used with the sandbox backend (a test environment); use --backend kustom or a test key' });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return {
    id: newEntryId(),
    profile: options.profile,
    store: options.store,
    kind: form === 'key' ? 'api_key' : 'pair',
    username: options.username ?? null,
    secret: options.secret,
    environment: environment as KeyEnvironment,
    added_at: options.now.toISOString(),
    last_used_at: null,
  };
}

export function addKey(options: AddKeyOptions): StoredKeyView {
  const entry = checkNewKey(options);
  const existing = readCredentials(options.file).entries.find((e) => e.profile === options.profile && e.store === options.store);
  if (existing) {
    throw new StateConflictError(`Profile "${options.profile}" already has a key for store ${options.store}.`, {
      hint: `Replace it safely (the new key is verified first): merchant keys rotate --store ${options.store}`,
    });
  }
  const placed = placeSecret(entry, chooseStorage(options.storage, options.stores), options.stores);
  const data = updateCredentials(options.file, (d) => {
    d.entries.push(placed);
    d.in_use[options.profile] ??= options.store;
  });
  return viewEntry(placed, data);
}
