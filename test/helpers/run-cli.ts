/**
 * Runs the real CLI in-process: a fresh program per call, fake streams, a temporary MERCHANT_HOME, and
 * optional TTY claims. Returns what a user would see and the exit code.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { run } from '../../src/cli/main.js';
import type { ContextOverrides } from '../../src/cli/context.js';
import type { Clock } from '../../src/domain/clock.js';
import { memorySecretStore } from '../../src/config/secret-store.js';

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** stdout parsed as JSON (throws with the raw text when it is not). */
  json<T = unknown>(): T;
}

export interface RunOptions {
  home?: string;
  env?: Record<string, string | undefined>;
  /** What stdin holds: text, or bytes as a file would (any encoding). */
  stdin?: string | Buffer;
  tty?: boolean;
  /** The terminal's width (default 120). */
  columns?: number;
  clock?: Clock;
  overrides?: Partial<ContextOverrides>;
}

export function tempHome(prefix = 'merchant-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  const home = options.home ?? tempHome();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const tty = options.tty ?? false;
  const exitCode = await run(argv, {
    io: {
      stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
      stdout,
      stderr,
      stdinIsTTY: tty,
      stdoutIsTTY: tty,
      stderrIsTTY: tty,
      columns: options.columns ?? 120,
    },
    env: { MERCHANT_HOME: home, NO_COLOR: '1', ...options.env },
    ...(options.clock ? { clock: options.clock } : {}),
    // Never the developer's own keychain: a test that wants one passes an in-memory store.
    keychain: memorySecretStore({ unavailable: 'no keychain in tests' }),
    ...options.overrides,
  });
  return {
    stdout: out,
    stderr: err,
    exitCode,
    json<T>() {
      try {
        return JSON.parse(out) as T;
      } catch {
        throw new Error(`stdout is not JSON:\n${out}\nstderr:\n${err}`);
      }
    },
  };
}
