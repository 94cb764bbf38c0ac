/**
 * How a run is stopped by SIGINT (Ctrl-C) or SIGTERM (a CI job cancelled, `kill`). The entry point
 * installs the handlers once per process and hands this object to commands through the context.
 *
 * - A command that can stop cleanly runs its work inside `stoppable()`. The first signal then aborts
 *   `signal` (stop starting new work; let what is in flight finish and record it), and `deadline` is
 *   aborted `waitMs` later (stop waiting for what is still in flight: report it as unknown).
 * - Outside `stoppable()` (reads, prompts, single requests) the first signal ends the run at once.
 * - A second signal always ends the run at once.
 *
 * A command still running `REPORT_WAIT_MS` after the deadline is ended at once too.
 *
 * stdout closed by its reader (`| head`; Node reports EPIPE instead of SIGPIPE) is told by `outputClosed()`.
 * A phase that captures, creates or sends takes it as a first signal named `SIGPIPE` (exit 141): ending
 * at once would leave rows unreported and exit 0 as if the run were complete. A read (the default for a
 * phase started with `{ whenOutputCloses: 'end' }`, and outside any phase) has nothing left to do: the
 * caller ends quietly.
 *
 * Ending "at once" calls `exitNow(code)`; the process binding exits with 130 (SIGINT) or 143 (SIGTERM).
 * SQLite commits are atomic (WAL), and JavaScript never runs a handler in the middle of a synchronous
 * statement, so exiting here never leaves a journal or database half-written.
 */
import { exitCodeForSignal, type StopSignal } from './exit-codes.js';

export type { StopSignal };

/** How long a stopped run waits for requests in flight before reporting them as unknown. */
export const DEFAULT_STOP_WAIT_MS = 10_000;

/** After the wait, how long a command has to write its results before the run ends regardless. */
export const REPORT_WAIT_MS = 5_000;

export interface Cancellation {
  /** Aborted by the first signal; its `reason` is the signal's name. */
  readonly signal: AbortSignal;
  /** Aborted `waitMs` after the first signal: give up on work still in flight. */
  readonly deadline: AbortSignal;
  /** The signal that stopped the run, if any. */
  readonly fired: StopSignal | undefined;
  /**
   * Runs `work` as a stoppable phase: the first signal aborts `signal` instead of ending the run. With
   * `whenOutputCloses: 'end'` (a read streaming to stdout) a closed stdout does not stop the phase.
   */
  stoppable<T>(work: () => Promise<T>, options?: StoppableOptions): Promise<T>;
  /**
   * stdout was closed by its reader. True when that stops the run (a writing phase is running, or the run
   * is already stopping); false when the caller should end the process quietly.
   */
  outputClosed(): boolean;
  /** Removes the handlers (the process binding) and the deadline timer. */
  dispose(): void;
}

export interface StoppableOptions {
  /** `stop` (the default): a closed stdout stops the phase as a signal does; `end`: it ends the run quietly. */
  whenOutputCloses?: 'stop' | 'end';
}

/** The signals the process receives (SIGPIPE is told by `outputClosed`, not by the source). */
type ProcessSignal = Exclude<StopSignal, 'SIGPIPE'>;

/** Where signals come from: `process` for the binary, an EventEmitter in tests. */
export interface SignalSource {
  on(event: ProcessSignal, listener: () => void): unknown;
  off(event: ProcessSignal, listener: () => void): unknown;
}

export interface CancellationOptions {
  waitMs?: number;
  /** Ends the run immediately with this exit code. */
  exitNow(code: number): void;
  /** Told once, on the first signal of a stoppable phase (the "finishing…" message). */
  onStopping?(signal: StopSignal, waitMs: number): void;
}

export function createCancellation(source: SignalSource, options: CancellationOptions): Cancellation {
  const waitMs = options.waitMs ?? DEFAULT_STOP_WAIT_MS;
  const stop = new AbortController();
  const giveUp = new AbortController();
  let fired: StopSignal | undefined;
  let stoppableDepth = 0;
  let writingDepth = 0;
  let timer: NodeJS.Timeout | undefined;

  const onSignal = (signal: StopSignal): void => {
    if (fired !== undefined || stoppableDepth === 0) {
      fired ??= signal;
      options.exitNow(exitCodeForSignal(signal));
      return;
    }
    fired = signal;
    options.onStopping?.(signal, waitMs);
    stop.abort(signal);
    timer = setTimeout(() => {
      giveUp.abort(signal);
      // A command stuck past the wait (it ignored `deadline`) still ends: the bound holds for every command.
      timer = setTimeout(() => options.exitNow(exitCodeForSignal(signal)), REPORT_WAIT_MS);
      timer.unref();
    }, waitMs);
    // The timers must not keep a finished run alive.
    timer.unref();
  };
  const onInt = (): void => onSignal('SIGINT');
  const onTerm = (): void => onSignal('SIGTERM');
  source.on('SIGINT', onInt);
  source.on('SIGTERM', onTerm);

  return {
    signal: stop.signal,
    deadline: giveUp.signal,
    get fired() {
      return fired;
    },
    async stoppable(work, stoppableOptions) {
      const writing = stoppableOptions?.whenOutputCloses !== 'end';
      stoppableDepth++;
      if (writing) writingDepth++;
      try {
        return await work();
      } finally {
        stoppableDepth--;
        if (writing) writingDepth--;
      }
    },
    outputClosed() {
      if (fired !== undefined) return true;
      if (writingDepth === 0) return false;
      onSignal('SIGPIPE');
      return true;
    },
    dispose() {
      source.off('SIGINT', onInt);
      source.off('SIGTERM', onTerm);
      if (timer) clearTimeout(timer);
    },
  };
}

/** A cancellation no signal reaches (in-process runs that do not simulate one). */
export function inertCancellation(): Cancellation {
  return createCancellation({ on: () => undefined, off: () => undefined }, { exitNow: () => undefined });
}
