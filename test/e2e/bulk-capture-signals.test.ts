/**
 * SIGINT and SIGTERM stop a bulk capture of the built binary cleanly, on both backends: no new rows are
 * started, the requests in flight finish (or, past the wait, are reported unknown), the results file and
 * the summary are written, the exit code is 130/143, and running the same command again captures the
 * rest — every order exactly once. A second signal ends the run at once. Needs `npm run build` first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { capturesPerOrder, seedOrders } from '../helpers/orders.js';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { assertBuilt, spawnCli, startCli, waitUntil } from '../helpers/spawn-cli.js';
import { startFakeKustom, type FakeKustom } from '../helpers/fake-kustom/index.js';

beforeAll(() => assertBuilt());

const SIGNALS = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const;

function sandboxCaptures(home: string): number {
  try {
    const db = new Database(join(home, 'data', 'sandbox.db'), { readonly: true, timeout: 5000 });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM captures').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

interface NdjsonRow {
  row: number;
  status: string;
}

const lastJsonLine = (stderr: string): unknown => JSON.parse(stderr.trim().split('\n').at(-1) ?? '');
const rowsOf = (stdout: string): NdjsonRow[] => stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as NdjsonRow);

describe('bulk capture stopped by a signal (sandbox)', () => {
  it.each(SIGNALS)('%s: stops starting rows, writes results and summary, exits %i; the re-run captures the rest once', { timeout: 60_000 }, async (signal, code) => {
    const home = tempHome('merchant-signal-');
    const ids = await seedOrders(home, 3000);
    const results = join(home, 'results.csv');
    const args = ['orders', 'capture', '-', '--yes', '--json', '--results', results];
    const env = { NO_COLOR: '1' };
    const run = startCli(args, { home, env, input: ids.join('\n') });
    await waitUntil(() => sandboxCaptures(home) >= 200 || run.child.exitCode !== null, 'the first captures');
    run.child.kill(signal);
    const stopped = await run.done;

    expect(stopped.exitCode, stopped.stderr.slice(-2000)).toBe(code);
    expect(stopped.signal).toBeNull();
    const captured = sandboxCaptures(home);
    expect(captured).toBeLessThan(ids.length);
    // Every row is reported (stdout and --results), and what it says matches the provider.
    const rows = rowsOf(stopped.stdout);
    expect(rows).toHaveLength(ids.length);
    expect(rows.filter((r) => r.status === 'captured')).toHaveLength(captured);
    expect(readFileSync(results, 'utf8').trim().split('\n')).toHaveLength(ids.length + 1);
    // Under --json stderr ends with the one JSON error document (the human summary is left out).
    expect(stopped.stderr).not.toMatch(/Run \S+: \d+ row\(s\): captured \d+/);
    expect(lastJsonLine(stopped.stderr)).toMatchObject({ error: { kind: 'cancelled', exit_code: code, message: expect.stringContaining(`Interrupted (${signal})`) } });

    const rerun = await spawnCli(args, { home, env, input: ids.join('\n') });
    expect(rerun.exitCode, rerun.stderr.slice(-2000)).toBe(0);
    const counts = capturesPerOrder(home);
    expect(ids.filter((id) => counts.get(id) !== 1)).toEqual([]);
    expect(counts.size).toBe(ids.length);
  });
});

describe('bulk capture stopped by a signal (kustom)', () => {
  const KEY = 'kco_test_api_FAKEnotAREALsignal000';
  let fake: FakeKustom | undefined;
  afterEach(async () => {
    await fake?.close();
    expect(fake?.violations).toEqual([]);
    fake = undefined;
  });

  /** A home set up for the fake, its seeded orders, and the env that points the binary at it. */
  async function kustomRun(count: number): Promise<{ f: FakeKustom; home: string; ids: string[]; env: Record<string, string> }> {
    fake = await startFakeKustom({ apiKey: KEY });
    const f = fake;
    const home = tempHome('merchant-signal-k-');
    const env = { NO_COLOR: '1', MERCHANT_BACKEND: 'kustom', MERCHANT_BASE_URL: f.url, MERCHANT_API_KEY: KEY };
    const add = await runCli(['stores', 'add', '--id', 'se-shop', '--name', 'S', '--country', 'SE', '--terms-url', 'https://s.example/terms', '--default'], { home, env });
    expect(add.exitCode, add.stderr).toBe(0);
    const ids = Array.from({ length: count }, () => f.seedOrder({ order_amount: 10_000 }));
    return { f, home, ids, env };
  }

  const capturePosts = (f: FakeKustom): number => f.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/captures')).length;
  const capturesAt = (f: FakeKustom, ids: readonly string[]): number[] => ids.map((id) => f.state.orders.get(id)!.captures.length);

  it.each(SIGNALS)('%s: in-flight requests finish, exit %i; the re-run captures the rest once', { timeout: 60_000 }, async (signal, code) => {
    const { f, home, ids, env } = await kustomRun(300);
    f.configure({ latencyMs: 20 });
    const args = ['orders', 'capture', '-', '--yes', '--json', '--concurrency', '4'];
    const run = startCli(args, { home, env, input: ids.join('\n') });
    await waitUntil(() => capturePosts(f) >= 20 || run.child.exitCode !== null, 'the first capture requests');
    run.child.kill(signal);
    const stopped = await run.done;

    expect(stopped.exitCode, stopped.stderr.slice(-2000)).toBe(code);
    const done = capturesAt(f, ids);
    expect(done.filter((n) => n === 1).length).toBeLessThan(ids.length);
    // The requests in flight finished and were recorded: what the run reports is what the provider did.
    const rows = rowsOf(stopped.stdout);
    expect(rows.filter((r) => r.status === 'captured')).toHaveLength(done.filter((n) => n === 1).length);
    expect(rows.filter((r) => r.status === 'unknown')).toEqual([]);
    expect(lastJsonLine(stopped.stderr)).toMatchObject({ error: { kind: 'cancelled', exit_code: code, details: { run_id: expect.any(String) } } });

    f.configure({ latencyMs: 0 });
    const rerun = await spawnCli(args, { home, env, input: ids.join('\n') });
    expect(rerun.exitCode, rerun.stderr.slice(-2000)).toBe(0);
    expect(capturesAt(f, ids).filter((n) => n !== 1)).toEqual([]);
  });

  it('requests still in flight after the wait are reported unknown; the re-run reconciles them without capturing twice', { timeout: 60_000 }, async () => {
    const { f, home, ids, env } = await kustomRun(12);
    const plan = join(home, 'plan.json');
    expect((await spawnCli(['orders', 'capture', '-', '--plan-out', plan], { home, env, input: ids.join('\n') })).exitCode).toBe(0);
    // Captures now take longer than the run is willing to wait once stopped.
    f.configure({ latencyMs: 1500 });
    const args = ['orders', 'capture', '--apply', plan, '--yes', '--json', '--concurrency', '4'];
    const run = startCli(args, { home, env: { ...env, MERCHANT_STOP_WAIT_MS: '100' } });
    await waitUntil(() => capturePosts(f) >= 4, 'four capture requests in flight');
    run.child.kill('SIGINT');
    const stopped = await run.done;

    expect(stopped.exitCode, stopped.stderr.slice(-2000)).toBe(130);
    const rows = rowsOf(stopped.stdout);
    expect(rows).toHaveLength(ids.length);
    expect(rows.filter((r) => r.status === 'unknown').length).toBeGreaterThanOrEqual(1);
    expect(rows.filter((r) => r.status === 'captured')).toEqual([]);

    // The abandoned requests still reach the provider; the re-run finds those captures instead of re-sending.
    await waitUntil(() => capturesAt(f, ids).reduce((a, b) => a + b, 0) >= 4, 'the abandoned captures to land');
    f.configure({ latencyMs: 0 });
    const rerun = await spawnCli(args, { home, env });
    expect(rerun.exitCode, rerun.stderr.slice(-2000)).toBe(0);
    expect(capturesAt(f, ids).filter((n) => n !== 1)).toEqual([]);
  });

  it('a second signal ends the run at once, before the summary; the re-run captures every order once', { timeout: 60_000 }, async () => {
    const { f, home, ids, env } = await kustomRun(40);
    const plan = join(home, 'plan.json');
    expect((await spawnCli(['orders', 'capture', '-', '--plan-out', plan], { home, env, input: ids.join('\n') })).exitCode).toBe(0);
    f.configure({ latencyMs: 3000 });
    const args = ['orders', 'capture', '--apply', plan, '--yes', '--json', '--concurrency', '4'];
    const run = startCli(args, { home, env });
    await waitUntil(() => capturePosts(f) >= 4, 'four capture requests in flight');
    run.child.kill('SIGTERM');
    await waitUntil(() => run.stderr().includes('SIGTERM: stopping'), 'the first signal to be handled');
    run.child.kill('SIGINT');
    const stopped = await run.done;

    expect(stopped.exitCode).toBe(130);
    expect(stopped.stdout).toBe('');
    expect(stopped.stderr).not.toMatch(/Run \S+: \d+ row\(s\): captured/);

    f.configure({ latencyMs: 0 });
    await waitUntil(() => capturesAt(f, ids).reduce((a, b) => a + b, 0) >= 4, 'the abandoned captures to land');
    const rerun = await spawnCli(args, { home, env });
    expect(rerun.exitCode, rerun.stderr.slice(-2000)).toBe(0);
    expect(capturesAt(f, ids).filter((n) => n !== 1)).toEqual([]);
  });
});
