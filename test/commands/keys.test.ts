import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';

const KEY = 'kco_test_api_FAKEnotAREALkey0000abcdQr1234';
const KEY2 = 'kco_test_api_FakeZyXwVuTsRqPoNmLk9876';
const LIVE = 'kco_live_api_FAKEnotAREALkey0000abcdQr5678';
const credFile = (home: string) => join(home, 'config', 'credentials.json');

describe('keys add: the secrets file', () => {
  it('creates the file 0600 in a 0700 directory', async () => {
    const home = tempHome();
    const r = await runCli(['keys', 'add', '--store', 'se-demo', '--stdin'], { home, stdin: `${KEY}\n` });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^cred_[0-9a-f]{12}\n$/);
    expect(statSync(credFile(home)).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, 'config')).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(credFile(home), 'utf8'))).toMatchObject({ entries: [{ store: 'se-demo', profile: 'default', environment: 'test', secret: KEY }] });
  });

  it('tightens a pre-existing looser config directory to 0700', async () => {
    const home = tempHome();
    mkdirSync(join(home, 'config'), { mode: 0o755 });
    chmodSync(join(home, 'config'), 0o755);
    await runCli(['keys', 'add', '--store', 'se-demo', '--stdin'], { home, stdin: KEY });
    expect(statSync(join(home, 'config')).mode & 0o777).toBe(0o700);
  });

  it('refuses a secrets file others can read, naming the chmod fix, for every command that reads it', async () => {
    const home = tempHome();
    await runCli(['keys', 'add', '--store', 'se-demo', '--stdin'], { home, stdin: KEY });
    chmodSync(credFile(home), 0o644);
    for (const argv of [['keys', 'list'], ['auth', 'status'], ['stores', 'list'], ['keys', 'verify']]) {
      const r = await runCli(argv, { home });
      expect(r.exitCode, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain('can be read by other users (mode 0644)');
      expect(r.stderr).toContain(`chmod 600 '${credFile(home)}'`);
    }
    const add = await runCli(['keys', 'add', '--store', 'de-demo', '--stdin'], { home, stdin: KEY2 });
    expect(add.exitCode).toBe(2);
    expect(statSync(credFile(home)).mode & 0o777).toBe(0o644);
  });

  it('reports a corrupt secrets file without quoting its content', async () => {
    const home = tempHome();
    mkdirSync(join(home, 'config'), { recursive: true, mode: 0o700 });
    writeFileSync(credFile(home), `{"version":1,"entries":[{"secret":"${KEY}"`, { mode: 0o600 });
    const r = await runCli(['keys', 'list'], { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('is not valid JSON');
    expect(r.stderr).not.toContain(KEY);
  });

  it('checks the shape, names the field and rule, and stores nothing', async () => {
    const home = tempHome();
    for (const bad of ['hello', 'kco_test_api_short', 'kco_prod_api_FAKEnotAREALkey0000abcd', 'kco_test_api_has space inside 12345']) {
      const r = await runCli(['keys', 'add', '--store', 'se-demo', '--stdin'], { home, stdin: bad });
      expect(r.exitCode, bad).toBe(2);
      expect(r.stderr).toMatch(/key: /);
    }
    expect(() => statSync(credFile(home))).toThrow();
  });

  it('refuses a live key on the sandbox and a test key with the live host, and the reverse', async () => {
    const home = tempHome();
    const live = await runCli(['keys', 'add', '--store', 'se-demo', '--stdin'], { home, stdin: LIVE });
    expect(live.exitCode).toBe(2);
    expect(live.stderr).toContain('a live key cannot be used with the sandbox backend');
    const testOnLive = await runCli(['keys', 'add', '--store', 'M1', '--stdin', '--backend', 'kustom', '--base-url', 'https://api.kustom.co'], { home, stdin: KEY });
    expect(testOnLive.exitCode).toBe(2);
    expect(testOnLive.stderr).toContain('a test key cannot be used with https://api.kustom.co');
    const liveOnTest = await runCli(['keys', 'add', '--store', 'M1', '--stdin', '--backend', 'kustom', '--base-url', 'https://api.playground.kustom.co'], { home, stdin: LIVE });
    expect(liveOnTest.exitCode).toBe(2);
    expect(liveOnTest.stderr).toContain('a live key cannot be used with https://api.playground.kustom.co');
    const ok = await runCli(['keys', 'add', '--store', 'M1', '--stdin', '--backend', 'kustom', '--base-url', 'https://api.kustom.co'], { home, stdin: LIVE });
    expect(ok.exitCode).toBe(0);
    expect(ok.stderr).toContain('live key');
  });

  it('stores a username + secret pair; a legacy secret needs its environment', async () => {
    const home = tempHome();
    const noEnv = await runCli(['keys', 'add', '--store', 'M1', '--username', 'M1-ab12', '--stdin', '--backend', 'kustom'], { home, stdin: 'legacySharedSecret' });
    expect(noEnv.exitCode).toBe(2);
    expect(noEnv.stderr).toContain('--environment');
    const r = await runCli(['keys', 'add', '--store', 'M1', '--username', 'M1-ab12', '--environment', 'test', '--stdin', '--backend', 'kustom', '--json'], { home, stdin: 'legacySharedSecret' });
    expect(r.exitCode).toBe(0);
    expect(r.json()).toMatchObject({ kind: 'pair', username: 'M1-ab12', environment: 'test', masked: '…cret' });
    expect(r.stdout + r.stderr).not.toContain('legacySharedSecret');
    const bad = await runCli(['keys', 'add', '--store', 'M2', '--username', 'a:b', '--stdin'], { home, stdin: KEY });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('username: must not contain ":"');
  });

  it('needs a store, and refuses a second key for the same profile + store (that is rotate)', async () => {
    const home = tempHome();
    const noStore = await runCli(['keys', 'add', '--stdin'], { home, stdin: KEY });
    expect(noStore.exitCode).toBe(2);
    expect(noStore.stderr).toContain('--store');
    await runCli(['keys', 'add', '--store', 'se-demo', '--stdin'], { home, stdin: KEY });
    const again = await runCli(['keys', 'add', '--store', 'se-demo', '--stdin'], { home, stdin: KEY2 });
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toContain('keys rotate');
  });

  it('without a terminal and without --stdin, says to pipe the key', async () => {
    const r = await runCli(['keys', 'add', '--store', 'se-demo']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--stdin');
  });

  it('refuses key-like flags and key-like arguments with a clear message', async () => {
    for (const argv of [['keys', 'add', '--key', 'x'], ['keys', 'add', '--api-key=x'], ['keys', 'add', '--secret', 'x'], ['keys', 'add', '--token', 'y']]) {
      const r = await runCli(argv);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('never taken from the command line');
    }
  });

  it('reads the prompt through ctx.prompter.password on a terminal', async () => {
    const home = tempHome();
    const asked: string[] = [];
    const r = await runCli(['keys', 'add', '--store', 'se-demo'], {
      home,
      tty: true,
      overrides: {
        prompter: {
          interactive: true,
          input: async () => '',
          select: async () => undefined as never,
          confirm: async () => true,
          password: async (o) => (asked.push(o.message), KEY),
        },
      },
    });
    expect(r.exitCode).toBe(0);
    expect(asked[0]).toContain('hidden');
  });
});

describe('keys list / use / remove', () => {
  it('lists masked keys with store, profile, environment, added and last used', async () => {
    const home = tempHome();
    await runCli(['keys', 'add', '--store', 'se-demo', '--stdin'], { home, stdin: KEY });
    await runCli(['keys', 'add', '--store', 'de-demo', '--stdin'], { home, stdin: KEY2 });
    const r = await runCli(['keys', 'list', '--json'], { home });
    const rows = r.json<Record<string, unknown>[]>();
    expect(rows.map((k) => [k['store'], k['masked'], k['in_use']])).toEqual([
      ['de-demo', 'kco_test_api_…9876', false],
      ['se-demo', 'kco_test_api_…1234', true],
    ]);
    expect(Object.keys(rows[0] ?? {})).toEqual(['id', 'store', 'profile', 'kind', 'username', 'masked', 'environment', 'storage', 'in_use', 'added_at', 'last_used_at']);
    expect(r.stdout).not.toContain(KEY);
    const plain = await runCli(['keys', 'list'], { home });
    expect(plain.stdout).toContain('se-demo *\tdefault\tkco_test_api_…1234\ttest');
    const table = await runCli(['keys', 'list'], { home, tty: true });
    expect(table.stdout).toContain('┌');
  });

  it('keys use picks the key used when no store is named; auth status shows it', async () => {
    const home = tempHome();
    await runCli(['keys', 'add', '--store', 'se-demo', '--stdin'], { home, stdin: KEY });
    await runCli(['keys', 'add', '--store', 'de-demo', '--stdin'], { home, stdin: KEY2 });
    expect((await runCli(['auth', 'status', '--json'], { home })).json()).toMatchObject({ store: 'se-demo', masked: 'kco_test_api_…1234' });
    expect((await runCli(['keys', 'use', 'de-demo'], { home })).exitCode).toBe(0);
    expect((await runCli(['auth', 'status', '--json'], { home })).json()).toMatchObject({ store: 'de-demo', masked: 'kco_test_api_…9876' });
    // Naming a store picks that store's key, never another's.
    expect((await runCli(['auth', 'status', '--json', '--store', 'se-demo'], { home })).json()).toMatchObject({ store: 'se-demo', masked: 'kco_test_api_…1234' });
    expect((await runCli(['auth', 'status', '--json', '--store', 'other'], { home })).json()).toMatchObject({ authenticated: false, store: 'other' });
    const missing = await runCli(['keys', 'use', 'nope'], { home });
    expect(missing.exitCode).toBe(3);
    expect(missing.stderr).toContain('de-demo, se-demo');
  });

  it('keys remove asks (or needs --yes) and forgets the key', async () => {
    const home = tempHome();
    await runCli(['keys', 'add', '--store', 'se-demo', '--stdin'], { home, stdin: KEY });
    const noYes = await runCli(['keys', 'remove', 'se-demo'], { home });
    expect(noYes.exitCode).toBe(2);
    expect(noYes.stderr).toContain('--yes');
    const r = await runCli(['keys', 'remove', 'se-demo', '--yes'], { home });
    expect(r.exitCode).toBe(0);
    expect((await runCli(['keys', 'list', '--json'], { home })).json()).toEqual([]);
    expect(statSync(credFile(home)).mode & 0o777).toBe(0o600);
  });
});

describe('credential precedence: env > profile', () => {
  it('reports the winning source and warns when the env var shadows the stored key', async () => {
    const home = tempHome();
    await runCli(['keys', 'add', '--store', 'se-demo', '--stdin'], { home, stdin: KEY });
    const stored = await runCli(['auth', 'status', '--json'], { home });
    expect(stored.json()).toMatchObject({ source: 'profile', source_label: 'profile "default"', environment: 'test', store: 'se-demo', shadowed_key: null, warnings: [] });
    const env = await runCli(['auth', 'status', '--json', '--store', 'se-demo'], { home, env: { MERCHANT_API_KEY: KEY2 } });
    expect(env.json()).toMatchObject({ source: 'env', source_label: 'MERCHANT_API_KEY', masked: 'kco_test_api_…9876', shadowed_key: { masked: 'kco_test_api_…1234', store: 'se-demo' } });
    expect(env.json<{ warnings: string[] }>().warnings.join(' ')).toMatch(/shadow/);
    // Under --json stderr carries only an error document; the JSON above says it.
    expect(env.stderr).toBe('');
    const warned = await runCli(['auth', 'status', '--store', 'se-demo'], { home, env: { MERCHANT_API_KEY: KEY2 } });
    expect(warned.stderr).toContain('warning: MERCHANT_API_KEY shadows the key stored for profile "default"');
    const human = await runCli(['auth', 'status'], { home, env: { MERCHANT_API_KEY: KEY2, MERCHANT_API_USERNAME: 'M-1' } });
    expect(human.stdout).toContain('Source\tMERCHANT_API_KEY + MERCHANT_API_USERNAME');
  });

  it('a malformed MERCHANT_API_KEY is a config error that does not echo it', async () => {
    const r = await runCli(['auth', 'status'], { env: { MERCHANT_API_KEY: 'not-a-key-value' } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('MERCHANT_API_KEY is not a Kustom API key');
    expect(r.stderr).not.toContain('not-a-key-value');
  });

  it('a live env key is never used with the sandbox', async () => {
    const r = await runCli(['stores', 'list'], { env: { MERCHANT_API_KEY: LIVE } });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('the sandbox is a test environment and never takes live keys');
    expect(r.stderr).not.toContain(LIVE);
  });

  it('auth status with no credential says so', async () => {
    const r = await runCli(['auth', 'status', '--json']);
    expect(r.json()).toMatchObject({ authenticated: false, masked: null, source: null });
  });

  it('a live env key with a playground base_url is refused before any call', async () => {
    const r = await runCli(['stores', 'list', '--backend', 'kustom', '--base-url', 'https://api.playground.kustom.co'], { env: { MERCHANT_API_KEY: LIVE } });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('is a live key, but base_url https://api.playground.kustom.co is the test host');
  });
});
