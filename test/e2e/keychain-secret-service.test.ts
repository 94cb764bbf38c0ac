/**
 * The real Secret Service: a private session bus with a gnome-keyring daemon on it (Debian packages
 * `dbus`, `gnome-keyring`, `libsecret-tools`; CI installs them), and the built binary storing, reading,
 * moving and removing a key there. Skipped, saying which program is missing, only where those are not
 * installed; the fallback to the secrets file is tested without them (keys-storage, keys-canary).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, spawnCli } from '../helpers/spawn-cli.js';
import { tempHome } from '../helpers/run-cli.js';

const KEY = 'kco_test_api_FAKEnotAREALkey0001234';
const PROGRAMS = ['dbus-daemon', 'gnome-keyring-daemon', 'secret-tool'];
const missing = PROGRAMS.filter((p) => spawnSync('sh', ['-c', `command -v ${p}`]).status !== 0);
if (missing.length > 0) console.warn(`Secret Service test skipped: ${missing.join(', ')} not installed (apt-get install dbus gnome-keyring libsecret-tools).`);

describe.skipIf(missing.length > 0)('keys in the Secret Service (gnome-keyring on a private session bus)', () => {
  const home = tempHome('merchant-keyring-');
  let bus = '';
  let busPid = 0;
  const env = (): Record<string, string> => ({ DBUS_SESSION_BUS_ADDRESS: bus, MERCHANT_KEYCHAIN: '' });
  const lookup = (account: string): string => {
    const r = spawnSync('secret-tool', ['lookup', 'service', 'merchant-cli', 'username', account], { env: { ...process.env, HOME: home, DBUS_SESSION_BUS_ADDRESS: bus } });
    return r.stdout.toString();
  };

  beforeAll(() => {
    assertBuilt();
    const out = execFileSync('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1'], { env: { ...process.env, HOME: home } }).toString().trim().split('\n');
    bus = out[0] ?? '';
    busPid = Number(out[1]);
    // A login keyring created unlocked with a throwaway password: no prompt, nothing outside `home`.
    execFileSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], { input: 'ci-keyring', env: { ...process.env, HOME: home, DBUS_SESSION_BUS_ADDRESS: bus }, stdio: ['pipe', 'ignore', 'ignore'] });
  });
  afterAll(() => {
    // The keyring daemon leaves with its bus.
    if (busPid > 0) process.kill(busPid);
  });

  it('stores the key in the keychain by default, uses it, migrates it both ways and removes it', async () => {
    const add = await spawnCli(['keys', 'add', '--store', 'se-demo', '--stdin', '--json'], { home, env: env(), input: KEY });
    expect(add.exitCode, add.stderr).toBe(0);
    const id = (JSON.parse(add.stdout) as { id: string; storage: string }).id;
    expect(JSON.parse(add.stdout)).toMatchObject({ storage: 'keychain' });
    expect(lookup(id)).toBe(KEY);
    const secrets = join(home, 'config', 'credentials.json');
    expect(readFileSync(secrets, 'utf8')).not.toContain(KEY);

    const status = await spawnCli(['auth', 'status', '--json'], { home, env: env() });
    expect(JSON.parse(status.stdout)).toMatchObject({ storage: 'keychain', keychain: { available: true }, masked: 'kco_test_api_…1234' });
    // The secret read back from the keychain reaches the backend: the sandbox refuses a key it never issued (4).
    const verify = await spawnCli(['keys', 'verify'], { home, env: env() });
    expect(verify.exitCode).toBe(4);
    expect(verify.stderr).toContain('kco_test_api_…1234');

    const toFile = await spawnCli(['keys', 'migrate', '--to', 'file'], { home, env: env() });
    expect(toFile.exitCode, toFile.stderr).toBe(0);
    expect(lookup(id)).toBe('');
    expect(readFileSync(secrets, 'utf8')).toContain(KEY);
    const back = await spawnCli(['keys', 'migrate', '--to', 'keychain'], { home, env: env() });
    expect(back.exitCode, back.stderr).toBe(0);
    expect(lookup(id)).toBe(KEY);
    expect(readFileSync(secrets, 'utf8')).not.toContain(KEY);

    const removed = await spawnCli(['keys', 'remove', 'se-demo', '--yes'], { home, env: env() });
    expect(removed.exitCode, removed.stderr).toBe(0);
    expect(lookup(id)).toBe('');
    for (const r of [add, status, verify, toFile, back, removed]) expect(r.stdout + r.stderr).not.toContain(KEY);
  });

  it('without a session bus the same binary falls back to the file and says why', async () => {
    const h = tempHome();
    const add = await spawnCli(['keys', 'add', '--store', 'se-demo', '--stdin', '--json'], { home: h, env: { MERCHANT_KEYCHAIN: '', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' }, input: KEY });
    expect(add.exitCode, add.stderr).toBe(0);
    expect(JSON.parse(add.stdout)).toMatchObject({ storage: 'file' });
    const status = await spawnCli(['auth', 'status', '--json'], { home: h, env: { MERCHANT_KEYCHAIN: '', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' } });
    expect(JSON.parse(status.stdout)).toMatchObject({ storage: 'file', keychain: { available: false } });
  });
});
