/**
 * Reading a command's values without zod (CommandSpec.plainParse): the shapes commander hands over (a
 * string, a flag's boolean, a repeatable flag's list) checked as z.string(), z.boolean() and
 * z.array(z.string()) check them. Undefined: some value is not of its shape, and the schema says which.
 */
export interface PlainFields {
  strings?: readonly string[];
  booleans?: readonly string[];
  stringLists?: readonly string[];
}

export const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

/** The named fields that are given, each of its shape; keys not named are left out, as the schema strips them. */
export function plainFields(raw: Readonly<Record<string, unknown>>, fields: PlainFields): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const kinds: [readonly string[] | undefined, (value: unknown) => boolean][] = [
    [fields.strings, (v) => typeof v === 'string'],
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
  return out;
}
