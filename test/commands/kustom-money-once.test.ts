/**
 * Single capture and refund on the kustom backend under each class of fault: the write committed and the
 * connection closed (once, or on every try), reads failing after the commit, 503, 429 with Retry-After,
 * a rejected key. Whatever happens, money moves once: an unconfirmed write is exit 6 with its intent
 * recorded, a re-run reconciles, and the request count is the budget (4), never more.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKustomBackend } from '../../src/backends/kustom/kustom-backend.js';
import { type FakeFaults, type FakeKustom } from '../helpers/fake-kustom/index.js';
import { fakeKustomEachTest } from '../helpers/fake-kustom-each-test.js';
import { runCli, tempHome } from '../helpers/run-cli.js';

const KEY = 'kco_test_api_FAKEnotAREALCANARYcanary0';
type Op = 'capture' | 'refund';

let fake: FakeKustom | undefined;
const fakes = fakeKustomEachTest({ checkViolations: false });

/** The CLI against the fake; waits between attempts are recorded, not slept. */
async function setup(): Promise<{ f: FakeKustom; cli: (argv: string[]) => ReturnType<typeof runCli>; waits: number[]; home: string }> {
  fake = await fakes.start({ apiKey: KEY });
  const f = fake;
  const home = tempHome();
  const waits: number[] = [];
  const cli = (argv: string[]) =>
    runCli(['--backend', 'kustom', '--base-url', f.url, ...argv], {
      home,
      env: { MERCHANT_API_KEY: KEY },
      overrides: { backendFactory: (deps) => createKustomBackend(deps, { sleep: async (ms) => void waits.push(ms) }) },
    });
  expect((await cli(['stores', 'add', '--id', 'se-shop', '--name', 'S', '--country', 'SE', '--terms-url', 'https://s.example/terms'])).exitCode).toBe(0);
  return { f, cli, waits, home };
}

/** An order of 100.00 SEK, fully captured first when the operation is a refund. */
async function orderFor(op: Op, f: FakeKustom, cli: (argv: string[]) => ReturnType<typeof runCli>): Promise<string> {
  const id = f.seedOrder({ order_amount: 10_000 });
  if (op === 'refund') expect((await cli(['orders', 'capture', id, '--yes'])).exitCode).toBe(0);
  f.requests.length = 0;
  return id;
}

const made = (f: FakeKustom, op: Op, id: string): unknown[] => (op === 'capture' ? f.state.orders.get(id)!.captures : f.state.orders.get(id)!.refunds);
const writes = (f: FakeKustom, op: Op): number => f.requests.filter((r) => r.method === 'POST' && r.path.endsWith(op === 'capture' ? '/captures' : '/refunds')).length;
const pendingFiles = (home: string, op: Op): string[] => {
  const dir = join(home, 'data', op === 'capture' ? 'pending-captures' : 'pending-refunds');
  return existsSync(dir) ? readdirSync(dir) : [];
};
const isWrite = (r: { method: string; path: string }): boolean => r.method === 'POST';

/** Reads answer 500 once a write has arrived (the provider breaks right after committing). */
function readsFailAfterWrite(): FakeFaults['answer'] {
  let broken = false;
  return (r) => {
    if (isWrite(r)) broken = true;
    return broken && r.method === 'GET' ? { status: 500 } : undefined;
  };
}

describe.each<Op>(['capture', 'refund'])('kustom: a single %s moves money once under every fault', (op) => {
  const argv = (id: string, ...more: string[]) => ['orders', op, id, '--amount', '50', '--yes', ...more];

  it('committed, connection closed on every try, reads failing: exit 6 with the intent recorded; the re-run reports the first one', async () => {
    const { f, cli, home } = await setup();
    const id = await orderFor(op, f, cli);
    f.configure({ faults: { timeoutAfterCommitRate: 1, dropReplays: true, answer: readsFailAfterWrite() } });
    const first = await cli(argv(id));
    expect(first.exitCode, first.stderr).toBe(6);
    expect(first.stderr).toMatch(/outcome is unknown/);
    expect(first.stderr).toMatch(/after 4 attempt\(s\)/);
    expect(writes(f, op)).toBe(4);
    expect(made(f, op, id)).toHaveLength(1);
    expect(pendingFiles(home, op)).toHaveLength(1);

    f.configure({ faults: {} });
    const again = await cli([...argv(id), '--json']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.json<{ status: string }>().status).toMatch(/^already_(captured|refunded)$/);
    expect(again.stderr).toBe('');
    const id0 = (made(f, op, id)[0] as { capture_id?: string; refund_id?: string });
    expect(again.json<Record<string, string>>()[`${op}_id`]).toBe(id0.capture_id ?? id0.refund_id);
    expect(made(f, op, id)).toHaveLength(1);
    expect(pendingFiles(home, op)).toEqual([]);
    // The same command once more is refused as a repeat, naming the ways to ask for a second one.
    const third = await cli(argv(id));
    expect(third.exitCode).toBe(1);
    expect(third.stderr).toMatch(/--another/);
    expect(made(f, op, id)).toHaveLength(1);
  });

  it('committed, connection closed once, then reads failing: confirmed by the replay, exit 0 with a warning', async () => {
    const { f, cli, home } = await setup();
    const id = await orderFor(op, f, cli);
    f.configure({ faults: { timeoutAfterCommitRate: 1, answer: readsFailAfterWrite() } });
    const r = await cli(argv(id));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/confirmed by Kustom, but reading it back failed/);
    expect(writes(f, op)).toBe(2);
    expect(made(f, op, id)).toHaveLength(1);
    expect(pendingFiles(home, op)).toEqual([]);
  });

  it('committed, connection closed on every try, reads healthy: the order is re-read and shows it, exit 0', async () => {
    const { f, cli } = await setup();
    const id = await orderFor(op, f, cli);
    f.configure({ faults: { timeoutAfterCommitRate: 1, dropReplays: true } });
    const r = await cli(argv(id));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(made(f, op, id)).toHaveLength(1);
  });

  it('503 on every write: exactly 4 POSTs, exit 1 naming 4 attempts, nothing made, no record left', async () => {
    const { f, cli, home } = await setup();
    const id = await orderFor(op, f, cli);
    f.configure({ faults: { answer: (r) => (isWrite(r) ? { status: 503 } : undefined) } });
    const r = await cli(argv(id));
    expect(r.exitCode, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/after 4 attempt\(s\) \(budget: 4 attempts within 30 s\)/);
    expect(writes(f, op)).toBe(4);
    expect(made(f, op, id)).toHaveLength(0);
    expect(pendingFiles(home, op)).toEqual([]);
  });

  it('429 with Retry-After on the first write: waited for, then made once', async () => {
    const { f, cli, waits } = await setup();
    const id = await orderFor(op, f, cli);
    let limited = false;
    f.configure({ faults: { answer: (r) => (isWrite(r) && !limited ? ((limited = true), { status: 429, headers: { 'retry-after': '3' } }) : undefined) } });
    const r = await cli(argv(id));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(writes(f, op)).toBe(2);
    expect(made(f, op, id)).toHaveLength(1);
    // The pause runs to the instant Retry-After names, counted from the answer: the recorded wait is
    // 3 s less the few milliseconds already spent since, far above the 250 ms the backoff alone would wait.
    expect(Math.max(...waits)).toBeGreaterThan(2_000);
  });

  it('401 on the write: exit 4 at once, nothing made, no record left', async () => {
    const { f, cli, home } = await setup();
    const id = await orderFor(op, f, cli);
    f.configure({ faults: { answer: (r) => (isWrite(r) ? { status: 401 } : undefined) } });
    const r = await cli(argv(id));
    expect(r.exitCode, r.stderr).toBe(4);
    expect(writes(f, op)).toBe(1);
    expect(made(f, op, id)).toHaveLength(0);
    expect(pendingFiles(home, op)).toEqual([]);
  });
});

describe('kustom: requests under a provider that answers 503 to everything', () => {
  it('orders show sends 4 GETs; orders capture sends 4 GETs and no POST; both say 4 attempts', async () => {
    const { f, cli } = await setup();
    const id = f.seedOrder({ order_amount: 10_000 });
    f.requests.length = 0;
    f.configure({ faults: { answer: () => ({ status: 503 }) } });
    const show = await cli(['orders', 'show', id]);
    expect(show.exitCode).toBe(1);
    expect(show.stderr).toMatch(/after 4 attempt\(s\)/);
    expect(f.requests.filter((r) => r.method === 'GET')).toHaveLength(4);
    f.requests.length = 0;
    const capture = await cli(['orders', 'capture', id, '--yes']);
    expect(capture.exitCode).toBe(1);
    expect(f.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET', 'GET']);
  });

  it('bulk capture of 6 orders sends exactly 6×4 GETs while planning and no POST, and says why nothing was captured', async () => {
    const { f, cli } = await setup();
    const ids = Array.from({ length: 6 }, () => f.seedOrder({ order_amount: 10_000 }));
    f.requests.length = 0;
    f.configure({ faults: { answer: () => ({ status: 503 }) } });
    const r = await cli(['orders', 'capture', ...ids, '--yes', '--json', '--concurrency', '3']);
    expect(r.exitCode, r.stderr).toBe(5);
    const gets = f.requests.filter((q) => q.method === 'GET');
    expect(gets).toHaveLength(ids.length * 4);
    for (const id of ids) expect(gets.filter((q) => q.path.endsWith(`/orders/${id}`))).toHaveLength(4);
    expect(f.requests.filter((q) => q.method !== 'GET')).toEqual([]);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { status: string; reason: string });
    expect(rows.map((x) => x.status)).toEqual(Array(6).fill('failed'));
    expect(rows.every((x) => /after 4 attempt\(s\) \(budget: 4 attempts within 30 s\)/.test(x.reason))).toBe(true);
    // Under --json stderr is the one error document: the failed rows named, nothing else.
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { kind: 'partial_failure', exit_code: 5, details: { failed_rows: [1, 2, 3, 4, 5, 6], unknown_rows: [] } } });
    for (const id of ids) expect(f.state.orders.get(id)!.captures).toEqual([]);
  });

  it('--debug and the developer log show each attempt against the budget', async () => {
    const { f, cli } = await setup();
    const id = f.seedOrder({ order_amount: 10_000 });
    f.configure({ faults: { answer: () => ({ status: 503 }) } });
    const show = await cli(['--debug', 'orders', 'show', id]);
    expect(show.stderr).toMatch(/attempt="1 of 4 attempts within 30 s"/);
    expect(show.stderr).toMatch(/attempt="4 of 4 attempts within 30 s"/);
    f.configure({ faults: {} });
    const logs = await cli(['logs', '--order', id, '--json']);
    const attempts = logs.json<{ attempt?: string | null }[]>().map((e) => e.attempt).filter(Boolean);
    expect(attempts).toEqual(['1 of 4 attempts within 30 s', '2 of 4 attempts within 30 s', '3 of 4 attempts within 30 s', '4 of 4 attempts within 30 s']);
  });
});

describe('kustom: the full-amount capture of the issue', () => {
  it('committed, closed, reads failing: the capture is reported as made (not failed), once', async () => {
    const { f, cli } = await setup();
    const id = f.seedOrder({ order_amount: 10_000 });
    f.configure({ faults: { timeoutAfterCommitRate: 1, answer: readsFailAfterWrite() } });
    const r = await cli(['orders', 'capture', id, '--yes']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(f.state.orders.get(id)!.captures).toHaveLength(1);
    f.configure({ faults: {} });
    const again = await cli(['orders', 'capture', id, '--yes']);
    expect(again.exitCode).toBe(1);
    expect(f.state.orders.get(id)!.captures).toHaveLength(1);
  });
});

describe.each(['cancel', 'release'] as const)('kustom: %s under every fault', (change) => {
  const path = change === 'cancel' ? '/cancel' : '/release-remaining-authorization';
  const posts = (f: FakeKustom): number => f.requests.filter((r) => r.method === 'POST' && r.path.endsWith(path)).length;
  const folder = (home: string): string => join(home, 'data', change === 'cancel' ? 'pending-cancels' : 'pending-releases');
  const pending = (home: string): string[] => (existsSync(folder(home)) ? readdirSync(folder(home)) : []);
  /** An authorized order (cancel) or a part-captured one (release). */
  async function order(f: FakeKustom, cli: (argv: string[]) => ReturnType<typeof runCli>): Promise<string> {
    const id = f.seedOrder({ order_amount: 10_000 });
    if (change === 'release') expect((await cli(['orders', 'capture', id, '--amount', '10', '--yes'])).exitCode).toBe(0);
    f.requests.length = 0;
    return id;
  }
  const effect = (f: FakeKustom, id: string): boolean => {
    const o = f.state.orders.get(id)!;
    return change === 'cancel' ? o.status === 'CANCELLED' : o.status === 'CAPTURED' && o.remaining_authorized_amount === 0;
  };

  it('committed, connection closed on every try, reads failing: exit 6 with the intent kept; the re-run sees it done and sends nothing', async () => {
    const { f, cli, home } = await setup();
    const id = await order(f, cli);
    f.configure({ faults: { timeoutAfterCommitRate: 1, dropReplays: true, answer: readsFailAfterWrite() } });
    const first = await cli(['orders', change, id, '--yes']);
    expect(first.exitCode, first.stderr).toBe(6);
    expect(first.stderr).toMatch(/outcome is unknown/);
    expect(posts(f)).toBe(4);
    expect(effect(f, id)).toBe(true);
    expect(pending(home)).toHaveLength(1);

    f.configure({ faults: {} });
    f.requests.length = 0;
    const again = await cli(['orders', change, id, '--yes']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/shows it was done/);
    expect(posts(f)).toBe(0);
    expect(pending(home)).toEqual([]);
  });

  it('committed, connection closed on every try, reads healthy: the order shows it, exit 0, nothing kept', async () => {
    const { f, cli, home } = await setup();
    const id = await order(f, cli);
    f.configure({ faults: { timeoutAfterCommitRate: 1, dropReplays: true } });
    const r = await cli(['orders', change, id, '--yes']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(effect(f, id)).toBe(true);
    expect(pending(home)).toEqual([]);
  });

  it('503 on every write: exactly 4 POSTs, exit 1 naming 4 attempts, no effect, no record left; healthy again, done once', async () => {
    const { f, cli, home } = await setup();
    const id = await order(f, cli);
    f.configure({ faults: { answer: (r) => (isWrite(r) ? { status: 503 } : undefined) } });
    const r = await cli(['orders', change, id, '--yes']);
    expect(r.exitCode, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/after 4 attempt\(s\) \(budget: 4 attempts within 30 s\)/);
    expect(posts(f)).toBe(4);
    expect(effect(f, id)).toBe(false);
    expect(pending(home)).toEqual([]);
    f.configure({ faults: {} });
    f.requests.length = 0;
    expect((await cli(['orders', change, id, '--yes'])).exitCode).toBe(0);
    expect(posts(f)).toBe(1);
    expect(effect(f, id)).toBe(true);
  });

  it('401 on the write: exit 4 at once, no effect, no record left', async () => {
    const { f, cli, home } = await setup();
    const id = await order(f, cli);
    f.configure({ faults: { answer: (r) => (isWrite(r) ? { status: 401 } : undefined) } });
    const r = await cli(['orders', change, id, '--yes']);
    expect(r.exitCode, r.stderr).toBe(4);
    expect(posts(f)).toBe(1);
    expect(effect(f, id)).toBe(false);
    expect(pending(home)).toEqual([]);
  });
});
