/**
 * Reads a key without it ever touching argv: from a hidden prompt on a terminal, or from stdin with
 * `--stdin` (one line; surrounding whitespace and the trailing newline are dropped).
 */
import type { Readable } from 'node:stream';
import { UsageError } from '../errors.js';
import type { Prompter } from './prompter.js';

const MAX_BYTES = 4096;

export async function readSecret(ctx: { io: { stdin: Readable }; prompter: Prompter }, fromStdin: boolean | undefined, what = 'API key'): Promise<string> {
  if (fromStdin) {
    let text = '';
    for await (const chunk of ctx.io.stdin) {
      text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
      if (text.length > MAX_BYTES) throw new UsageError(`--stdin: the input is longer than ${MAX_BYTES} bytes; expected one ${what}.`);
    }
    const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
    if (lines.length === 0) throw new UsageError(`--stdin: no ${what} on standard input.`, { hint: 'Pipe it in: merchant keys add --store <id> --stdin < key.txt' });
    if (lines.length > 1) throw new UsageError(`--stdin: expected one ${what} on one line, got ${lines.length} lines.`);
    return lines[0] as string;
  }
  if (!ctx.prompter.interactive) {
    throw new UsageError(`No terminal to ask for the ${what} on: pipe it with --stdin.`, {
      hint: 'merchant keys add --store <id> --stdin < key.txt   (keys are never accepted as arguments)',
      details: { flag: '--stdin' },
    });
  }
  const value = await ctx.prompter.password({ message: `${what} (input hidden):`, flag: '--stdin', validate: (v) => (v.trim() ? true : 'Enter the key, or press Ctrl-C to cancel.') });
  return value.trim();
}
