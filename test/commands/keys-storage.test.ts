/**
 * Where stored keys live: the keychain when one is reachable (here the in-memory store, injected through
 * the context), the 0600 secrets file otherwise (the real file), and moves between them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { memorySecretStore, type SecretStore } from '../../src/config/secret-store.js';

const KEY = 'kco_test_api_FAKEnotAREALkey1234';
const KEY2 = 'kco_test_api_FAKEnotAREALkey9876';

const withKeychain = (home: string, keychain: SecretStore) => ({ home, overrides: { keychain } });
const secretsFile = (home: string): string => readFileSync(join(home, 'config', 'credentials.json'), 'utf8');

describe('keys add: where the secret goes', () => {
  it('goes to the keychain when one is reachable, and says so in keys list and auth status', async () => {
    const home = tempHome();
    const keychain = memorySecretStore();
    const add = await runCli(['keys', 'add', '--store', 'se-demo', '--stdin', '--json'], { ...withKeychain(home, keychain), stdin: KEY });
    expect(add.exitCode).toBe(0);
    expect(add.json()).toMatchObject({ storage: 'keychain', masked: 'kco_test_api_…1234' });
    // Under --json stderr carries only an error document; the JSON above says it.
    expect(add.stderr).toBe('');
    expect([...keychain.secrets.values()]).toEqual([KEY]);
    expect(secretsFile(home)).not.toContain(KEY);
    const list = await runCli(['keys', 'list'], withKeychain(home, keychain));
    expect(list.stdout).toContain('kco_test_api_…1234\ttest\tkeychain');
    const status = await runCli(['auth', 'status', '--json'], withKeychain(home, keychain));
    expect(status.json()).toMatchObject({ authenticated: true, storage: 'keychain', keychain: { available: true, reason: null } });
  });

  it('falls back to the secrets file where there is no keychain, and auth status says why', async () => {
    const home = tempHome();
    const add = await runCli(['keys', 'add', '--store', 'se-demo', '--stdin', '--json'], { home, stdin: KEY });
    expect(add.json()).toMatchObject({ storage: 'file' });
    expect(secretsFile(home)).toContain(KEY);
    const status = await runCli(['auth', 'status', '--json'], { home });
    expect(status.json()).toMatchObject({ storage: 'file', keychain: { available: false, reason: 'no keychain in tests' } });
    expect((await runCli(['auth', 'status'], { home })).stdout).toContain('not available: no keychain in tests');
  });

  it('--storage file keeps it in the file even with a keychain; --storage keychain without one is exit 2 and stores nothing', async () => {
    const home = tempHome();
    const keychain = memorySecretStore();
    const file = await runCli(['keys', 'add', '--store', 'se-demo', '--storage', 'file', '--stdin'], { ...withKeychain(home, keychain), stdin: KEY });
    expect(file.exitCode).toBe(0);
    expect(keychain.secrets.size).toBe(0);
    const refused = await runCli(['keys', 'add', '--store', 'de-demo', '--storage', 'keychain', '--stdin'], { home, stdin: KEY2 });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('The keychain cannot be used here: no keychain in tests');
    expect(refused.stderr).toContain('--storage file');
    expect(secretsFile(home)).not.toContain('de-demo');
    const bad = await runCli(['keys', 'add', '--store', 'de-demo', '--storage', 'vault', '--stdin'], { home, stdin: KEY2 });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('file, keychain');
  });
});

describe('a key kept in the keychain', () => {
  it('is the key used for requests (a second add of the same key is refused by rotate as unchanged)', async () => {
    const home = tempHome();
    const keychain = memorySecretStore();
    await runCli(['keys', 'add', '--store', 'se-demo', '--stdin'], { ...withKeychain(home, keychain), stdin: KEY });
    const same = await runCli(['keys', 'rotate', '--store', 'se-demo', '--stdin'], { ...withKeychain(home, keychain), stdin: KEY });
    expect(same.exitCode).toBe(2);
    expect(same.stderr).toContain('is the key already stored');
  });

  it('rotates within the keychain: the new secret replaces the old one there', async () => {
    const home = tempHome();
    const keychain = memorySecretStore();
    const issued = await runCli(['keys', 'create', '--role', 'admin', '--store', 'se-demo'], withKeychain(home, keychain));
    const first = issued.stdout.trim();
    await runCli(['keys', 'add', '--store', 'se-demo', '--stdin'], { ...withKeychain(home, keychain), stdin: first });
    const second = (await runCli(['keys', 'create', '--role', 'admin', '--store', 'se-demo'], withKeychain(home, keychain))).stdout.trim();
    const rotated = await runCli(['keys', 'rotate', '--store', 'se-demo', '--stdin', '--json'], { ...withKeychain(home, keychain), stdin: second });
    expect(rotated.exitCode, rotated.stderr).toBe(0);
    expect(rotated.json()).toMatchObject({ new: { storage: 'keychain' } });
    expect([...keychain.secrets.values()]).toEqual([second]);
  });

  it('whose keychain is gone: using it is a clear error naming the store, never a blank key', async () => {
    const home = tempHome();
    const keychain = memorySecretStore();
    await runCli(['keys', 'add', '--store', 'se-demo', '--stdin'], { ...withKeychain(home, keychain), stdin: KEY });
    const gone = await runCli(['keys', 'verify'], { home });
    expect(gone.exitCode).toBe(2);
    expect(gone.stderr).toContain('The key for store se-demo (profile "default") is kept in the keychain, which cannot be used here: no keychain in tests');
    keychain.secrets.clear();
    const missing = await runCli(['keys', 'verify'], withKeychain(home, keychain));
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('which does not have it');
    // Listing and status need no secret, so they still work.
    expect((await runCli(['keys', 'list'], { home })).exitCode).toBe(0);
    expect((await runCli(['auth', 'status', '--json'], { home })).json()).toMatchObject({ storage: 'keychain', masked: 'kco_test_api_…1234' });
  });
});

describe('keys migrate', () => {
  it('moves one store or all of a profile, both ways, and leaves keys already there alone', async () => {
    const home = tempHome();
    const keychain = memorySecretStore();
    await runCli(['keys', 'add', '--store', 'se-demo', '--storage', 'file', '--stdin'], { ...withKeychain(home, keychain), stdin: KEY });
    await runCli(['keys', 'add', '--store', 'de-demo', '--storage', 'file', '--stdin'], { ...withKeychain(home, keychain), stdin: KEY2 });
    const one = await runCli(['keys', 'migrate', '--to', 'keychain', '--store', 'se-demo', '--json'], withKeychain(home, keychain));
    expect(one.exitCode).toBe(0);
    expect(one.json<{ moved: { store: string }[] }>().moved.map((k) => k.store)).toEqual(['se-demo']);
    expect([...keychain.secrets.values()]).toEqual([KEY]);
    expect(secretsFile(home)).not.toContain(KEY);
    expect(secretsFile(home)).toContain(KEY2);

    const all = await runCli(['keys', 'migrate', '--to', 'keychain', '--json'], withKeychain(home, keychain));
    expect(all.json()).toMatchObject({ moved: [{ store: 'de-demo' }], unchanged: [{ store: 'se-demo' }] });
    expect(secretsFile(home)).not.toMatch(/kco_test_api_[A-Za-z]/);

    const back = await runCli(['keys', 'migrate', '--to', 'file'], withKeychain(home, keychain));
    expect(back.exitCode).toBe(0);
    expect(back.stdout.trim().split('\n')).toHaveLength(2);
    expect(keychain.secrets.size).toBe(0);
    const list = await runCli(['keys', 'list', '--json'], withKeychain(home, keychain));
    expect(list.json<{ storage: string }[]>().map((k) => k.storage)).toEqual(['file', 'file']);
  });

  it('to a keychain that is not there: exit 2, nothing moved; an unknown store: exit 2', async () => {
    const home = tempHome();
    await runCli(['keys', 'add', '--store', 'se-demo', '--stdin'], { home, stdin: KEY });
    const before = secretsFile(home);
    const r = await runCli(['keys', 'migrate', '--to', 'keychain'], { home });
    expect(r.exitCode).toBe(2);
    expect(secretsFile(home)).toBe(before);
    expect((await runCli(['keys', 'migrate', '--to', 'file', '--store', 'nope'], { home })).exitCode).toBe(2);
    expect((await runCli(['keys', 'migrate'], { home })).exitCode).toBe(2);
  });
});
