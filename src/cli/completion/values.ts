/**
 * What an option's value can be, for shell completion: a fixed list (commander's `choices()`, or
 * `completeValues` where the command validates the value itself and commander must not), or a kind of
 * local ID that `merchant __complete <kind>` lists at completion time.
 */
import type { Command, Option } from 'commander';

export const DYNAMIC_KINDS = ['stores', 'profiles'] as const;
export type DynamicKind = (typeof DYNAMIC_KINDS)[number];

const declared = new WeakMap<Option, readonly string[]>();

/** Declares the values `flag` (long form) of the subcommand at `path` under `cmd` takes, for completion only. */
export function completeValues(cmd: Command, path: readonly string[], flag: string, values: readonly string[]): void {
  let target: Command | undefined = cmd;
  for (const name of path) target = target?.commands.find((c) => c.name() === name);
  const option = target?.options.find((o) => o.long === flag);
  if (!option) throw new Error(`completeValues: ${[cmd.name(), ...path].join(' ')} has no ${flag}`);
  declared.set(option, values);
}

/** The same, for an option being built (commands declared with defineCommand). */
export function declareOptionValues(option: Option, values: readonly string[]): void {
  declared.set(option, values);
}

export function fixedValues(option: Option): readonly string[] | undefined {
  return option.argChoices ?? declared.get(option);
}

/** Options and arguments whose values are local IDs, by their name. */
export function dynamicKindOf(name: string, commandPath: readonly string[]): DynamicKind | undefined {
  if (name === 'store' || name === 'link-store' || (name === 'id' && commandPath[0] === 'stores')) return 'stores';
  if (name === 'profile' || name === 'for-profile' || (name === 'name' && commandPath[0] === 'profiles')) return 'profiles';
  return undefined;
}
