/**
 * Flags that many commands share, declared once (spec for commander, schema fragment for zod) so every
 * command spells, explains and checks them the same way.
 */
import type { OptionSpec, ZodApi } from './define-command.js';

export const JSON_OPTION: OptionSpec = {
  flags: '--json [fields]',
  description: 'print the result as JSON (stable field names; see README "JSON output"); with a comma-separated list of fields, only those',
};
export const CSV_OPTION: OptionSpec = { flags: '--csv', description: 'print the result as RFC 4180 CSV with a header row' };
export const YES_OPTION: OptionSpec = { flags: '-y, --yes', description: 'do it without asking for confirmation (required when not on a terminal)' };
export const STORE_OPTION: OptionSpec = { flags: '-s, --store <id>', description: "store ID (default: the profile's store, or MERCHANT_STORE)" };
export const ALL_OPTION: OptionSpec = { flags: '--all', description: 'fetch every result (ignores --limit)' };
export const limitOption = (defaultLimit: number): OptionSpec => ({
  flags: '-L, --limit <n>',
  description: `show at most this many results in total (default ${defaultLimit})`,
});

/** `--json` and `--csv`: two output formats at once are refused before anything runs (program hook). */
export const outputFlags = (z: ZodApi) => ({ json: z.boolean().optional(), csv: z.boolean().optional() });

/** A whole number ≥ 1 typed on the command line, with the same words everywhere. */
export const positiveInt = (z: ZodApi) =>
  z.string().transform((value, ctx) => {
    if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
      ctx.addIssue({ code: 'custom', message: `"${value}" must be a whole number of at least 1.` });
      return z.NEVER;
    }
    return Number(value);
  });
