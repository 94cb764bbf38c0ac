/**
 * API keys issued by the provider. Kustom has no key API (keys come from its Portal), so only the
 * sandbox implements this; it issues real keys, stores them hashed, and enforces Portal roles.
 */
import type { Role } from '../../domain/roles.js';
import type { IssuedKey } from '../../domain/model/api-key.js';

export interface KeysApi {
  /** Returns the secret once; only its hash is kept. */
  issue(input: { role: Role; store_id?: string | undefined; expires_at?: string | undefined }): Promise<{ key: IssuedKey; secret: string }>;
  list(): Promise<IssuedKey[]>;
  revoke(keyId: string): Promise<IssuedKey>;
  /** Which store and role a secret belongs to (for `keys verify`); AuthError when it is not valid. */
  whoami(): Promise<{ store_id: string | null; role: Role | null; environment: 'sandbox' | 'test' | 'live' }>;
}

