/**
 * The entry point: `run(argv, overrides) → exit code`. It is the only place that decides how the process
 * ends; everything below throws typed errors. The binary calls `main`, which installs the SIGINT/SIGTERM
 * handlers once and ends the process with the result once output has drained. A stdout closed by its
 * reader stops a writing run as a signal does (see cancellation.ts) and ends a read quietly.
 */
import { CommanderError } from 'commander';
import { InterruptedError, isMerchantError, MerchantError, UsageError } from '../errors.js';
import { processIO } from '../output/io.js';
import { snakeKeys } from '../output/snake-keys.js';
import { createContext, type Context, type ContextOverrides } from './context.js';
import { EXIT, exitCodeFor, exitCodeForSignal, type StopSignal } from './exit-codes.js';
import { createCancellation, DEFAULT_STOP_WAIT_MS } from './cancellation.js';
import { buildProgram } from './program.js';
import { packageVersion } from './version.js';
import { refuseSecretsInArgv } from './argv-guard.js';
import { drained, readyToExit } from './prompt-exit.js';
import { redactSecrets } from '../logs/redact.js';

/**
 * The binary's entry: installs the signal handlers (see cancellation.ts), runs, and ends the process as
 * soon as the command has reported and its output has drained (see prompt-exit.ts for the one case where
 * it returns the code instead, for the process to end by itself).
 */
export async function main(argv: readonly string[], exit: (code: number) => never): Promise<number> {
  const cancellation = createCancellation(
    process,
    {
      waitMs: stopWaitMs(process.env['MERCHANT_STOP_WAIT_MS']),
      exitNow: exit,
      onStopping: (signal, waitMs) =>
        process.stderr.write(`\n${stopLabel(signal)}: stopping — no new work is started; requests in flight get up to ${waitMs / 1000} s to finish. ${signal === 'SIGPIPE' ? 'Press Ctrl-C' : 'Send it again'} to stop at once.\n`),
    },
  );
  // Never removed: output still draining after the run may meet a closed pipe too.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    // A read ends quietly, keeping the exit code the run has set (0 while it runs).
    if (!cancellation.outputClosed()) exit(typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok);
  });
  try {
    const code = await run(argv, { cancellation, endsProcess: true });
    // The command is over once its output has drained: the process ends then, without Node's teardown
    // (prompt-exit.ts). After a signal it always does, so requests abandoned past the wait do not keep it alive.
    await drained(process.stdout);
    await drained(process.stderr);
    if (cancellation.fired || readyToExit()) exit(code);
    return code;
  } finally {
    cancellation.dispose();
  }
}

/** How the stop message names what stopped the run. */
function stopLabel(signal: StopSignal): string {
  return signal === 'SIGPIPE' ? 'SIGPIPE (stdout was closed by the program reading it)' : signal;
}

function stopWaitMs(value: string | undefined): number {
  const ms = value === undefined ? NaN : Number(value);
  return Number.isInteger(ms) && ms >= 0 ? ms : DEFAULT_STOP_WAIT_MS;
}

export async function run(argv: readonly string[], overrides: Partial<ContextOverrides> = {}): Promise<number> {
  const ctx = createContext(packageVersion(), { ...overrides, io: overrides.io ?? processIO() });
  const wantsJson = argv.some((a) => a === '--json' || a.startsWith('--json='));
  try {
    refuseSecretsInArgv(argv);
    const program = buildProgram(ctx, argv);
    await program.parseAsync([...argv], { from: 'user' });
    // A command that finished its work although a signal arrived still reports the signal: the job
    // that sent it sees that it was stopped.
    const fired = ctx.cancellation.fired;
    return fired ? exitCodeForSignal(fired) : EXIT.ok;
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
  // A cancellation a signal caused (planning stopped, a question withdrawn) exits as the signal does.
  const fired = known.kind === 'cancelled' ? ctx.cancellation.fired : undefined;
  const signal = known instanceof InterruptedError ? known.signal : fired;
  const code = signal ? exitCodeForSignal(signal) : exitCodeFor(known.kind);
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
