/**
 * `keys rotate`: the new key is checked, then verified with one authenticated call, and only then
 * replaces the old one in the secrets file. If verification fails nothing changes, so a typo never
 * locks anyone out. (Retiring the old key at Kustom is a Portal step; the sandbox can revoke it.)
 */
import { credentialFromEntry, secretOf, type ResolvedCredential } from '../../config/credentials.js';
import { chooseStorage, forgetKeychainSecret, placeSecret } from './key-storage.js';
import { ValidationError } from '../../errors.js';
import { checkNewKey, type AddKeyOptions } from './add-key.js';
import { findStoredKey, replaceKey } from './manage-keys.js';
import type { StoredKeyView } from './stored-keys.js';
import type { VerifyResult } from './verify-key.js';
import { readCredentials } from '../../config/credentials.js';

export interface RotateKeyOptions extends AddKeyOptions {
  verify(credential: ResolvedCredential): Promise<VerifyResult>;
}

export async function rotateKey(options: RotateKeyOptions): Promise<{ old: StoredKeyView; next: StoredKeyView; verified: VerifyResult }> {
  const old = findStoredKey(options.file, options.profile, options.store);
  const entry = checkNewKey(options);
  const current = readCredentials(options.file).entries.find((e) => e.id === old.id);
  if (current && secretOf(current, options.stores) === entry.secret) throw ValidationError.single('key', 'is the key already stored; rotate to a new key');
  const verified = await options.verify(credentialFromEntry(entry));
  // The new key is kept where the old one was (unless another storage is asked for).
  const placed = placeSecret(entry, chooseStorage(options.storage ?? old.storage, options.stores), options.stores);
  const next = replaceKey(options.file, options.profile, options.store, placed);
  if (old.storage === 'keychain') forgetKeychainSecret(options.stores, old.id);
  return { old, next, verified };
}

/** The same, asking for the new key only once the store is known to have one to replace. */
export async function rotateStoredKey(options: Omit<RotateKeyOptions, 'secret'> & { readSecret: () => Promise<string> }): ReturnType<typeof rotateKey> {
  findStoredKey(options.file, options.profile, options.store);
  const { readSecret, ...rest } = options;
  return rotateKey({ ...rest, secret: await readSecret() });
}
