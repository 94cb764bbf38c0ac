/**
 * The credential a backend receives for one run. Where it came from matters (`auth status` reports it,
 * and an environment variable silently beating a stored key is a classic mistake), so it travels along.
 */
export type CredentialSecret = { kind: 'api_key'; apiKey: string } | { kind: 'basic'; username: string; secret: string };

export interface ResolvedCredential {
  secret: CredentialSecret;
  /** `env:MERCHANT_API_KEY`, `profile:<name>/<store>`… */
  source: string;
  environment: 'test' | 'live' | 'unknown';
  storeId: string | null;
}
