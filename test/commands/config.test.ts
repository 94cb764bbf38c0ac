import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';

type SettingJson = { key: string; value: string | null; origin?: string; source?: string; config_file: string }[];

const setting = (r: { json<T>(): T }, key: string) => r.json<SettingJson>().find((s) => s.key === key);

describe('merchant config and profiles', () => {
  it('shows defaults and their origin', async () => {
    const r = await runCli(['config', 'list', '--show-origin', '--json']);
    expect(r.exitCode).toBe(0);
    expect(setting(r, 'backend')).toEqual({ key: 'backend', value: 'sandbox', origin: 'default', source: 'default', config_file: expect.stringMatching(/config\.json$/) });
  });

  it('applies flag > env > profile > default and reports the winner', async () => {
    const home = tempHome();
    expect((await runCli(['profiles', 'add', 'work', '--store', 'se-demo', '--use'], { home })).exitCode).toBe(0);
    const fromProfile = await runCli(['config', 'list', '--show-origin', '--json'], { home });
    expect(setting(fromProfile, 'store')).toMatchObject({ value: 'se-demo', origin: 'profile', source: 'profile "work"' });

    const fromEnv = await runCli(['config', 'list', '--show-origin', '--json'], { home, env: { MERCHANT_STORE: 'de-demo' } });
    expect(setting(fromEnv, 'store')).toMatchObject({ value: 'de-demo', origin: 'env', source: 'MERCHANT_STORE' });
    // Under --json stderr carries only an error document; the warning is for people.
    expect(fromEnv.stderr).toBe('');
    const human = await runCli(['config', 'list'], { home, env: { MERCHANT_STORE: 'de-demo' } });
    expect(human.stderr).toContain('MERCHANT_STORE overrides the store set in profile "work"');

    const fromFlag = await runCli(['config', 'list', '--show-origin', '--json', '--backend', 'sandbox'], { home, env: { MERCHANT_BACKEND: 'kustom' } });
    expect(setting(fromFlag, 'backend')).toMatchObject({ value: 'sandbox', origin: 'flag', source: '--backend' });
  });

  it('sets and unsets values in a profile, validating them', async () => {
    const home = tempHome();
    expect((await runCli(['config', 'set', 'store', 'se-demo'], { home })).exitCode).toBe(0);
    expect((await runCli(['config', 'get', 'store'], { home })).stdout).toBe('se-demo\n');
    const bad = await runCli(['config', 'set', 'backend', 'paypal'], { home });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('backend:');
    const unknown = await runCli(['config', 'set', 'colour', 'red'], { home });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('Unknown setting "colour"');
    expect((await runCli(['config', 'unset', 'store'], { home })).exitCode).toBe(0);
    expect((await runCli(['config', 'get', 'store'], { home })).stdout).toBe('\n');
  });

  it('config get --json: the setting in force with where it came from, as config list shows it', async () => {
    const home = tempHome();
    await runCli(['config', 'set', 'store', 'se-demo'], { home });
    const fromProfile = await runCli(['config', 'get', 'store', '--json'], { home });
    expect(fromProfile.exitCode, fromProfile.stderr).toBe(0);
    const list = await runCli(['config', 'list', '--show-origin', '--json'], { home });
    expect(fromProfile.json()).toEqual(list.json<{ key: string }[]>().find((s) => s.key === 'store'));
    const fromEnv = await runCli(['config', 'get', 'backend', '--json', 'value,origin'], { home, env: { MERCHANT_BACKEND: 'kustom' } });
    expect(fromEnv.json()).toEqual({ value: 'kustom', origin: 'env' });
    expect((await runCli(['config', 'get', 'base_url', '--json'], { home })).json()).toMatchObject({ key: 'base_url', value: null });
    const unknown = await runCli(['config', 'get', 'colour', '--json'], { home });
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stdout).toBe('');
  });

  it('writes the settings file with mode 0600', async () => {
    const home = tempHome();
    await runCli(['config', 'set', 'store', 'se-demo'], { home });
    expect(statSync(join(home, 'config', 'config.json')).mode & 0o777).toBe(0o600);
  });

  it('refuses an unknown profile named by flag or env', async () => {
    const r = await runCli(['stores', 'list', '--profile', 'ghost']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('Unknown profile "ghost" (from --profile)');
    const e = await runCli(['stores', 'list'], { env: { MERCHANT_PROFILE: 'ghost' } });
    expect(e.stderr).toContain('(from MERCHANT_PROFILE)');
  });

  it('reports a corrupt config file by name and never overwrites it', async () => {
    const home = tempHome();
    mkdirSync(join(home, 'config'), { recursive: true });
    const file = join(home, 'config', 'config.json');
    writeFileSync(file, '{"version": 1, "profiles": {');
    for (const argv of [['stores', 'list'], ['config', 'set', 'store', 'se-demo']]) {
      const r = await runCli(argv, { home });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`The config file ${file} is not valid JSON`);
    }
    expect(readFileSync(file, 'utf8')).toBe('{"version": 1, "profiles": {');
  });

  it('names the invalid keys of a hand-edited config file', async () => {
    const home = tempHome();
    mkdirSync(join(home, 'config'), { recursive: true });
    const file = join(home, 'config', 'config.json');
    writeFileSync(file, JSON.stringify({ version: 1, current_profile: 'default', profiles: { default: { backend: 'stripe', colour: 'red' } } }));
    const r = await runCli(['config', 'list'], { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`The config file ${file} is invalid`);
    expect(r.stderr).toContain('profiles.default.backend');
    expect(r.stderr).toMatch(/colour/);
  });

  it('lists, switches and removes profiles', async () => {
    const home = tempHome();
    await runCli(['profiles', 'add', 'ci', '--backend', 'sandbox', '--store', 'se-demo'], { home });
    await runCli(['profiles', 'use', 'ci'], { home });
    const list = await runCli(['profiles', 'list', '--json'], { home });
    expect(list.json()).toEqual([
      { name: 'ci', current: true, backend: 'sandbox', store: 'se-demo', base_url: null },
      { name: 'default', current: false, backend: null, store: null, base_url: null },
    ]);
    const refused = await runCli(['profiles', 'remove', 'ci'], { home });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect((await runCli(['profiles', 'remove', 'ci', '--yes'], { home })).exitCode).toBe(0);
    expect((await runCli(['config', 'get', 'profile'], { home })).stdout).toBe('default\n');
  });
});
