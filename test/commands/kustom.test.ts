/** Commands on the kustom backend, in-process, against the fake Kustom server. */
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FAKE_API_KEY, type FakeKustom } from '../helpers/fake-kustom/index.js';
import { fakeKustomEachTest } from '../helpers/fake-kustom-each-test.js';
import { runCli, tempHome } from '../helpers/run-cli.js';

let fake: FakeKustom;
const fakes = fakeKustomEachTest();
beforeEach(async () => {
  fake = await fakes.start();
});

const kustom = (): string[] => ['--backend', 'kustom', '--base-url', fake.url];
const env = { MERCHANT_API_KEY: DEFAULT_FAKE_API_KEY };

describe('merchant --backend kustom', () => {
  it('starts with no stores in the ledger, then adds, lists, shows and configures one', async () => {
    const home = tempHome();
    const empty = await runCli([...kustom(), 'stores', 'list', '--json'], { home, env });
    expect(empty.exitCode).toBe(0);
    expect(empty.json()).toEqual([]);
    const add = await runCli([...kustom(), 'stores', 'add', '--id', 'se-shop', '--name', 'Stockholm', '--country', 'SE', '--terms-url', 'https://s.example/terms'], { home, env });
    expect(add.exitCode).toBe(0);
    expect(add.stdout).toBe('se-shop\n');
    const list = await runCli([...kustom(), 'stores', 'list'], { home, env });
    expect(list.stdout.split('\t')[0]).toBe('se-shop');
    const conf = await runCli([...kustom(), 'stores', 'configure', 'se-shop', '--terms-url', 'https://s.example/villkor'], { home, env });
    expect(conf.exitCode).toBe(0);
    const show = await runCli([...kustom(), 'stores', 'show', 'se-shop', '--json'], { home, env });
    expect(show.json()).toMatchObject({ id: 'se-shop', terms_url: 'https://s.example/villkor', currencies: ['SEK'] });
    // The sandbox's stores are untouched: the kustom ledger is its own file.
    const sandbox = await runCli(['stores', 'list', '--json'], { home });
    expect(sandbox.json<{ id: string }[]>().map((s) => s.id)).toEqual(['de-demo', 'se-demo']);
  });

  it('exits 3 naming the ledger for an unknown store', async () => {
    const r = await runCli([...kustom(), 'stores', 'show', 'nope'], { env });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('Store nope was not found');
  });

  it('keeps stores (local) usable without a key, upper-case MIDs included; a request to Kustom exits 4 naming keys add and MERCHANT_API_KEY', async () => {
    const home = tempHome();
    const add = await runCli([...kustom(), 'stores', 'add', '--id', 'M123', '--name', 'Main', '--country', 'SE', '--terms-url', 'https://s.example/terms'], { home });
    expect(add.exitCode, add.stderr).toBe(0);
    const list = await runCli([...kustom(), 'stores', 'list', '--json', 'id'], { home });
    expect(list.json()).toEqual([{ id: 'M123' }]);
    const r = await runCli([...kustom(), 'orders', 'show', '6f1e2a3b-1111-2222-3333-444455556666'], { home });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/merchant keys add/);
    expect(r.stderr).toMatch(/MERCHANT_API_KEY/);
    expect(r.stdout).toBe('');
    expect(fake.requests).toEqual([]);
  });

  it('exits 4 for a test key against the live host, without printing the key', async () => {
    const r = await runCli(['--backend', 'kustom', '--base-url', 'https://api.kustom.co', 'stores', 'list'], { env });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/test key/);
    expect(r.stderr).not.toContain(DEFAULT_FAKE_API_KEY);
  });

  it('is selected by MERCHANT_BACKEND and MERCHANT_BASE_URL too', async () => {
    const r = await runCli(['stores', 'list', '--json'], { env: { ...env, MERCHANT_BACKEND: 'kustom', MERCHANT_BASE_URL: fake.url } });
    expect(r.exitCode).toBe(0);
    expect(r.json()).toEqual([]);
  });
});
