/** A command that acts on one store needs one: the store in force (`ctx.storeId(flag)`), or a usage error. */
import { UsageError, ValidationError } from '../../errors.js';
import { storeIdIssues } from '../../domain/store-rules.js';

export function requireStoreId(id: string | undefined): string {
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
  if (id !== undefined) {
    const issues = storeIdIssues(id, '--store');
    if (issues.length > 0) throw new ValidationError(issues);
    return id;
  }
  throw new UsageError(`Which store? ${verb} needs --store <id> (or a default store in the profile).`, { details: { flag: '--store' } });
}
