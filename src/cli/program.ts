/**
 * Builds a fresh commander program for one run (never reused: tests run many in one process). Each noun
 * registers its verbs from its own module; actions load services lazily so `--help` and `--version` stay
 * near bare-Node start-up.
 */
import { Command } from 'commander';
import type { Context } from './context.js';
import { UsageError } from '../errors.js';
import { registerConfigCommands } from './commands/config/index.js';
import { registerHelpCommand } from './commands/help/index.js';
import { registerLinksCommands } from './commands/links/index.js';
import { registerProfilesCommands } from './commands/profiles/index.js';
import { registerSandboxCommands } from './commands/sandbox/index.js';
import { registerSettlementsCommands } from './commands/settlements/index.js';
import { registerStoresCommands } from './commands/stores/index.js';
import { registerKeysCommands } from './commands/keys/index.js';
import { registerAuthCommands } from './commands/auth/index.js';
import { registerLogsCommands } from './commands/logs/index.js';
import { registerOrdersCommands } from './commands/orders/index.js';
import { registerLookupCommands } from './commands/lookup/index.js';
import { registerCompletionCommands } from './commands/completion/index.js';
import { registerDisputesCommands } from './commands/disputes/index.js';
import { registerStatusCommand } from './commands/status/index.js';
import { registerDbCommands } from './commands/db/index.js';
import { completeValues } from './completion/values.js';
import { onceOnly } from './define-command.js';

type Register = (program: Command, ctx: Context) => void;

/** Every noun (and verb without one), listed in --help in this order: the daily jobs first, then setup, then the sandbox. */
const NOUNS: readonly (readonly [string, Register])[] = [
  ['status', registerStatusCommand],
  ['links', registerLinksCommands],
  ['orders', registerOrdersCommands],
  ['lookup', registerLookupCommands],
  ['settlements', registerSettlementsCommands],
  ['disputes', registerDisputesCommands],
  ['stores', registerStoresCommands],
  ['keys', registerKeysCommands],
  ['auth', registerAuthCommands],
  ['logs', registerLogsCommands],
  ['config', registerConfigCommands],
  ['profiles', registerProfilesCommands],
  ['db', registerDbCommands],
  ['sandbox', registerSandboxCommands],
  ['help', registerHelpCommand],
  ['completion', registerCompletionCommands],
];

/** Nouns that read the whole command tree. */
const WHOLE_TREE = new Set(['help', 'completion']);
/** The program's own options that take a value (the next word, unless written `--flag=value`). */
const VALUE_OPTIONS = new Set(['--profile', '--backend', '--base-url']);
const FLAG_OPTIONS = new Set(['--no-color', '--debug', '--wide']);

/** The noun a command line names, when it names one that needs no other; undefined otherwise. */
export function nounOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (VALUE_OPTIONS.has(word)) i++;
    else if (FLAG_OPTIONS.has(word) || [...VALUE_OPTIONS].some((o) => word.startsWith(`${o}=`))) continue;
    else if (word.startsWith('-')) return undefined;
    else return NOUNS.some(([name]) => name === word) && !WHOLE_TREE.has(word) ? word : undefined;
  }
  return undefined;
}

/**
 * The program for one run. With `argv`, a command line naming one noun gets only that noun's commands
 * (building all of them was a tenth of a read's start-up); without, every noun (the tree as --help shows it).
 */
export function buildProgram(ctx: Context, argv?: readonly string[]): Command {
  const program = new Command('merchant');
  program
    .description('Payment links, order capture, settlements and API keys from the terminal — on a local sandbox or Kustom.')
    .version(ctx.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .option('--profile <name>', 'use this settings profile (also MERCHANT_PROFILE)')
    .option('--backend <name>', 'backend to use: sandbox (default) or kustom')
    .option('--base-url <url>', 'provider API base URL (kustom backend)')
    .option('--no-color', 'disable colour (also NO_COLOR=1)')
    .option('--debug', 'print debug information (redacted) to stderr')
    .option('--wide', 'tables show every column and every cell whole, however wide the terminal')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void ctx.io.stdout.write(text),
      writeErr: (text) => void ctx.io.stderr.write(text),
      // Errors are printed once, by the entry point, in the same format as every other error.
      outputError: () => undefined,
    })
    .helpCommand(false);
  for (const option of program.options) if (option.required) option.argParser(onceOnly(option, undefined));

  program.hook('preAction', (_program, action) => {
    const opts = program.opts<{ profile?: string; backend?: string; baseUrl?: string; color?: boolean; debug?: boolean; wide?: boolean }>();
    // A command's own --store counts as the store flag, so credentials and the live guard see it.
    const store = action.opts<{ store?: unknown }>().store;
    // Two output formats at once are refused before anything runs, not settled by one silently winning.
    const formats = action.opts<{ json?: unknown; csv?: unknown }>();
    if (formats.json !== undefined && formats.json !== false && formats.csv === true) throw new UsageError('--json and --csv are two output formats; choose one.');
    ctx.applyGlobalFlags({ profile: opts.profile, backend: opts.backend, baseUrl: opts.baseUrl, color: opts.color, debug: opts.debug, wide: opts.wide, store: typeof store === 'string' ? store : undefined });
  });

  // A command line naming one noun (most of them) needs only that noun's commands: the others are not
  // built. --help, an unknown or misspelt noun (commander suggests the nearest), `help` and `completion`
  // (which read the whole tree) get every noun.
  const only = argv === undefined ? undefined : nounOf(argv);
  for (const [name, register] of NOUNS) if (only === undefined || name === only) register(program, ctx);
  completeValues(program, [], '--backend', ['sandbox', 'kustom']);

  program.addHelpText(
    'after',
    `
Examples:
  $ merchant links create --store se-demo --email anna@example.com --reference 10042 --line "name=T-shirt,price=125,tax=25"
  $ merchant links list --status created,in_progress
  $ merchant orders capture --from shipped.csv --yes --results captured.csv
  $ merchant settlements export --payout 8Q54T6YU8X --dialect excel-eu --out payout.csv
  $ merchant stores list
  $ merchant help exit-codes

Docs: README.md (commands, JSON output, environment variables, exit codes, files).`,
  );
  return program;
}
