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
