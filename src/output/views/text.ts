/** Text a command produced whole (a completion script, IDs one a line), written as it is. */
import type { Writable } from 'node:stream';

export function writeText(io: { stdout: Writable }, text: string): void {
  io.stdout.write(text);
}

export function writeLines(io: { stdout: Writable }, lines: readonly string[]): void {
  io.stdout.write(lines.map((l) => `${l}\n`).join(''));
}
