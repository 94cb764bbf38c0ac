/**
 * The canary: one recognisable key pushed through every command path. It may be stored in the secrets
 * file and nowhere else — not on stdout or stderr of any run, not in the developer log, not in the
 * sandbox database, not in config.json.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome, type CliResult } from '../helpers/run-cli.js';
import type { BackendDeps } from '../../src/backends/registry.js';
import { memorySecretStore } from '../../src/config/secret-store.js';

const CANARY = 'kco_test_api_FAKEnotAREALcanary0000';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('a canary key never leaks', () => {
  it('appears only in credentials.json after every command path', async () => {
    const home = tempHome();
    const runs: CliResult[] = [];
    const go = async (argv: string[], opts: { stdin?: string; env?: Record<string, string>; overrides?: Parameters<typeof runCli>[1] extends infer O ? O extends { overrides?: infer X } ? X : never : never } = {}) => {
      const r = await runCli(argv, { home, ...opts });
      runs.push(r);
      return r;
    };

    expect((await go(['keys', 'add', '--store', 'se-demo', '--stdin'], { stdin: `${CANARY}\n` })).exitCode).toBe(0);
    expect((await go(['keys', 'add', '--store', 'se-demo', '--stdin', '--json'], { stdin: CANARY })).exitCode).toBe(1);
    expect((await go(['keys', 'add', '--store', 'se-demo', '--stdin'], { stdin: 'kco_test_api_FAKE' })).exitCode).toBe(2);
    expect((await go(['keys', 'list'])).exitCode).toBe(0);
    expect((await go(['keys', 'list', '--json'])).exitCode).toBe(0);
    expect((await go(['keys', 'list', '--csv'])).exitCode).toBe(0);
    expect((await go(['auth', 'status'])).exitCode).toBe(0);
    expect((await go(['auth', 'status', '--json'])).exitCode).toBe(0);
    // Not a key this sandbox issued: refused with exit 4, through the whole stack, with --debug on.
    expect((await go(['keys', 'verify', '--debug'])).exitCode).toBe(4);
    expect((await go(['keys', 'verify', '--json'])).exitCode).toBe(4);
    expect((await go(['stores', 'configure', 'se-demo', '--name', 'Canary Shop', '--debug'])).exitCode).toBe(0);
    expect((await go(['stores', 'list', '--debug', '--json'])).exitCode).toBe(0);
    // The same key from the environment.
    expect((await go(['auth', 'status', '--json'], { env: { MERCHANT_API_KEY: CANARY } })).exitCode).toBe(0);
    expect((await go(['keys', 'verify', '--debug'], { env: { MERCHANT_API_KEY: CANARY, MERCHANT_DEBUG: '1' } })).exitCode).toBe(4);
    // On the command line: refused before anything runs, without echoing it.
    expect((await go(['keys', 'add', '--key', CANARY])).exitCode).toBe(2);
    expect((await go(['keys', 'add', `--api-key=${CANARY}`, '--json'])).exitCode).toBe(2);
    expect((await go(['stores', 'list', `--name=${CANARY}`])).exitCode).toBe(2);
    expect((await go(['keys', 'add', CANARY])).exitCode).toBe(2);
    // A crash whose message quotes the key (a bug somewhere below): still redacted, stack included.
    const crash = async (deps: BackendDeps): Promise<never> => {
      throw new Error(`boom while using ${deps.credential?.secret() ?? ''}`);
    };
    expect((await go(['keys', 'verify', '--debug'], { overrides: { backendFactory: crash } })).exitCode).toBe(1);
    expect((await go(['keys', 'verify', '--json'], { overrides: { backendFactory: crash } })).exitCode).toBe(1);
    // The developer log, every way it can be read.
    expect((await go(['logs'])).exitCode).toBe(0);
    expect((await go(['logs', '--json'])).exitCode).toBe(0);
    expect((await go(['logs', '--csv', '--status', 'error'])).exitCode).toBe(0);
    expect((await go(['keys', 'rotate', '--store', 'se-demo', '--stdin', '--debug'], { stdin: `${CANARY}\n` })).exitCode).toBe(2);
    expect((await go(['keys', 'remove', 'se-demo'])).exitCode).toBe(2);

    for (const r of runs) {
      expect(r.stdout).not.toContain(CANARY);
      expect(r.stderr).not.toContain(CANARY);
      expect(r.stdout + r.stderr).not.toContain('FAKEnotAREALcanary');
    }
    const files = filesUnder(home);
    expect(files.some((f) => f.endsWith('logs.db'))).toBe(true);
    for (const file of files) {
      const content = readFileSync(file).toString('latin1');
      if (file.endsWith('credentials.json')) expect(content).toContain(CANARY);
      else expect(content, file).not.toContain('FAKEnotAREALcanary');
    }
  });

  it('the crash path and the verify path really ran (not vacuous)', async () => {
    const home = tempHome();
    await runCli(['keys', 'add', '--store', 'se-demo', '--stdin'], { home, stdin: CANARY });
    const verify = await runCli(['keys', 'verify'], { home });
    expect(verify.exitCode).toBe(4);
    expect(verify.stderr).toContain('kco_test_api_…0000');
    const crash = await runCli(['keys', 'verify', '--debug'], {
      home,
      overrides: {
        backendFactory: async (deps) => {
          throw new Error(`boom ${deps.credential?.secret() ?? ''}`);
        },
      },
    });
    expect(crash.exitCode).toBe(1);
    expect(crash.stderr).toMatch(/boom (kco_test_api_)?\[redacted\]/);
    const logs = await runCli(['logs', '--json'], { home });
    expect(logs.json<{ operation: string }[]>().map((e) => e.operation)).toContain('verifyCredentials');
  });

  it('kept in the keychain, it appears in no file and no output, through every path and both migrations', async () => {
    const home = tempHome();
    const keychain = memorySecretStore();
    const runs: CliResult[] = [];
    const go = async (argv: string[], opts: { stdin?: string; backendFactory?: (deps: BackendDeps) => Promise<never> } = {}) => {
      const overrides = { keychain, ...(opts.backendFactory ? { backendFactory: opts.backendFactory } : {}) };
      const r = await runCli(argv, { home, ...(opts.stdin === undefined ? {} : { stdin: opts.stdin }), overrides });
      runs.push(r);
      return r;
    };
    const crash = async (deps: BackendDeps): Promise<never> => {
      throw new Error(`boom while using ${deps.credential?.secret() ?? ''}`);
    };
    expect((await go(['keys', 'add', '--store', 'se-demo', '--stdin'], { stdin: `${CANARY}\n` })).exitCode).toBe(0);
    expect([...keychain.secrets.values()]).toEqual([CANARY]);
    for (const argv of [['keys', 'list'], ['keys', 'list', '--json'], ['keys', 'list', '--csv'], ['auth', 'status'], ['auth', 'status', '--json']]) {
      expect((await go(argv)).exitCode).toBe(0);
    }
    expect((await go(['keys', 'verify', '--debug'])).exitCode).toBe(4);
    expect((await go(['keys', 'verify', '--debug'], { backendFactory: crash })).exitCode).toBe(1);
    expect((await go(['keys', 'rotate', '--store', 'se-demo', '--stdin', '--debug'], { stdin: CANARY })).exitCode).toBe(2);
    expect((await go(['keys', 'migrate', '--to', 'file', '--json'])).exitCode).toBe(0);
    expect(keychain.secrets.size).toBe(0);
    expect(readFileSync(join(home, 'config', 'credentials.json'), 'utf8')).toContain(CANARY);
    expect((await go(['keys', 'migrate', '--to', 'keychain'])).exitCode).toBe(0);
    expect([...keychain.secrets.values()]).toEqual([CANARY]);

    for (const r of runs) expect(r.stdout + r.stderr).not.toContain('FAKEnotAREALcanary');
    for (const file of filesUnder(home)) expect(readFileSync(file).toString('latin1'), file).not.toContain('FAKEnotAREALcanary');
    expect((await go(['keys', 'remove', 'se-demo', '--yes'])).exitCode).toBe(0);
    expect(keychain.secrets.size).toBe(0);
  });
});
