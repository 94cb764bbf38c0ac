/**
 * The hidden key prompt in a real pseudo-terminal: the typed key is never echoed, and it lands only in
 * the secrets file. Needs `npm run build` (npm test does it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pty from 'node-pty';
import { describe, expect, it } from 'vitest';
import { tempHome } from '../helpers/run-cli.js';

const CANARY = 'kco_test_api_FAKEnotAREALcanary0000';
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'merchant.js');

function spawn(args: string[], home: string) {
  const term = pty.spawn(process.execPath, [BIN, ...args], {
    name: 'xterm',
    cols: 120,
    rows: 30,
    env: { ...process.env, MERCHANT_HOME: home, NO_COLOR: '1', MERCHANT_API_KEY: '' },
  });
  let output = '';
  term.onData((d) => (output += d));
  const exited = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
  const waitFor = async (text: string): Promise<void> => {
    for (let i = 0; i < 500 && !output.includes(text); i++) await new Promise((r) => setTimeout(r, 20));
    if (!output.includes(text)) throw new Error(`never saw ${JSON.stringify(text)} in:\n${output}`);
  };
  return { term, exited, waitFor, output: () => output };
}

describe('keys add hidden prompt (pty)', () => {
  it('asks for the key without echoing it and stores it', async () => {
    const home = tempHome();
    const s = spawn(['keys', 'add', '--store', 'se-demo'], home);
    await s.waitFor('input hidden');
    s.term.write(`${CANARY}\r`);
    const code = await s.exited;
    expect(code).toBe(0);
    expect(s.output()).not.toContain(CANARY);
    expect(s.output()).not.toContain('FAKEnotAREALcanary');
    expect(s.output()).toContain('kco_test_api_…0000');
    expect(readFileSync(join(home, 'config', 'credentials.json'), 'utf8')).toContain(CANARY);
  });

  it('Ctrl-C at the prompt cancels (exit 130) and stores nothing', async () => {
    const home = tempHome();
    const s = spawn(['keys', 'add', '--store', 'se-demo'], home);
    await s.waitFor('input hidden');
    s.term.write('kco_test_api_partial');
    s.term.write('\x03');
    expect(await s.exited).toBe(130);
    expect(() => readFileSync(join(home, 'config', 'credentials.json'))).toThrow();
  });
});
