/**
 * Where a stored key's secret lives. The secrets file (`credentials.json`) always holds the index of
 * stored keys (profile, store, environment, mask); the secret itself is either inline in that file
 * (`file`, mode 0600) or in the platform keychain (`keychain`: macOS Keychain, Windows Credential
 * Manager, the Secret Service on Linux desktops), under the service `merchant-cli` and the entry's ID.
 *
 * Commands reach both through the context (`Context.secretStores`), so tests swap the keychain for the
 * in-memory store below and nothing is mocked.
 */
import { updateCredentials, readCredentials } from './credentials.js';

export type SecretStorage = 'file' | 'keychain';
export const SECRET_STORAGES: readonly SecretStorage[] = ['file', 'keychain'];

export interface SecretStore {
  readonly storage: SecretStorage;
  /** Why this store cannot be used on this machine, or undefined when it can. */
  unavailable(): string | undefined;
  get(account: string): string | undefined;
  set(account: string, secret: string): void;
  delete(account: string): void;
}

export type SecretStores = Readonly<Record<SecretStorage, SecretStore>>;

/** Secrets inline in the secrets file, keyed by the entry they belong to (which must exist). */
export function fileSecretStore(file: string): SecretStore {
  return {
    storage: 'file',
    unavailable: () => undefined,
    get: (account) => readCredentials(file).entries.find((e) => e.id === account)?.secret,
    set(account, secret) {
      updateCredentials(file, (d) => {
        const entry = d.entries.find((e) => e.id === account);
        if (!entry) throw new Error(`no stored key ${account}`);
        entry.secret = secret;
      });
    },
    delete(account) {
      updateCredentials(file, (d) => {
        const entry = d.entries.find((e) => e.id === account);
        if (entry) delete entry.secret;
      });
    },
  };
}

/** A keychain held in memory, injected by tests through the context; `unavailable` makes it one that cannot be used. */
export function memorySecretStore(options: { unavailable?: string } = {}): SecretStore & { readonly secrets: Map<string, string> } {
  const secrets = new Map<string, string>();
  const guard = (): void => {
    if (options.unavailable) throw new Error(options.unavailable);
  };
  return {
    storage: 'keychain',
    secrets,
    unavailable: () => options.unavailable,
    get: (account) => (guard(), secrets.get(account)),
    set: (account, secret) => (guard(), void secrets.set(account, secret)),
    delete: (account) => (guard(), void secrets.delete(account)),
  };
}
