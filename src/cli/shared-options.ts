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
  description: `show at most this many results in total, 1–100000 (default ${defaultLimit})`,
});

/** `--json` and `--csv`: two output formats at once are refused before anything runs (program hook). */
export const outputFlags = (z: ZodApi) => ({ json: z.boolean().optional(), csv: z.boolean().optional() });

/**
 * The documented range of every numeric flag (README "Numeric flags"). A value outside it is refused
 * before anything runs: `--concurrency 100000` would open that many connections at once.
 */
export const NUMERIC_RANGES = {
  limit: 100_000,
  concurrency: 64,
  count: 10_000,
  transactions: 20_000_000,
  months: 36,
  seed: 2_147_483_647,
} as const;

/** A whole number from 1 to `max` typed on the command line, with the same words everywhere. */
export const positiveInt = (z: ZodApi, max: number) =>
  z.string().transform((value, ctx) => {
    const n = wholeNumberUpTo(value, max);
    if (n === undefined) {
      ctx.addIssue({ code: 'custom', message: `${value.length > 40 ? `"${value.slice(0, 40)}…"` : `"${value}"`} must be a whole number from 1 to ${max}.` });
      return z.NEVER;
    }
    return n;
  });

/** The rule of `positiveInt` alone (for a command read without zod): the number, or undefined. */
export function wholeNumberUpTo(value: string, max: number): number | undefined {
  const n = Number(value);
  return /^\d+$/.test(value) && n >= 1 && n <= max ? n : undefined;
}
