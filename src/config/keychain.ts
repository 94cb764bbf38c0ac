/**
 * The platform keychain through `@napi-rs/keyring`: macOS Keychain, Windows Credential Manager, and on
 * Linux the Secret Service only (the kernel keyring is not persistent, so it is no place for a key).
 * Where there is none (CI, servers, containers: no session bus) `unavailable()` says why and the secrets
 * file is used instead. `MERCHANT_KEYCHAIN=off` switches it off outright.
 *
 * The native binding is loaded on first use, so commands that never touch a key never pay for it.
 */
import { createRequire } from 'node:module';
import type * as Keyring from '@napi-rs/keyring';
import type { SecretStore } from './secret-store.js';

export const KEYCHAIN_SERVICE = 'merchant-cli';
export const KEYCHAIN_ENV = 'MERCHANT_KEYCHAIN';
const PROBE_ACCOUNT = '__merchant_probe__';

export function keychainSecretStore(env: Readonly<Record<string, string | undefined>>): SecretStore {
  let reason: string | null | undefined;
  const entry = (account: string): Keyring.Entry => {
    const { Entry } = createRequire(import.meta.url)('@napi-rs/keyring') as typeof Keyring;
    return new Entry(KEYCHAIN_SERVICE, account, { linux: { store: 'secret-service' } });
  };
  // The binding's messages name the platform store, never a secret.
  const fail = (error: unknown): never => {
    throw new Error(`the keychain refused: ${(error as Error).message}`);
  };
  const store: SecretStore = {
    storage: 'keychain',
    unavailable() {
      if (reason === undefined) {
        if (env[KEYCHAIN_ENV] === 'off') reason = `switched off (${KEYCHAIN_ENV}=off)`;
        else {
          try {
            entry(PROBE_ACCOUNT).getPassword();
            reason = null;
          } catch (error) {
            reason = `no keychain reachable (${(error as Error).message})`;
          }
        }
      }
      return reason ?? undefined;
    },
    get(account) {
      try {
        return entry(account).getPassword() ?? undefined;
      } catch (error) {
        return fail(error);
      }
    },
    set(account, secret) {
      try {
        entry(account).setPassword(secret);
      } catch (error) {
        fail(error);
      }
    },
    delete(account) {
      try {
        entry(account).deletePassword();
      } catch (error) {
        fail(error);
      }
    },
  };
  return store;
}
