/**
 * Keys never travel on the command line: argv lands in shell history, `ps` output and CI logs. Any
 * argument that looks like a key, and any key-like flag, is refused before parsing — and the message
 * never repeats the value.
 */
import { UsageError } from '../errors.js';
import { KEY_PATTERN } from '../domain/credential-shape.js';

const KEY_FLAGS = /^--?(key|api-key|apikey|api_key|secret|password|passwd|token|api-secret|credential|credentials)(=|$)/i;

const WHY = 'Keys are never taken from the command line (it lands in shell history and process lists).';
const HOW = 'Use the hidden prompt (`merchant keys add`) or pipe it: `merchant keys add --stdin < key.txt`, or set MERCHANT_API_KEY for CI.';

export function refuseSecretsInArgv(argv: readonly string[]): void {
  for (const arg of argv) {
    if (arg === '--') break;
    const flag = KEY_FLAGS.exec(arg);
    if (flag) {
      throw new UsageError(`--${flag[1]?.toLowerCase()} is not accepted: ${WHY}`, { hint: HOW });
    }
  }
  if (argv.some((arg) => new RegExp(KEY_PATTERN.source).test(arg))) {
    throw new UsageError(`An argument looks like an API key. ${WHY} Nothing was done; consider rotating that key if this shell's history is shared.`, { hint: HOW });
  }
}
