/**
 * Bulk capture against a rate-limited Kustom: the fake allows 50 requests a second (fixed window) and answers
 * 429 with X-Ratelimit-* headers beyond that. 200 orders at concurrency 16 must all be captured once, with
 * no failed row: the HTTP client pauses every request of the run until the window resets, and retries a 429.
 */
import { describe, expect, it } from 'vitest';
import type { FakeKustom } from '../helpers/fake-kustom/index.js';
import { fakeKustomEachTest } from '../helpers/fake-kustom-each-test.js';
import { runCli, tempHome } from '../helpers/run-cli.js';

const KEY = 'kco_test_api_FAKEnotAREALCANARYcanary0';
const LIMIT = 50;

let fake: FakeKustom | undefined;
const fakes = fakeKustomEachTest();

describe('bulk capture under a provider rate limit', () => {
  it('captures 200 orders at concurrency 16 with 50 req/s allowed: no failed row, each captured once', { timeout: 120_000 }, async () => {
    fake = await fakes.start({ apiKey: KEY, rateLimitPerSecond: LIMIT });
    const f = fake;
    const home = tempHome();
    const cli = (argv: string[], stdin?: string) =>
      runCli(['--backend', 'kustom', '--base-url', f.url, ...argv], { home, env: { MERCHANT_API_KEY: KEY }, ...(stdin === undefined ? {} : { stdin }) });
    expect((await cli(['stores', 'add', '--id', 'se-shop', '--name', 'S', '--country', 'SE', '--terms-url', 'https://s.example/terms'])).exitCode).toBe(0);
    const ids = Array.from({ length: 200 }, () => f.seedOrder({ order_amount: 10_000 }));
    f.requests.length = 0;

    const r = await cli(['orders', 'capture', '-', '--concurrency', '16', '--yes', '--json'], `${ids.join('\n')}\n`);
    expect(r.exitCode, r.stderr.slice(0, 2000)).toBe(0);
    // --json on a bulk run is one JSON object per row (NDJSON).
    const results = r.stdout.trim().split('\n').map((line) => JSON.parse(line) as { status: string; attempts: number });
    expect(results).toHaveLength(200);
    expect(results.filter((x) => x.status !== 'captured')).toEqual([]);
    for (const id of ids) expect(f.state.orders.get(id)!.captures, id).toHaveLength(1);

    const limited = f.requests.filter((q) => q.status === 429);
    const served = f.requests.filter((q) => q.status !== 429);
    // Never more than the limit served in a window: the client paced itself (unthrottled, 16 workers on a
    // local fake go far faster than 50 a second).
    const perWindow = new Map<number, number>();
    for (const q of served) perWindow.set(Math.floor(q.at / 1000), (perWindow.get(Math.floor(q.at / 1000)) ?? 0) + 1);
    expect(Math.max(...perWindow.values())).toBeLessThanOrEqual(LIMIT);
    // Pausing when the window's remainder is spoken for by the requests in flight keeps 429s rare.
    expect(limited.length).toBeLessThanOrEqual(served.length * 0.05);
    const seconds = (Math.max(...served.map((q) => q.at)) - Math.min(...served.map((q) => q.at))) / 1000;
    process.stderr.write(`rate-limit: ${served.length} served, ${limited.length} × 429, ${seconds.toFixed(1)} s, ${(served.length / seconds).toFixed(1)} req/s\n`);
  });
});
