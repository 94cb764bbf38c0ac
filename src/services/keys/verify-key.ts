/** `keys verify`: one harmless authenticated call through the backend, saying whether the key works. */
import { requireCapability, type Backend } from '../../backends/backend.js';
import type { ResolvedCredential } from '../../config/credentials.js';
import { AuthError } from '../../errors.js';

export interface VerifyResult {
  ok: true;
  backend: string;
  masked: string;
  source: string;
  environment: 'test' | 'live';
  store: string | null;
  role: string | null;
}

export const NO_KEY_HINT = 'Add one: merchant keys add --store <id> (hidden prompt) or --stdin; or set MERCHANT_API_KEY.';

export async function verifyKey(backend: Backend, credential: ResolvedCredential | undefined): Promise<VerifyResult> {
  requireCapability(backend, 'keys.verify', 'verify API keys');
  if (!credential) throw new AuthError('No API key is in use for this profile and store.', { hint: NO_KEY_HINT });
  if (!backend.verifyCredentials) throw new AuthError(`The ${backend.name} backend cannot verify keys.`);
  const check = await backend.verifyCredentials();
  return {
    ok: true,
    backend: backend.name,
    masked: credential.masked,
    source: credential.sourceLabel,
    environment: credential.environment,
    store: check.store_id ?? credential.store ?? null,
    role: check.role,
  };
}
