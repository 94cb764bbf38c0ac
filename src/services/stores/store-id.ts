/** Which store a command acts on: its --store flag, else the settings' store (env or profile). */
import { UsageError } from '../../errors.js';
import type { ResolvedSettings } from '../../config/resolve.js';

export function resolveStoreId(flag: string | undefined, settings: ResolvedSettings): string {
  const id = flag ?? settings.store.value;
  if (!id) {
    throw new UsageError('No store given: pass --store <id>.', {
      hint: 'Or set a default: merchant stores configure <id> --default (see: merchant stores list)',
      details: { flag: '--store' },
    });
  }
  return id;
}

/** The store a stored-key command needs (`verb` names the command in the message). */
export function requireStoreFor(verb: string, id: string | undefined): string {
  if (id !== undefined) return id;
  throw new UsageError(`Which store? ${verb} needs --store <id> (or a default store in the profile).`, { details: { flag: '--store' } });
}
