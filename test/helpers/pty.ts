/**
 * Drives the built binary in a real pseudo-terminal (node-pty), so prompts are tested exactly as a person
 * meets them: TTY detection, rendering on the terminal, keystrokes, Ctrl-C.
 */
import pty from 'node-pty';
import { BIN, PROJECT_ROOT } from './spawn-cli.js';

export interface PtySession {
  /** Everything the terminal has shown so far (ANSI escapes stripped). */
  screen(): string;
  /** Waits until the screen contains `text` (after `from` characters), or fails after `timeoutMs`. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  write(keys: string): void;
  exited: Promise<{ exitCode: number; signal?: number }>;
}

export const KEY = { enter: '\r', down: '\u001b[B', up: '\u001b[A', ctrlC: '\u0003', backspace: '\u007f' } as const;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[()][0-9A-Za-z]|\u001b[=>]/g;

export function startPty(argv: readonly string[], options: { home: string; env?: Record<string, string> }): PtySession {
  const term = pty.spawn(process.execPath, [BIN, ...argv], {
    name: 'xterm-256color',
    cols: 120,
    rows: 40,
    cwd: PROJECT_ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: options.home, MERCHANT_HOME: options.home, MERCHANT_KEYCHAIN: 'off', TERM: 'xterm-256color', NO_COLOR: '1', ...options.env },
  });
  let raw = '';
  term.onData((d) => (raw += d));
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) => term.onExit((e) => resolve(e)));
  const screen = () => raw.replace(ANSI, '');
  return {
    screen,
    write: (keys) => term.write(keys),
    exited,
    async waitFor(text, timeoutMs = 15_000) {
      const started = Date.now();
      const matches = () => (typeof text === 'string' ? screen().includes(text) : text.test(screen()));
      while (!matches()) {
        if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${String(text)}. Screen:\n${screen()}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}
