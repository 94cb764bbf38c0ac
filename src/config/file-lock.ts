/**
 * A small cross-process lock for read-modify-write of a local file (the secrets file): two `keys add`
 * runs at once must not each write the file they read and lose the other's entry. The lock is a file
 * created with O_EXCL; a lock older than `staleMs` is taken to belong to a killed process and broken.
 */
import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { backoffMs } from '../infra/backoff.js';

const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleepSync = (ms: number): void => void Atomics.wait(sleeper, 0, 0, ms);

export function withFileLock<T>(lockFile: string, run: () => T, options: { timeoutMs?: number; staleMs?: number } = {}): T {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  const started = Date.now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      closeSync(openSync(lockFile, 'wx', 0o600));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(lockFile).mtimeMs > staleMs) rmSync(lockFile, { force: true });
      } catch {
        // Released between our attempt and the stat: just try again.
      }
      if (Date.now() - started > timeoutMs) {
        throw new ConfigError(`Another merchant process holds ${lockFile}; gave up after ${timeoutMs / 1000} s.`, {
          hint: `If no other merchant is running, remove the stale lock: rm '${lockFile}'`,
        });
      }
      sleepSync(backoffMs(attempt, 10, 100, Math.random));
    }
  }
  try {
    return run();
  } finally {
    rmSync(lockFile, { force: true });
  }
}
