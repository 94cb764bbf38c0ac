/**
 * Flags that many commands share, declared once so every command spells and explains them the same way.
 */
import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';

export const withJson = (cmd: Command): Command =>
  cmd.option('--json', 'print the result as JSON (stable field names; see README "JSON output")');

export const withCsv = (cmd: Command): Command => cmd.option('--csv', 'print the result as RFC 4180 CSV with a header row');

export const withYes = (cmd: Command): Command =>
  cmd.option('-y, --yes', 'do it without asking for confirmation (required when not on a terminal)');

export const withStore = (cmd: Command): Command =>
  cmd.option('-s, --store <id>', 'store ID (default: the profile\'s store, or MERCHANT_STORE)');

export const withLimit = (cmd: Command, defaultLimit: number): Command =>
  cmd
    .addOption(new Option('-L, --limit <n>', `show at most this many results in total (default ${defaultLimit})`).argParser(parsePositiveInt('--limit')))
    .option('--all', 'fetch every result (ignores --limit)');

export function parsePositiveInt(flag: string): (value: string) => number {
  return (value: string) => {
    if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
      throw new UsageError(`${flag}: "${value}" must be a whole number of at least 1.`);
    }
    return Number(value);
  };
}

/** Collects a repeatable flag into an array. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Adds examples to a command's --help, in the same layout everywhere. */
export function examples(cmd: Command, lines: readonly string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}
