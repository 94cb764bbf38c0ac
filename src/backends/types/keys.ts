/**
 * API keys issued by the provider. Kustom has no key API (keys come from its Portal), so only the
 * sandbox implements this; it issues real keys, stores them hashed, and enforces Portal roles.
 */
import type { Role } from '../../domain/roles.js';

export { ROLES, type Role } from '../../domain/roles.js';

export interface IssuedKey {
  key_id: string;
  store_id: string | null;
  role: Role;
  /** Prefix and last four characters, e.g. `kco_test_api_…a1b2`. */
  masked: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface KeysApi {
  /** Returns the secret once; only its hash is kept. */
  issue(input: { role: Role; store_id?: string | undefined; expires_at?: string | undefined }): Promise<{ key: IssuedKey; secret: string }>;
  list(): Promise<IssuedKey[]>;
  revoke(keyId: string): Promise<IssuedKey>;
  /** Which store and role a secret belongs to (for `keys verify`); AuthError when it is not valid. */
  whoami(): Promise<{ store_id: string | null; role: Role | null; environment: 'sandbox' | 'test' | 'live' }>;
}

/** What a harmless authenticated call says about the credential in use (`keys verify`). */
export interface CredentialCheck {
  /** The store (MID) the key belongs to, when the provider says. */
  store_id: string | null;
  /** The sandbox knows its keys' roles; Kustom does not expose them (null). */
  role: Role | null;
  environment: 'sandbox' | 'test' | 'live';
}
