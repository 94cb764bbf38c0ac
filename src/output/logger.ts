/** Human messages for stderr: notes, warnings, debug lines. Never results, never secrets. */
import type { Writable } from 'node:stream';
import type { ChalkInstance } from 'chalk';
import { redactSecrets, redactText } from '../logs/redact.js';

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
    // Every message passes the redactor: a key that slips into one is still never printed.
    info: (message) => void stderr.write(`${redactSecrets(message)}\n`),
    success: (message) => void stderr.write(`${color.green('✓')} ${redactSecrets(message)}\n`),
    warn: (message) => void stderr.write(`${color.yellow('warning:')} ${redactSecrets(message)}\n`),
    debug: (message) => {
      if (debugEnabled) stderr.write(`${color.dim(`debug: ${redactText(message)}`)}\n`);
    },
  };
}
