/**
 * The entry point: `run(argv, overrides) → exit code`. It is the only place that decides how the process
 * ends; everything below throws typed errors. The binary sets `process.exitCode` from the result so that
 * output drains before exit.
 */
import { CommanderError } from 'commander';
import { isMerchantError, MerchantError, UsageError } from '../errors.js';
import { processIO } from '../output/io.js';
import { snakeKeys } from '../output/snake-keys.js';
import { createContext, type Context, type ContextOverrides } from './context.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { buildProgram } from './program.js';
import { packageVersion } from './version.js';
import { refuseSecretsInArgv } from './argv-guard.js';
import { redactSecrets } from '../logs/redact.js';

export async function run(argv: readonly string[], overrides: Partial<ContextOverrides> = {}): Promise<number> {
  const ctx = createContext(packageVersion(), { ...overrides, io: overrides.io ?? processIO() });
  const wantsJson = argv.includes('--json');
  try {
    refuseSecretsInArgv(argv);
    const program = buildProgram(ctx);
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    return reportError(ctx, error, wantsJson);
  } finally {
    await ctx.close().catch(() => undefined);
  }
}

function reportError(ctx: Context, error: unknown, json: boolean): number {
  if (error instanceof CommanderError) {
    // Help and --version end with a "CommanderError" too; they are successes.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
      return EXIT.ok;
    }
    if (error.code === 'commander.executeSubCommandAsync') return error.exitCode;
    error = new UsageError(redactSecrets(error.message.replace(/^error: /, '')), { hint: 'Run with --help to see the usage.' });
  }
  const known: MerchantError = isMerchantError(error)
    ? error
    : new MerchantError('bug', `Unexpected error: ${error instanceof Error ? error.message : String(error)}`, {
        hint: 'This is a bug in merchant. Run again with --debug for details, and report it.',
        cause: error,
      });
  const code = exitCodeFor(known.kind);
  // Whatever went wrong, a key never reaches the terminal (a crash message may quote anything).
  const message = redactSecrets(known.message);
  const hint = known.hint === undefined ? undefined : redactSecrets(known.hint);
  const { stderr } = ctx.io;
  if (json) {
    const body = { error: { kind: known.kind, message, hint: hint ?? null, exit_code: code, details: snakeKeys(known.details ?? {}) } };
    stderr.write(`${redactSecrets(JSON.stringify(body))}\n`);
  } else if (known.kind === 'cancelled') {
    stderr.write(`${ctx.colors.err.dim(message)}\n`);
  } else {
    stderr.write(`${ctx.colors.err.red('error:')} ${message}\n`);
    if (hint) stderr.write(`${ctx.colors.err.dim(`hint: ${hint}`)}\n`);
  }
  if (ctx.logger.debugEnabled && known.kind === 'bug') {
    const cause = known.cause instanceof Error ? known.cause : known;
    stderr.write(`${redactSecrets(cause.stack ?? '')}\n`);
  }
  return code;
}
