/**
 * Keys, auth status, the developer log and --debug on the kustom backend, through the real CLI against the
 * fake Kustom server. The fake accepts only the canary key, which must appear nowhere but credentials.json.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FakeKustom } from '../helpers/fake-kustom/index.js';
import { fakeKustomEachTest } from '../helpers/fake-kustom-each-test.js';
import { runCli, tempHome, type CliResult } from '../helpers/run-cli.js';

const CANARY = 'kco_test_api_FAKEnotAREALCANARYcanary0';
const OTHER = 'kco_test_api_FakeWRONGwrongWRONGw000000';
const MISSING = '0b6a7c1e-1111-4222-8333-944445555666';

let fake: FakeKustom;
const fakes = fakeKustomEachTest();
beforeEach(async () => {
  fake = await fakes.start({ apiKey: CANARY });
});

const kustom = (): string[] => ['--backend', 'kustom', '--base-url', fake.url];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** The canary (raw, or inside a Basic header) must not be in any output nor any file but credentials.json. */
function expectNoLeak(home: string, runs: CliResult[]): void {
  for (const r of runs) {
    expect(r.stdout).not.toContain('CANARY');
    expect(r.stderr).not.toContain('CANARY');
    expect(r.stdout).not.toMatch(/Basic \S/);
    expect(r.stderr).not.toMatch(/Basic \S/);
  }
  for (const file of filesUnder(home)) {
    if (file.endsWith('credentials.json')) continue;
    expect(readFileSync(file).includes('CANARY'), file).toBe(false);
  }
}

describe('keys and auth status with --backend kustom', () => {
  it('keys add stores the key; keys verify and auth status use it against the fake', async () => {
    const home = tempHome();
    const runs: CliResult[] = [];
    const go = async (argv: string[], stdin?: string) => {
      const r = await runCli(argv, { home, ...(stdin === undefined ? {} : { stdin }) });
      runs.push(r);
      return r;
    };
    const add = await go([...kustom(), 'keys', 'add', '--store', 'se-shop', '--stdin', '--json'], `${CANARY}\n`);
    expect(add.exitCode).toBe(0);
    expect(add.json()).toMatchObject({ store: 'se-shop', environment: 'test' });

    const verify = await go([...kustom(), 'keys', 'verify', '--store', 'se-shop', '--json']);
    expect(verify.exitCode).toBe(0);
    expect(verify.json()).toMatchObject({ ok: true, backend: 'kustom', store: 'se-shop', environment: 'test' });
    // One harmless authenticated call, with form A of the header.
    expect(fake.requests.map((q) => `${q.method} ${q.path} ${q.authKind}`)).toEqual(['GET /settlements/v1/payouts api_key']);

    const status = await go([...kustom(), 'auth', 'status', '--json']);
    expect(status.exitCode).toBe(0);
    expect(status.json()).toMatchObject({ source: 'profile', environment: 'test', store: 'se-shop' });
    expectNoLeak(home, runs);
  });

  it('keys verify with a key the provider refuses exits 4 and says so, without the key', async () => {
    const home = tempHome();
    const r = await runCli([...kustom(), 'keys', 'verify', '--json'], { home, env: { MERCHANT_API_KEY: OTHER } });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).not.toContain(OTHER);
    expect(fake.requests[0]?.authKind).toBe('invalid');
  });

  it('auth status reports MERCHANT_API_KEY shadowing the stored key', async () => {
    const home = tempHome();
    expect((await runCli([...kustom(), 'keys', 'add', '--store', 'se-shop', '--stdin'], { home, stdin: CANARY })).exitCode).toBe(0);
    const r = await runCli([...kustom(), 'auth', 'status', '--json'], { home, env: { MERCHANT_API_KEY: OTHER } });
    expect(r.exitCode).toBe(0);
    expect(r.json()).toMatchObject({ source: 'env' });
    expect(r.json<{ warnings: string[] }>().warnings.join(' ')).toMatch(/shadow|overrid/i);
    expect(r.stderr).toBe('');
    expect(r.stdout + r.stderr).not.toContain('CANARY');
  });
});

describe('developer log and --debug with --backend kustom', () => {
  it('logs every HTTP exchange of a capture with its idempotency key, and no key anywhere', async () => {
    const home = tempHome();
    const env = { MERCHANT_API_KEY: CANARY };
    const runs: CliResult[] = [];
    runs.push(await runCli([...kustom(), 'stores', 'add', '--id', 'se-shop', '--name', 'Shop', '--country', 'SE', '--terms-url', 'https://s.example/terms'], { home, env }));
    const id = fake.seedOrder({ order_amount: 10_000 });
    const capture = await runCli([...kustom(), 'orders', 'capture', id, '--amount', '40.00', '--yes', '--json'], { home, env });
    runs.push(capture);
    expect(capture.exitCode).toBe(0);
    // Kustom sends a correlation id with errors: a 404 lands in the log with it.
    const missing = await runCli([...kustom(), 'orders', 'show', MISSING], { home, env });
    runs.push(missing);
    expect(missing.exitCode).toBe(3);
    const logs = await runCli(['logs', '--json'], { home });
    runs.push(logs);
    expect(logs.exitCode).toBe(0);
    type Entry = { kind: string; method: string | null; path: string | null; status: number | null; idempotency_key: string | null; correlation_id: string | null; duration_ms: number; order_id: string | null; request: unknown };
    const entries = logs.json<Entry[]>();
    const posts = entries.filter((e) => e.kind === 'http' && e.method === 'POST' && e.path === `/ordermanagement/v1/orders/${id}/captures`);
    expect(posts).toHaveLength(1);
    const sent = fake.requests.find((q) => q.method === 'POST' && q.path.endsWith('/captures'));
    expect(posts[0]).toMatchObject({ status: 201, order_id: id, idempotency_key: sent?.idempotencyKey, request: { captured_amount: 4_000 } });
    expect(posts[0]?.idempotency_key).toBeTruthy();
    expect(posts[0]?.duration_ms).toBeGreaterThanOrEqual(0);
    // The GET before it is logged too, and the backend call that wraps both.
    expect(entries.some((e) => e.kind === 'http' && e.method === 'GET' && e.path === `/ordermanagement/v1/orders/${id}`)).toBe(true);
    expect(entries.some((e) => e.kind === 'call')).toBe(true);
    // An order read is logged once, by its HTTP row with the body; a read that failed keeps its call row.
    const calls = (operation: string, order: string) => entries.filter((e) => e.kind === 'call' && (e as { operation?: string }).operation === operation && e.order_id === order);
    expect(calls('orders.get', id)).toEqual([]);
    expect(calls('orders.capture', id)).toHaveLength(1);
    const wire = entries.find((e) => e.kind === 'http' && e.method === 'GET' && e.path === `/ordermanagement/v1/orders/${id}`) as { response?: unknown } | undefined;
    expect(wire?.response).toMatchObject({ order_id: id });
    expect(calls('orders.get', MISSING)).toHaveLength(1);
    const notFound = entries.find((e) => e.kind === 'http' && e.path === `/ordermanagement/v1/orders/${MISSING}`);
    expect(notFound).toMatchObject({ status: 404, correlation_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(logs.stdout).not.toMatch(/authorization/i);
    expectNoLeak(home, runs);
  });

  it('--debug prints the request line on stderr, redacted', async () => {
    const home = tempHome();
    const env = { MERCHANT_API_KEY: CANARY };
    await runCli([...kustom(), 'stores', 'add', '--id', 'se-shop', '--name', 'Shop', '--country', 'SE', '--terms-url', 'https://s.example/terms'], { home, env });
    const id = fake.seedOrder({ order_amount: 10_000 });
    const r = await runCli([...kustom(), '--debug', 'orders', 'capture', id, '--yes'], { home, env });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`POST /ordermanagement/v1/orders/${id}/captures`);
    expect(r.stderr).toContain('idempotency_key=');
    expectNoLeak(home, [r]);
  });
});
