/**
 * Spawns the built binary (`bin/merchant.js` → `dist/`), as a user or a CI job would. `npm test` builds
 * before running the suite, so these tests exercise exactly what `npm pack` ships.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/merchant.js', import.meta.url));

export interface SpawnResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

export function assertBuilt(): void {
  if (!existsSync(new URL('../../dist/cli/main.js', import.meta.url))) {
    throw new Error('dist/ is missing: run `npm run build` (npm test does this first).');
  }
}

export function spawnCli(argv: readonly string[], options: { home: string; env?: Record<string, string>; input?: string }): Promise<SpawnResult> {
  return startCli(argv, options).done;
}

/** A running binary: its output so far, and how it ended once it has. */
export interface RunningCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  done: Promise<SpawnResult>;
}

export function startCli(argv: readonly string[], options: { home: string; env?: Record<string, string>; input?: string }): RunningCli {
  const child = spawn(process.execPath, [BIN, ...argv], {
    cwd: PROJECT_ROOT,
    // MERCHANT_KEYCHAIN=off: never the developer's own keychain (a test that wants one sets its own).
    env: { PATH: process.env['PATH'] ?? '', HOME: options.home, MERCHANT_HOME: options.home, MERCHANT_KEYCHAIN: 'off', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<SpawnResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => resolve({ stdout, stderr, exitCode, signal }));
  });
  child.stdin.end(options.input ?? '');
  return { child, stdout: () => stdout, stderr: () => stderr, done };
}

/** Polls `predicate` (observed progress, never a fixed sleep) until it holds. */
export async function waitUntil(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
