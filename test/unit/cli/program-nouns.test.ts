/**
 * A command line naming one noun builds only that noun's commands; whatever it runs, the noun's commands
 * are the ones the whole program has, and --help, `help`, `completion` and unknown nouns get every noun.
 */
import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/cli/context.js';
import { buildProgram, nounOf } from '../../../src/cli/program.js';

const program = (argv?: string[]): Command => {
  const io = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false, columns: 80 };
  return buildProgram(createContext('0.0.0', { io, env: {} }), argv);
};

/** Every command under `cmd` with its help text, by path. */
function helpTexts(cmd: Command, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const sub of cmd.commands) {
    const path = `${prefix}${sub.name()}`;
    out.set(path, sub.helpInformation());
    for (const [p, text] of helpTexts(sub, `${path} `)) out.set(p, text);
  }
  return out;
}

describe('the noun a command line names', () => {
  it.each([
    [['lookup', 'anna@example.com'], 'lookup'],
    [['orders', 'list', '--search', 'anna'], 'orders'],
    [['status'], 'status'],
    [['--profile', 'work', 'links', 'list'], 'links'],
    [['--profile=work', '--backend', 'kustom', '--no-color', '--debug', '--wide', 'orders', 'show', 'x'], 'orders'],
    [['--base-url', 'http://127.0.0.1:1', 'keys', 'list'], 'keys'],
  ])('%j names %s', (argv, noun) => {
    expect(nounOf(argv)).toBe(noun);
  });

  it.each([[[]], [['--help']], [['-h']], [['--version']], [['help', 'exit-codes']], [['completion', 'bash']], [['lokup', 'x']], [['--unknown', 'orders']], [['--profile']], [['--debug=1', 'orders']]])('%j needs every noun', (argv) => {
    expect(nounOf(argv)).toBeUndefined();
  });

  it('builds only that noun, with the commands and help the whole program gives it', () => {
    const whole = helpTexts(program());
    for (const noun of program().commands.map((c) => c.name())) {
      const one = program([noun, '--help']);
      // `help`, `completion` and its hidden `__complete` read the whole tree.
      const alone = nounOf([noun]) !== undefined;
      expect(alone).toBe(!['help', 'completion', '__complete'].includes(noun));
      const expected = alone ? [...whole.keys()].filter((p) => p === noun || p.startsWith(`${noun} `)) : [...whole.keys()];
      expect([...helpTexts(one).keys()]).toEqual(expected);
      for (const [path, text] of helpTexts(one)) expect(text, path).toBe(whole.get(path));
    }
  });

  it('an unknown noun still gets every noun (and commander its suggestion)', () => {
    expect(program(['lokup', 'x']).commands.map((c) => c.name())).toEqual(program().commands.map((c) => c.name()));
  });
});
