/** `keys create|revoke|issued`: keys the sandbox issues (Kustom issues keys only in its Portal). */
import { requireCapability, type Backend } from '../../backends/backend.js';
import { ROLES, type Role } from '../../domain/roles.js';
import type { IssuedKey } from '../../domain/model/api-key.js';
import { parseInstant } from '../../domain/durations.js';
import { ValidationError } from '../../errors.js';

export interface CreateKeyOptions {
  role: string;
  store?: string | undefined;
  /** `30d` or an ISO date. */
  expires?: string | undefined;
}

export async function createSandboxKey(backend: Backend, options: CreateKeyOptions): Promise<{ key: IssuedKey; secret: string }> {
  requireCapability(backend, 'keys.issue', 'issue API keys (Kustom keys are created in its Portal: Integrations → API)');
  const role = options.role.toLowerCase().replace(/[\s-]/g, '_');
  if (!(ROLES as readonly string[]).includes(role)) throw ValidationError.single('role', `must be one of ${ROLES.join(', ')}`);
  let expires_at: string | undefined;
  if (options.expires !== undefined) {
    const at = parseInstant(options.expires, backend.clock.now(), 'ahead');
    if (!at) throw ValidationError.single('expires', 'must be a duration like 30d, 12h, 2w or an ISO date');
    expires_at = at.toISOString();
  }
  return backend.keys!.issue({ role: role as Role, store_id: options.store, expires_at });
}

export async function revokeSandboxKey(backend: Backend, keyId: string): Promise<IssuedKey> {
  requireCapability(backend, 'keys.issue', 'revoke API keys (Kustom keys are deleted in its Portal)');
  return backend.keys!.revoke(keyId);
}

export async function listSandboxKeys(backend: Backend): Promise<IssuedKey[]> {
  requireCapability(backend, 'keys.issue', 'list issued API keys (see the Kustom Portal: Integrations → API)');
  return backend.keys!.list();
}
