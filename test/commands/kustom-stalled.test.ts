/**
 * A Kustom that accepts connections and never answers, in front of the fake (a test server on 127.0.0.1):
 * a read gives up after the stated attempts with the timeout `MERCHANT_HTTP_TIMEOUT_MS` sets, and a capture
 * whose request stalls is an unknown outcome (exit 6) with its intent recorded, reconciled by the next run
 * and sent once. Outcomes and request counts only; the timeout is tiny and nothing is timed.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKustomBackend } from '../../src/backends/kustom/kustom-backend.js';
import type { FakeKustom } from '../helpers/fake-kustom/index.js';
import { fakeKustomEachTest } from '../helpers/fake-kustom-each-test.js';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { startStallingServer, type StallingServer } from '../helpers/stalling-server.js';

const KEY = 'kco_test_api_FAKEnotAREALstalledKustom00';
let fake: FakeKustom | undefined;
let stalling: StallingServer | undefined;
const fakes = fakeKustomEachTest();
afterEach(async () => {
  await stalling?.close();
  stalling = undefined;
});

async function setup(stall: (method: string, path: string) => boolean) {
  fake = await fakes.start({ apiKey: KEY });
  const f = fake;
  let stalls = false;
  stalling = await startStallingServer({ forward: f.url, stall: (method, path) => stalls && stall(method, path) });
  const s = stalling;
  const home = tempHome();
  const cli = (argv: string[], env: Record<string, string> = {}) =>
    runCli(['--backend', 'kustom', '--base-url', s.url, ...argv], {
      home,
      env: { MERCHANT_API_KEY: KEY, MERCHANT_HTTP_TIMEOUT_MS: '30', ...env },
      overrides: { backendFactory: (deps) => createKustomBackend(deps, { sleep: async () => undefined }) },
    });
  expect((await cli(['stores', 'add', '--id', 'se-shop', '--name', 'S', '--country', 'SE', '--terms-url', 'https://s.example/terms'])).exitCode).toBe(0);
  return { f, s, cli, home, stallFromNow: () => void (stalls = true), answerAgain: () => void (stalls = false) };
}

describe('a stalled Kustom', () => {
  it('a lookup read gives up after 4 attempts (each at the stated timeout) with exit 1 naming the budget', async () => {
    const { f, s, cli, stallFromNow } = await setup(() => true);
    const id = f.seedOrder({ order_amount: 10_000 });
    stallFromNow();
    const r = await cli(['lookup', id]);
    expect(r.exitCode, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/Could not reach Kustom for orders\.get after 4 attempt\(s\) \(budget: 4 attempts within 30 s\).*Timeout/);
    expect(s.stalled.map((q) => `${q.method} ${q.path}`)).toEqual(Array(4).fill(`GET /ordermanagement/v1/orders/${id}`));
  });

  it('a capture whose request stalls: exit 6 with its intent kept; the next run reconciles and captures once', async () => {
    const { f, s, cli, home, stallFromNow, answerAgain } = await setup((method, path) => method === 'POST' && path.endsWith('/captures'));
    const id = f.seedOrder({ order_amount: 10_000 });
    stallFromNow();
    const r = await cli(['orders', 'capture', id, '--yes']);
    expect(r.exitCode, r.stderr).toBe(6);
    const keys = s.stalled.map((q) => q.headers['klarna-idempotency-key']);
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(1);
    expect(readdirSync(join(home, 'data', 'pending-captures'))).toHaveLength(1);
    expect(f.state.orders.get(id)!.captures).toHaveLength(0);

    answerAgain();
    const again = await cli(['orders', 'capture', id, '--yes', '--json']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(f.state.orders.get(id)!.captures).toHaveLength(1);
    const sent = f.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/captures'));
    expect(sent.map((q) => q.headers['klarna-idempotency-key'])).toEqual([keys[0]]);
    const dir = join(home, 'data', 'pending-captures');
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it('a MERCHANT_HTTP_TIMEOUT_MS that is no whole number of ms is refused (exit 2) naming it, before any request', async () => {
    const { f, cli } = await setup(() => false);
    f.requests.length = 0;
    const r = await cli(['orders', 'list'], { MERCHANT_HTTP_TIMEOUT_MS: '10s' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/MERCHANT_HTTP_TIMEOUT_MS.*whole number of milliseconds/);
    expect(f.requests).toEqual([]);
  });
});
