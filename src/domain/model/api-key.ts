/** API keys as the provider reports them. */
import type { Role } from '../roles.js';

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

/** What a harmless authenticated call says about the credential in use (`keys verify`). */
export interface CredentialCheck {
  /** The store (MID) the key belongs to, when the provider says. */
  store_id: string | null;
  /** The sandbox knows its keys' roles; Kustom does not expose them (null). */
  role: Role | null;
  environment: 'sandbox' | 'test' | 'live';
}
