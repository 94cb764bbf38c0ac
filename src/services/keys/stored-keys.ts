/**
 * The stored keys (secrets file) as the commands see them: never the secret, only its mask. One entry
 * per profile + store; `in_use` is the store a profile's key is taken from when no store is named.
 */
import { findEntry, maskedOf, readCredentials, storageOf, type CredentialEntry, type CredentialsFile } from '../../config/credentials.js';
import type { SecretStorage } from '../../config/secret-store.js';

export interface StoredKeyView {
  id: string;
  profile: string;
  store: string;
  kind: 'api_key' | 'pair';
  username: string | null;
  environment: 'test' | 'live';
  masked: string;
  /** Where the secret is kept: the secrets file or the keychain. */
  storage: SecretStorage;
  added_at: string;
  last_used_at: string | null;
  /** The key this profile uses when no store is named. */
  in_use: boolean;
}

export function viewEntry(entry: CredentialEntry, data: CredentialsFile): StoredKeyView {
  return {
    id: entry.id,
    profile: entry.profile,
    store: entry.store,
    kind: entry.kind,
    username: entry.username,
    environment: entry.environment,
    masked: maskedOf(entry),
    storage: storageOf(entry),
    added_at: entry.added_at,
    last_used_at: entry.last_used_at,
    in_use: findEntry(data, entry.profile, undefined)?.id === entry.id,
  };
}

export function listStoredKeys(file: string, profile?: string): StoredKeyView[] {
  const data = readCredentials(file);
  return data.entries
    .filter((e) => profile === undefined || e.profile === profile)
    .sort((a, b) => a.profile.localeCompare(b.profile) || a.store.localeCompare(b.store))
    .map((e) => viewEntry(e, data));
}
