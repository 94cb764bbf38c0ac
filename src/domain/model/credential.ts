/**
 * The API credential as a provider needs it: how to authenticate, which environment it is for, and how to
 * name it in a message without showing it. The config layer resolves one (env var or stored profile key).
 */
import type { KeyEnvironment } from '../credential-shape.js';

export interface ApiCredential {
  /** `MERCHANT_API_KEY` or `profile "ci"`. */
  readonly sourceLabel: string;
  readonly kind: 'api_key' | 'pair';
  readonly username: string | null;
  readonly environment: KeyEnvironment;
  /** The store (MID) the key was stored for, when known. */
  readonly store: string | undefined;
  /** Prefix and last four characters, for messages. */
  readonly masked: string;
  /** The raw secret, for the one place that needs it (the Authorization header / sandbox hash check). */
  secret(): string;
}
