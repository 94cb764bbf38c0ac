import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';

describe('merchant stores', () => {
  it('lists the seeded demo stores as tab-separated rows when piped', async () => {
    const r = await runCli(['stores', 'list']);
    expect(r.exitCode).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => l.split('\t'));
    expect(rows.map((c) => c[0])).toEqual(['de-demo', 'se-demo']);
    expect(rows[1]?.[5]).toBe('https://shop.example/terms');
    // The default marker is a column of its own: the ID column holds IDs only.
    expect(rows.map((c) => c[1])).toEqual(['no', 'no']);
    expect(r.stderr).toBe('');
  });

  it('lists stores as JSON with stable field names', async () => {
    const r = await runCli(['stores', 'list', '--json']);
    expect(r.exitCode).toBe(0);
    const stores = r.json<Record<string, unknown>[]>();
    expect(Object.keys(stores[0] ?? {})).toEqual(['id', 'name', 'purchase_country', 'currencies', 'terms_url', 'payout_schedule', 'is_default', 'created_at']);
    expect(stores.find((s) => s['id'] === 'de-demo')?.['terms_url']).toBeNull();
  });

  it('draws a table on a TTY', async () => {
    const r = await runCli(['stores', 'list'], { tty: true });
    expect(r.stdout).toContain('┌');
    expect(r.stdout).toContain('Nordic Demo Shop');
  });

  it('shows one store and says why links are blocked', async () => {
    const r = await runCli(['stores', 'show', 'de-demo', '--json']);
    expect(r.exitCode).toBe(0);
    expect(r.json()).toMatchObject({ id: 'de-demo', ready_for_links: false, problems: [expect.stringContaining('terms')] });
  });

  it('exits 3 naming the known stores for an unknown one', async () => {
    const r = await runCli(['stores', 'show', 'nope']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('Store nope was not found');
    expect(r.stderr).toContain('de-demo, se-demo');
    expect(r.stdout).toBe('');
  });

  it('adds a store, makes it the default, and persists both', async () => {
    const home = tempHome();
    const add = await runCli(['stores', 'add', '--id', 'fi-shop', '--name', 'Helsinki', '--country', 'fi', '--terms-url', 'https://s.example/t', '--default'], { home });
    expect(add.exitCode).toBe(0);
    expect(add.stdout).toBe('fi-shop\n');
    const list = await runCli(['stores', 'list', '--json'], { home });
    const fi = list.json<{ id: string; currencies: string[]; is_default: boolean; purchase_country: string }[]>().find((s) => s.id === 'fi-shop');
    expect(fi).toMatchObject({ purchase_country: 'FI', currencies: ['EUR'], is_default: true });
    const piped = await runCli(['stores', 'list'], { home });
    expect(piped.stdout.split('\n').find((l) => l.startsWith('fi-shop'))?.split('\t').slice(0, 2)).toEqual(['fi-shop', 'yes']);
  });

  it('configure --default alone makes an existing store the default; a refused change leaves the default alone', async () => {
    const home = tempHome();
    const refused = await runCli(['stores', 'configure', 'se-demo', '--terms-url', 'not a url', '--default'], { home });
    expect(refused.exitCode).toBe(2);
    const before = await runCli(['stores', 'list', '--json'], { home });
    expect(before.json<{ id: string; is_default: boolean }[]>().find((s) => s.is_default)?.id).not.toBe('se-demo');
    const made = await runCli(['stores', 'configure', 'se-demo', '--default'], { home });
    expect(made.exitCode).toBe(0);
    const after = await runCli(['stores', 'list', '--json'], { home });
    expect(after.json<{ id: string; is_default: boolean }[]>().filter((s) => s.is_default).map((s) => s.id)).toEqual(['se-demo']);
  });

  it('refuses a store whose currency is not in the country agreement list, changing nothing', async () => {
    const home = tempHome();
    const r = await runCli(['stores', 'add', '--id', 'x-shop', '--name', 'X', '--country', 'SE', '--currency', 'XYZ'], { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/currenc/i);
    const list = await runCli(['stores', 'list', '--json'], { home });
    expect(list.json<unknown[]>()).toHaveLength(2);
  });

  it('refuses a duplicate store ID', async () => {
    const r = await runCli(['stores', 'add', '--id', 'se-demo', '--name', 'Again', '--country', 'SE']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('id: a store with ID se-demo already exists');
  });

  it('configures the terms URL, validating it', async () => {
    const home = tempHome();
    const bad = await runCli(['stores', 'configure', 'de-demo', '--terms-url', 'not a url'], { home });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('terms_url');
    const good = await runCli(['stores', 'configure', 'de-demo', '--terms-url', 'https://shop.example/agb', '--json'], { home });
    expect(good.exitCode).toBe(0);
    expect(good.json()).toMatchObject({ id: 'de-demo', terms_url: 'https://shop.example/agb' });
  });

  it('says what to change when configure gets nothing', async () => {
    const r = await runCli(['stores', 'configure', 'de-demo']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('Nothing to change');
  });

  it('prints JSON errors under --json', async () => {
    const r = await runCli(['stores', 'show', 'nope', '--json']);
    expect(r.exitCode).toBe(3);
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { kind: 'not_found', exit_code: 3 } });
    expect(r.stdout).toBe('');
  });
});

describe('one rule for store IDs', () => {
  it.each(['M123', 'PN01234-eu', 'se-shop'])('stores add and keys add both accept %s', async (id) => {
    const home = tempHome();
    const add = await runCli(['stores', 'add', '--id', id, '--name', 'Shop', '--country', 'SE'], { home });
    expect(add.exitCode, add.stderr).toBe(0);
    expect(add.stdout).toBe(`${id}\n`);
    const key = await runCli(['keys', 'add', '--store', id, '--storage', 'file', '--stdin'], { home, stdin: 'kco_test_api_FAKEnotAREALkey0000cdef\n' });
    expect(key.stderr).not.toMatch(/--store.*must be/);
  });

  it.each(['../x', 'a', '-x', 'with space', 'é-shop'])('stores add and keys add both refuse %j with the same rule (exit 2)', async (id) => {
    const home = tempHome();
    const add = await runCli(['stores', 'add', '--id', id, '--name', 'Shop', '--country', 'SE'], { home });
    const key = await runCli(['keys', 'add', `--store=${id}`, '--storage', 'file', '--stdin'], { home, stdin: 'kco_test_api_FAKEnotAREALkey0000cdef\n' });
    for (const r of [add, key]) {
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('must be 2–63 characters of letters, digits and "-"');
    }
  });
});
