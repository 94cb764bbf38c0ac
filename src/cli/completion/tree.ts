/** The command tree as completion sees it, read from commander at run time (never a list kept by hand). */
import type { Command, Option } from 'commander';
import { dynamicKindOf, fixedValues, type DynamicKind } from './values.js';

export interface CompletionOption {
  flags: string[];
  takesValue: boolean;
  values: readonly string[];
  dynamic: DynamicKind | undefined;
}

export interface CompletionNode {
  /** Words from the program to this command (`[]` for the program itself). */
  path: string[];
  subcommands: string[];
  options: CompletionOption[];
  /** What each positional argument completes to, in order. */
  args: (DynamicKind | undefined)[];
}

// commander keeps -h/--help apart from the declared options.
const helpOption = (cmd: Command): Option[] => {
  const help = (cmd as unknown as { _getHelpOption?: () => Option | null })._getHelpOption?.();
  return help ? [help] : [];
};

const visible = (cmd: Command): boolean => !(cmd as unknown as { _hidden?: boolean })._hidden;

export function completionTree(program: Command): CompletionNode[] {
  const nodes: CompletionNode[] = [];
  const walk = (cmd: Command, path: string[]): void => {
    const subs = cmd.commands.filter(visible);
    nodes.push({
      path,
      subcommands: subs.flatMap((c) => [c.name(), ...c.aliases()]),
      options: [...cmd.options, ...helpOption(cmd)]
        .filter((o) => !o.hidden)
        .map((o) => ({
          flags: [o.short, o.long].filter((f): f is string => f !== undefined),
          takesValue: o.required || o.optional,
          values: fixedValues(o) ?? [],
          dynamic: o.long ? dynamicKindOf(o.long.replace(/^--/, ''), path) : undefined,
        })),
      args: cmd.registeredArguments.map((a) => dynamicKindOf(a.name(), path)),
    });
    for (const sub of subs) walk(sub, [...path, sub.name()]);
  };
  walk(program, []);
  return nodes;
}
