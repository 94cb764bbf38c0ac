/**
 * The process's streams and what we know about them, injected everywhere so that tests can run the real
 * CLI in-process with fake streams and claim (or deny) a TTY.
 */
import type { Readable, Writable } from 'node:stream';

export interface IO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Terminal width for tables; 80 when unknown. */
  columns: number;
}

/** Prompts are possible only when a person can both see them and answer them. */
export function isInteractive(io: IO): boolean {
  return io.stdinIsTTY && io.stdoutIsTTY;
}

export function processIO(): IO {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: Boolean(process.stdin.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    columns: process.stdout.columns || 80,
  };
}
