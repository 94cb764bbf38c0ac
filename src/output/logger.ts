/** Human messages for stderr: notes, warnings, debug lines. Never results, never secrets. */
import type { Writable } from 'node:stream';
import type { ChalkInstance } from 'chalk';

export interface Logger {
  info(message: string): void;
  success(message: string): void;
  warn(message: string): void;
  /** Printed only with `--debug` (or MERCHANT_DEBUG=1). */
  debug(message: string): void;
  readonly debugEnabled: boolean;
}

export function createLogger(stderr: Writable, color: ChalkInstance, debugEnabled: boolean): Logger {
  return {
    debugEnabled,
    info: (message) => void stderr.write(`${message}\n`),
    success: (message) => void stderr.write(`${color.green('✓')} ${message}\n`),
    warn: (message) => void stderr.write(`${color.yellow('warning:')} ${message}\n`),
    debug: (message) => {
      if (debugEnabled) stderr.write(`${color.dim(`debug: ${message}`)}\n`);
    },
  };
}
