/**
 * Reading a command's values without zod (CommandSpec.plainParse): the shapes commander hands over (a
 * string, a flag's boolean, a repeatable flag's list, a number typed as text) checked as z.string(),
 * z.boolean(), z.array(z.string()) and `positiveInt` check them. Undefined: some value is not of its
 * shape, and the schema says which.
 */
import { wholeNumberUpTo } from './shared-options.js';

export interface PlainFields {
  strings?: readonly string[];
  /** Strings the schema requires (a positional argument): missing, the schema words the refusal. */
  requiredStrings?: readonly string[];
  booleans?: readonly string[];
  stringLists?: readonly string[];
  /** `positiveInt(z, max)` fields, with the schema's `.default(…)` when it has one. */
  wholeNumbers?: Readonly<Record<string, { max: number; default?: number }>>;
}

export const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/** The named fields that are given, each of its shape; keys not named are left out, as the schema strips them. */
export function plainFields(raw: Readonly<Record<string, unknown>>, fields: PlainFields): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const name of fields.requiredStrings ?? []) if (typeof raw[name] !== 'string') return undefined;
  const kinds: [readonly string[] | undefined, (value: unknown) => boolean][] = [
    [fields.strings, (v) => typeof v === 'string'],
    [fields.requiredStrings, (v) => typeof v === 'string'],
    [fields.booleans, (v) => typeof v === 'boolean'],
    [fields.stringLists, (v) => isStringList(v)],
  ];
  for (const [names, fits] of kinds) {
    for (const name of names ?? []) {
      const value = raw[name];
      if (value === undefined) continue;
      if (!fits(value)) return undefined;
      out[name] = isStringList(value) ? [...value] : value;
    }
  }
  for (const [name, rule] of Object.entries(fields.wholeNumbers ?? {})) {
    const value = raw[name];
    if (value === undefined) {
      if (rule.default !== undefined) out[name] = rule.default;
      continue;
    }
    const n = typeof value === 'string' ? wholeNumberUpTo(value, rule.max) : undefined;
    if (n === undefined) return undefined;
    out[name] = n;
  }
  return out;
}

/**
 * A command's `plainParse` from the shapes of its fields, for a schema made only of such fields (the
 * command's tests check that it gives what the schema gives).
 */
export function plainParser(fields: PlainFields): <T>(raw: Readonly<Record<string, unknown>>) => T | undefined {
  return <T>(raw: Readonly<Record<string, unknown>>) => plainFields(raw, fields) as T | undefined;
}
