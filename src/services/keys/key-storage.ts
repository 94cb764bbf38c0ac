/**
 * Choosing where a key's secret is kept and moving it: the keychain where one is reachable (like gh),
 * the 0600 secrets file otherwise. A move writes the secret to its new place, points the entry there,
 * and only then removes it from the old place, so at every step the entry finds its secret.
 */
import { maskedOf, readCredentials, secretOf, storageOf, updateCredentials, type CredentialEntry } from '../../config/credentials.js';
import type { SecretStorage, SecretStores } from '../../config/secret-store.js';
import { ConfigError } from '../../errors.js';
import { viewEntry, type StoredKeyView } from './stored-keys.js';

/** The storage a new key goes to: the one asked for (which must be usable), else the keychain when reachable. */
export function chooseStorage(requested: SecretStorage | undefined, stores: SecretStores): SecretStorage {
  const reason = requested === 'file' ? undefined : stores.keychain.unavailable();
  if (requested === 'keychain' && reason !== undefined) {
    throw new ConfigError(`The keychain cannot be used here: ${reason}.`, { hint: 'Store the key in the secrets file instead: --storage file' });
  }
  return requested ?? (reason === undefined ? 'keychain' : 'file');
}

/** Puts a new entry's secret where it belongs; returns the entry to write to the secrets file. */
export function placeSecret(entry: CredentialEntry, storage: SecretStorage, stores: SecretStores): CredentialEntry {
  if (storage === 'file') return { ...entry, storage: undefined, masked: undefined };
  const secret = secretOf(entry, stores);
  stores.keychain.set(entry.id, secret);
  const { secret: _inline, ...rest } = entry;
  return { ...rest, storage: 'keychain', masked: maskedOf(entry) };
}

/** Removes a secret from the keychain once no entry points at it; a keychain that fails then is not fatal. */
export function forgetKeychainSecret(stores: SecretStores, account: string): string | undefined {
  try {
    stores.keychain.delete(account);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export interface MigrateResult {
  moved: StoredKeyView[];
  /** Already where they were asked to go. */
  unchanged: StoredKeyView[];
}

/** `keys migrate --to`: moves every stored key of a profile (or one store's) to one storage. */
export function migrateKeys(file: string, stores: SecretStores, options: { to: SecretStorage; profile: string; store?: string | undefined }): MigrateResult {
  chooseStorage(options.to, stores);
  const selected = readCredentials(file).entries.filter((e) => e.profile === options.profile && (options.store === undefined || e.store === options.store));
  if (options.store !== undefined && selected.length === 0) {
    throw new ConfigError(`Profile "${options.profile}" has no stored key for store ${options.store}.`, { hint: 'See the stored keys: merchant keys list' });
  }
  const moved: string[] = [];
  for (const entry of selected) {
    const from = storageOf(entry);
    if (from === options.to) continue;
    const secret = secretOf(entry, stores);
    stores[options.to].set(entry.id, secret);
    updateCredentials(file, (d) => {
      const e = d.entries.find((x) => x.id === entry.id);
      if (!e) return;
      if (options.to === 'keychain') Object.assign(e, { storage: 'keychain', masked: maskedOf(entry) });
      else {
        delete e.storage;
        delete e.masked;
      }
    });
    stores[from].delete(entry.id);
    moved.push(entry.id);
  }
  const data = readCredentials(file);
  const views = data.entries.filter((e) => selected.some((s) => s.id === e.id)).map((e) => viewEntry(e, data));
  return { moved: views.filter((v) => moved.includes(v.id)), unchanged: views.filter((v) => !moved.includes(v.id)) };
}
