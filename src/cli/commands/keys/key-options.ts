/** Flags the stored-key verbs share. */
import { SECRET_STORAGES } from '../../../config/secret-store.js';
import type { OptionSpec, ZodApi } from '../../define-command.js';

export const STDIN_OPTION: OptionSpec = { flags: '--stdin', description: 'read the key from standard input (one line)' };
export const ENVIRONMENT_OPTION: OptionSpec = { flags: '--environment <env>', description: 'test or live, only for a legacy secret without a kco_ prefix', choices: ['test', 'live'] };

export const storageOption = (flags: string, description: string): OptionSpec => ({ flags, description, choices: SECRET_STORAGES });

/** Where a stored secret lives; a refusal lists the choices. */
export const storageSchema = (z: ZodApi) =>
  z.string().transform((value, ctx) => {
    const storage = SECRET_STORAGES.find((s) => s === value);
    if (storage === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a storage. Allowed choices are ${SECRET_STORAGES.join(', ')}.` });
      return z.NEVER;
    }
    return storage;
  });
