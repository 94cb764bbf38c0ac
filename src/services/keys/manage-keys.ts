/** `keys use` and `keys remove`: which stored key a profile uses, and forgetting one. */
import { readCredentials, updateCredentials, type CredentialEntry } from '../../config/credentials.js';
import { NotFoundError } from '../../errors.js';
import { viewEntry, type StoredKeyView } from './stored-keys.js';
import type { SecretStores } from '../../config/secret-store.js';
import { forgetKeychainSecret } from './key-storage.js';

function notFound(file: string, profile: string, store: string): NotFoundError {
  const stores = readCredentials(file).entries.filter((e) => e.profile === profile).map((e) => e.store).sort();
  return new NotFoundError(`Stored key for store`, `${store} (profile "${profile}")`, {
    hint: stores.length ? `Profile "${profile}" has keys for: ${stores.join(', ')}.` : `Profile "${profile}" has no keys. Add one: merchant keys add --store ${store}`,
  });
}

export function useKey(file: string, profile: string, store: string): StoredKeyView {
  const data = readCredentials(file);
  const entry = data.entries.find((e) => e.profile === profile && e.store === store);
  if (!entry) throw notFound(file, profile, store);
  const next = updateCredentials(file, (d) => {
    d.in_use[profile] = store;
  });
  return viewEntry(entry, next);
}

export function findStoredKey(file: string, profile: string, store: string): StoredKeyView {
  const data = readCredentials(file);
  const entry = data.entries.find((e) => e.profile === profile && e.store === store);
  if (!entry) throw notFound(file, profile, store);
  return viewEntry(entry, data);
}

export function removeKey(file: string, profile: string, store: string, stores: SecretStores): StoredKeyView & { keychain_error?: string } {
  const view = findStoredKey(file, profile, store);
  updateCredentials(file, (d) => {
    d.entries = d.entries.filter((e) => e.id !== view.id);
    if (d.in_use[profile] === store) {
      const left = d.entries.filter((e) => e.profile === profile);
      if (left.length === 1 && left[0]) d.in_use[profile] = left[0].store;
      else delete d.in_use[profile];
    }
  });
  const problem = view.storage === 'keychain' ? forgetKeychainSecret(stores, view.id) : undefined;
  return problem === undefined ? view : { ...view, keychain_error: problem };
}

/** Swaps the stored secret for a profile + store (after the new one was verified). */
export function replaceKey(file: string, profile: string, store: string, replacement: CredentialEntry): StoredKeyView {
  const old = findStoredKey(file, profile, store);
  const data = updateCredentials(file, (d) => {
    d.entries = d.entries.filter((e) => e.id !== old.id);
    d.entries.push(replacement);
  });
  return viewEntry(replacement, data);
}
