/**
 * A single `orders capture` / `orders refund` (built binary, fake Kustom) killed with SIGKILL at several
 * points — while its intent is being written, right after, with its request in flight at the provider, and while its
 * transport retries a write that was committed but never answered — then run again: the order ends with
 * exactly one capture (refund), and the re-run exits 0 naming it (made now, or already made). With and
 * without a reference. Needs `npm run build` first.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { assertBuilt, spawnCli, startCli, waitUntil } from '../helpers/spawn-cli.js';
import { type FakeKustom, type FakeKustomOptions } from '../helpers/fake-kustom/index.js';
import { fakeKustomEachTest } from '../helpers/fake-kustom-each-test.js';

beforeAll(() => assertBuilt());

const KEY = 'kco_test_api_FAKEnotAREALsingle000';
let fake: FakeKustom | undefined;
const fakes = fakeKustomEachTest();

type Op = 'capture' | 'refund';
interface KillPoint {
  name: string;
  /** Provider behaviour while the first run is alive. */
  config: Pick<FakeKustomOptions, 'latencyMs' | 'faults'>;
  /** When to kill it. */
  reached(ctx: { f: FakeKustom; home: string; op: Op; id: string }): boolean;
}

const folder = (home: string, op: Op): string => join(home, 'data', op === 'capture' ? 'pending-captures' : 'pending-refunds');
const pending = (home: string, op: Op): string[] => (existsSync(folder(home, op)) ? readdirSync(folder(home, op)) : []);
const writes = (f: FakeKustom, op: Op, id: string): number => f.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/orders/${id}/${op === 'capture' ? 'captures' : 'refunds'}`)).length;
const made = (f: FakeKustom, op: Op, id: string): { capture_id?: string; refund_id?: string }[] =>
  (op === 'capture' ? f.state.orders.get(id)!.captures : f.state.orders.get(id)!.refunds);

// How long the provider holds each write while the first run is alive: the window in which the test must
// see the kill point and kill, which a loaded machine can stall for a few hundred milliseconds.
const SLOW_MS = 1500;

const POINTS: KillPoint[] = [
  // The first file to appear may still be the temporary one: the kill can land before its rename.
  { name: 'while its intent is being written', config: { latencyMs: SLOW_MS }, reached: ({ home, op }) => pending(home, op).length > 0 },
  { name: 'right after the intent is written', config: { latencyMs: SLOW_MS }, reached: ({ home, op }) => pending(home, op).some((n) => n.endsWith('.json')) },
  { name: 'with the request in flight at the provider', config: { latencyMs: SLOW_MS }, reached: ({ f, op, id }) => writes(f, op, id) > 0 },
  {
    name: 'while retrying a write committed but never answered',
    config: { latencyMs: 0, faults: { timeoutAfterCommitRate: 1, dropReplays: true } },
    reached: ({ f, op, id }) => made(f, op, id).length > 0 && writes(f, op, id) >= 2,
  },
];

describe.each<[Op, string[]]>([
  ['capture', ['--reference', 'SHIP-9']],
  ['capture', []],
  ['refund', ['--reference', 'RMA-9']],
  ['refund', []],
])('orders %s %j killed with SIGKILL, then run again', (op, flags) => {
  it.each(POINTS)(`$name: one ${op}, the re-run exits 0 naming it`, { timeout: 60_000 }, async (point) => {
    fake = await fakes.start({ apiKey: KEY });
    const f = fake;
    const home = tempHome('merchant-kill-single-');
    const env = { NO_COLOR: '1', MERCHANT_BACKEND: 'kustom', MERCHANT_BASE_URL: f.url, MERCHANT_API_KEY: KEY };
    expect((await runCli(['stores', 'add', '--id', 'se-shop', '--name', 'S', '--country', 'SE', '--terms-url', 'https://s.example/terms', '--default'], { home, env })).exitCode).toBe(0);
    const id = f.seedOrder({ order_amount: 10_000 });
    if (op === 'refund') expect((await runCli(['orders', 'capture', id, '--yes'], { home, env })).exitCode).toBe(0);
    const argv = ['orders', op, id, '--amount', '30', ...flags, '--yes', '--json'];

    f.configure(point.config);
    const run = startCli(argv, { home, env });
    await waitUntil(() => point.reached({ f, home, op, id }) || run.child.exitCode !== null, point.name);
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal, killed.stderr.slice(-1000)).toBe('SIGKILL');

    f.configure({ latencyMs: 0, faults: {} });
    const again = await spawnCli(argv, { home, env });
    expect(again.exitCode, again.stderr.slice(-2000)).toBe(0);
    const result = JSON.parse(again.stdout) as { status: string; capture_id?: string; refund_id?: string };
    expect(['captured', 'already_captured', 'refunded', 'already_refunded']).toContain(result.status);
    // The killed request may still be waiting out its latency at the provider: let it act (a dropped
    // connection is recorded as status 0 at once, so only the slowed points wait here).
    if ((point.config.latencyMs ?? 0) > 0) {
      const orderWrites = () => f.requests.filter((r) => r.method === 'POST' && r.path.includes(`/orders/${id}/`));
      await waitUntil(() => orderWrites().every((r) => r.status !== 0), 'the provider to act on every write');
    }
    const all = made(f, op, id);
    expect(all).toHaveLength(1);
    expect(result[`${op}_id`]).toBe(all[0]?.[`${op}_id`]);
    expect(pending(home, op), 'no record (nor a temporary one) is left').toEqual([]);

    // Once more: with a reference it is the same shipment/return (already made, exit 0); without one it is
    // refused as ambiguous (exit 1, naming --another). Either way nothing more is made.
    const third = await spawnCli(argv, { home, env });
    if (flags.length > 0) {
      expect(third.exitCode, third.stderr).toBe(0);
      expect((JSON.parse(third.stdout) as { status: string }).status).toMatch(/^already_/);
    } else {
      expect(third.exitCode, third.stderr).toBe(1);
      expect(third.stderr).toMatch(/--another/);
    }
    expect(made(f, op, id)).toHaveLength(1);
  });
});
