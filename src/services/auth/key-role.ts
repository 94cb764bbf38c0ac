/**
 * The Portal role of the key in use, for what a command offers to do next (`lookup`'s next steps, the
 * commands `status` suggests). Only a backend that issues keys knows it (the sandbox, through `whoami`);
 * on Kustom roles are checked on Kustom's side, so the role is unknown (`null`) and every step the state
 * allows is offered. A sandbox store without keys, or a key it does not accept, is `null` as well: the
 * operation itself then says why it is refused.
 */
import type { Backend } from '../../backends/backend.js';
import type { Role } from '../../domain/roles.js';
import { isMerchantError } from '../../errors.js';

export async function keyRole(backend: Backend): Promise<Role | null> {
  if (!backend.keys) return null;
  try {
    return (await backend.keys.whoami()).role;
  } catch (error) {
    if (isMerchantError(error) && error.kind === 'auth') return null;
    throw error;
  }
}
