/**
 * Every command is declared with `defineCommand`: what commander needs for parsing and `--help` (plain data,
 * so `--help` loads nothing else), a zod schema for the options (built on first use: `--help`/`--version`
 * never need zod), examples, and a handler that calls one service and hands
 * the result to a view. A command file holds no rule and no formatting.
 *
 * Positional arguments are validated by the same schema as the flags, under their declared names, so one
 * error lists every bad value of the command line.
 */
import { existsSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { Paths } from '../config/paths.js';
import type * as Zod from 'zod';
import type { ZodApi } from '../infra/zod-api.js';
import { loadZod } from '../infra/zod-loader.js';
import { UsageError } from '../errors.js';
import { shown } from '../domain/text-rules.js';
import { declareOptionValues } from './completion/values.js';
import type { Context } from './context.js';
import { enterJsonMode, takeJsonFields } from './json-mode.js';

export type { ZodApi };

export interface ArgumentSpec {
  /** The key under which the value reaches the schema and the handler. */
  name: string;
  description: string;
  optional?: boolean;
  variadic?: boolean;
  /**
   * The value may start with "-" (`clock advance -5h`): it reaches the handler, which says what is wrong
   * with it, instead of commander calling it an unknown option.
   */
  dashValue?: boolean;
}

export interface OptionSpec {
  /** Commander flags, e.g. `-s, --store <id>` or `--json`. */
  flags: string;
  description: string;
  /** Collects every occurrence into an array. */
  repeatable?: boolean;
  /** Enumerated values, offered by shell completion (the schema decides what is valid, in its own words). */
  choices?: readonly string[];
  /** Kept out of --help (compatibility aliases). */
  hidden?: boolean;
  /** The value when the flag is not given (a number shows as `(default: 8)` and reaches the schema as a number). */
  defaultValue?: string | boolean | number;
  /** Commander refuses the command line without it (its message names the flag). */
  required?: boolean;
}

export interface CommandSpec<S extends Zod.ZodType, R> {
  /** The verb, e.g. `list`. */
  name: string;
  description: string;
  /** Kept out of --help and completion (commands only scripts call). */
  hidden?: boolean;
  /**
   * Program-level flags (camelCase, e.g. `backend`) this command reads as its own input: commander keeps
   * them on the program, so they are merged in under the same names before the schema runs.
   */
  globals?: readonly string[];
  args?: readonly ArgumentSpec[];
  options?: readonly OptionSpec[];
  examples: readonly string[];
  /** The options' schema over `{ ...flags, ...args }`; types come from it, never written by hand. */
  schema: (z: ZodApi) => S;
  /**
   * The schema's result without zod, for a command whose start-up is part of its work (a bulk run):
   * loading zod and building the schema cost more than the rest of reading the command line. It returns
   * the input when every value is one it recognises as valid, undefined otherwise; the schema then runs
   * and says what is wrong in its own words. It never accepts what the schema refuses, and gives what the
   * schema would (checked against it in the command's tests).
   */
  plainParse?: (raw: Readonly<Record<string, unknown>>) => Zod.output<S> | undefined;
  /** Calls one service and returns its result. */
  handler: (ctx: Context, input: Zod.output<S>) => Promise<R>;
  /** Renders the result (a view from src/output). Omitted: the handler's result is not printed. */
  render?: (ctx: Context, result: R, input: Zod.output<S>) => Promise<void> | void;
}

/** A declared command, attached to its noun by the program. */
export interface CommandDefinition {
  readonly name: string;
  readonly spec: CommandSpec<Zod.ZodType, unknown>;
  attach(parent: Command, ctx: Context): Command;
}

export function defineCommand<S extends Zod.ZodType, R>(spec: CommandSpec<S, R>): CommandDefinition {
  return {
    name: spec.name,
    spec: spec as unknown as CommandSpec<Zod.ZodType, unknown>,
    attach(parent, ctx) {
      const cmd = parent.command(spec.name, spec.hidden ? { hidden: true } : {}).description(spec.description);
      for (const arg of spec.args ?? []) {
        const token = `${arg.name}${arg.variadic ? '...' : ''}`;
        cmd.argument(arg.optional ? `[${token}]` : `<${token}>`, arg.description);
        if (arg.dashValue) cmd.allowUnknownOption();
      }
      for (const o of spec.options ?? []) cmd.addOption(toOption(o));
      addExamples(cmd, spec.examples);
      cmd.action(async (...params: unknown[]) => {
        const raw = { ...globalInput(cmd, spec.globals ?? []), ...rawInput(spec.args ?? [], params) };
        const fields = takeJsonFields(raw);
        const plain = spec.plainParse?.(raw);
        // The settings and key files are checked by zod as they are read, synchronously, with the zod
        // loaded here (infra/zod-loader.ts): a command read without zod loads it still when they exist.
        if (plain === undefined || settingsFilesExist(ctx.paths)) await loadZod();
        const input = plain ?? parseInput(spec.schema(await loadZod()), raw, spec.args ?? []);
        const leaveJsonMode = raw['json'] === true ? enterJsonMode(ctx, fields) : () => undefined;
        try {
          const result = await spec.handler(ctx, input);
          await spec.render?.(ctx, result, input);
        } finally {
          leaveJsonMode();
        }
      });
      return cmd;
    },
  };
}

/** Whether a run may read a file whose schema needs zod (config.json, credentials.json). */
function settingsFilesExist(paths: Paths): boolean {
  return existsSync(paths.configFile) || existsSync(paths.credentialsFile);
}

function toOption(spec: OptionSpec): Option {
  const option = new Option(spec.flags, spec.description);
  if (spec.repeatable) option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
  else if (option.required || option.optional) option.argParser(onceOnly(option, spec.defaultValue));
  if (spec.choices) declareOptionValues(option, spec.choices);
  if (spec.hidden) option.hideHelp();
  if (spec.defaultValue !== undefined) option.default(spec.defaultValue);
  if (spec.required) option.makeOptionMandatory();
  return option;
}

/**
 * A flag that takes one value is refused when given twice (`--email a@x --email b@x`): the last one would
 * win silently, and a script that repeats a flag by mistake gets a link for the wrong customer.
 */
export function onceOnly(option: Option, defaultValue: unknown): (value: string, previous: unknown) => string {
  return (value, previous) => {
    if (previous !== undefined && previous !== defaultValue) {
      throw new UsageError(`${option.long ?? option.flags}: given more than once (${typeof previous === 'string' ? shown(previous) : 'once without a value'}, then ${shown(value)}); give it once.`, {
        hint: 'Run with --help to see the usage.',
      });
    }
    return value;
  };
}

/** Commander calls an action with the positional values, then the options object, then the command. */
function rawInput(args: readonly ArgumentSpec[], params: readonly unknown[]): Record<string, unknown> {
  const options = (params[args.length] ?? {}) as Record<string, unknown>;
  const raw: Record<string, unknown> = { ...options };
  args.forEach((arg, i) => {
    if (params[i] !== undefined) raw[arg.name] = params[i];
  });
  return raw;
}

function globalInput(cmd: Command, names: readonly string[]): Record<string, unknown> {
  if (names.length === 0) return {};
  const all = cmd.optsWithGlobals<Record<string, unknown>>();
  return Object.fromEntries(names.filter((n) => all[n] !== undefined).map((n) => [n, all[n]]));
}

/** A schema failure is a usage error naming every field (as the user types it) and its rule. */
export function parseInput<S extends Zod.ZodType>(schema: S, raw: unknown, args: readonly ArgumentSpec[] = []): Zod.output<S> {
  // Parsed once per process: zod's compiled fast path would cost more to build than it saves.
  const parsed = schema.safeParse(raw, { jitless: true });
  if (parsed.success) return parsed.data;
  const positional = new Set(args.map((a) => a.name));
  const problems = parsed.error.issues.map((issue) => {
    const key = issue.path.map(String).join('.');
    const field = key === '' ? 'input' : positional.has(key) ? `<${key}>` : `--${kebab(key)}`;
    return `${field}: ${issue.message}`;
  });
  throw new UsageError(problems.length === 1 ? (problems[0] as string) : `${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
    hint: 'Run with --help to see the usage.',
    details: { issues: parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), rule: i.message })) },
  });
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function addExamples(cmd: Command, lines: readonly string[]): void {
  if (lines.length > 0) cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}

/** Declares a noun (with its own examples, if any) and attaches its verbs in order. */
export function attachNoun(
  program: Command,
  ctx: Context,
  name: string,
  description: string,
  verbs: readonly CommandDefinition[],
  examples: readonly string[] = [],
): Command {
  const noun = program.command(name).description(description);
  addExamples(noun, examples);
  for (const verb of verbs) verb.attach(noun, ctx);
  return noun;
}
