/**
 * Requests per order of a kustom bulk capture: on the happy path the plan's read and the capture's POST
 * (the 201's Capture-Id is trusted, the plan's snapshot stands in for a second read); the order is read
 * again only when the outcome is unknown, and the capture is still made once.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKustomBackend } from '../../src/backends/kustom/kustom-backend.js';
import type { FakeKustom } from '../helpers/fake-kustom/index.js';
import { fakeKustomEachTest } from '../helpers/fake-kustom-each-test.js';
import { runCli, tempHome } from '../helpers/run-cli.js';

const KEY = 'kco_test_api_FAKEnotAREALCANARYcanary0';

let fake: FakeKustom | undefined;
const fakes = fakeKustomEachTest({ checkViolations: false });

async function setup(count: number) {
  fake = await fakes.start({ apiKey: KEY });
  const f = fake;
  const home = tempHome();
  const cli = (argv: string[]) =>
    runCli(['--backend', 'kustom', '--base-url', f.url, ...argv], {
      home,
      env: { MERCHANT_API_KEY: KEY },
      overrides: { backendFactory: (deps) => createKustomBackend(deps, { sleep: async () => undefined }) },
    });
  expect((await cli(['stores', 'add', '--id', 'se-shop', '--name', 'S', '--country', 'SE', '--terms-url', 'https://s.example/terms'])).exitCode).toBe(0);
  const ids = Array.from({ length: count }, () => f.seedOrder({ order_amount: 10_000 }));
  const file = join(home, 'orders.csv');
  f.requests.length = 0;
  return { f, cli, ids, file };
}

const rowsOf = (stdout: string) => stdout.trim().split('\n').map((l) => JSON.parse(l) as { order_id: string; status: string; capture_id: string; amount: number });

describe('kustom bulk capture: requests per order', () => {
  it.each([
    ['whole orders', 'order_id', (id: string) => id, 10_000],
    ['an amount and a capture reference', 'order_id,amount,capture_reference', (id: string) => `${id},40.00,SHIP-${id.slice(0, 4)}`, 4_000],
  ])('%s: one GET and one POST per order, each capture reported with the ID Kustom gave', async (_what, header, line, amount) => {
    const { f, cli, ids, file } = await setup(5);
    writeFileSync(file, `${header}\n${ids.map(line).join('\n')}\n`);
    const r = await cli(['orders', 'capture', '--from', file, '--yes', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(f.requests.filter((q) => q.method === 'GET')).toHaveLength(ids.length);
    expect(f.requests.filter((q) => q.method === 'POST')).toHaveLength(ids.length);
    for (const row of rowsOf(r.stdout)) {
      const made = f.state.orders.get(row.order_id)!.captures;
      expect(made).toHaveLength(1);
      expect(row).toMatchObject({ status: 'captured', capture_id: made[0]!.capture_id, amount });
    }
  });

  it('the ledger learns each order as it stands after its trusted capture: status no longer counts it uncaptured', async () => {
    const { f, cli, ids, file } = await setup(4);
    const [partial, ...whole] = ids;
    writeFileSync(file, `order_id,amount\n${partial},40.00\n${whole.map((id) => `${id},`).join('\n')}\n`);
    const before = await cli(['status', '--json']);
    expect(before.exitCode, before.stderr).toBe(0);
    const r = await cli(['orders', 'capture', '--from', file, '--yes', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(f.requests.filter((q) => q.method === 'GET')).toHaveLength(ids.length);
    const status = await cli(['status', '--json']);
    expect(status.exitCode, status.stderr).toBe(0);
    const uncaptured = status.json<{ stores: { store_id: string; uncaptured: { orders: number; amount: number }[] }[] }>().stores.flatMap((s) => s.uncaptured);
    // Only the part-captured order still has something to capture: 100.00 − 40.00.
    expect(uncaptured).toEqual([expect.objectContaining({ orders: 1, amount: 6_000 })]);
  });

  it('the ledger keeps what the plan read of each order (customer, lines) after its trusted capture: lookup by e-mail still finds it', async () => {
    const { f, cli, file } = await setup(0);
    const ids = ['ada@example.com', 'bo@example.com'].map((email) => f.seedOrder({ order_amount: 10_000, billing_address: { given_name: 'A', family_name: 'B', email } }));
    writeFileSync(file, `order_id\n${ids.join('\n')}\n`);
    const r = await cli(['orders', 'capture', '--from', file, '--yes', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    f.requests.length = 0;
    const found = await cli(['lookup', 'bo@example.com', '--json']);
    expect(found.exitCode, found.stderr).toBe(0);
    const text = found.stdout;
    expect(text).toContain(ids[1]);
    expect(text).toContain('CAPTURED');
    expect(text).toContain('SKU-1');
    expect(text).not.toContain(ids[0]);
  });

  it('an unknown outcome (committed, connection closed on every try) is settled by reading the order: captured once', async () => {
    const { f, cli, ids, file } = await setup(3);
    writeFileSync(file, `order_id\n${ids.join('\n')}\n`);
    f.configure({ faults: { timeoutAfterCommitRate: 1, dropReplays: true } });
    const r = await cli(['orders', 'capture', '--from', file, '--yes', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    for (const row of rowsOf(r.stdout)) {
      const made = f.state.orders.get(row.order_id)!.captures;
      expect(made).toHaveLength(1);
      expect(row).toMatchObject({ status: 'captured', capture_id: made[0]!.capture_id });
    }
    // The plan's read, then a read after the unknown outcome, per order.
    expect(f.requests.filter((q) => q.method === 'GET').length).toBeGreaterThanOrEqual(2 * ids.length);
  });

  it('never has more requests out than --concurrency, in the plan or the captures, while more rows are made ready', async () => {
    const { f, cli, ids, file } = await setup(24);
    f.configure({ latencyMs: 5 });
    writeFileSync(file, `order_id\n${ids.join('\n')}\n`);
    // A request is out from its arrival until the fake answers it (its status, 0 until then, is set as it answers).
    let most = 0;
    const sample = setInterval(() => {
      most = Math.max(most, f.requests.filter((q) => q.status === 0).length);
    }, 1);
    try {
      const r = await cli(['orders', 'capture', '--from', file, '--yes', '--json', '--concurrency', '3']);
      expect(r.exitCode, r.stderr).toBe(0);
    } finally {
      clearInterval(sample);
    }
    expect(most).toBeLessThanOrEqual(3);
    // The sampling saw requests out (it would pass on a list it could not read), and the slots were used.
    expect(most).toBeGreaterThan(1);
    expect(f.requests).toHaveLength(2 * ids.length);
    expect(rowsOf((await cli(['orders', 'capture', '--from', file, '--yes', '--json'])).stdout).every((row) => row.status === 'already_captured')).toBe(true);
  });

  it('a run stopped by a refused key reports the rows claimed but still waiting for a slot as not attempted, and a re-run captures each once', async () => {
    const { f, cli, ids, file } = await setup(12);
    f.configure({ latencyMs: 5, faults: { answer: ({ method }) => (method === 'POST' ? { status: 401 } : undefined) } });
    writeFileSync(file, `order_id\n${ids.join('\n')}\n`);
    const r = await cli(['orders', 'capture', '--from', file, '--yes', '--json', '--concurrency', '3']);
    expect(r.exitCode, r.stderr).toBe(4);
    const posts = f.requests.filter((q) => q.method === 'POST');
    // The rows whose POST was answered 401 are failed; the others sent nothing, and say so.
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.length).toBeLessThanOrEqual(3);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { order_id: string; status: string; attempts: number; reason: string });
    expect(rows).toHaveLength(ids.length);
    expect(rows.filter((row) => row.status === 'unknown')).toEqual([]);
    const posted = new Set(posts.map((q) => q.path.split('/')[4]));
    for (const row of rows.filter((x) => !posted.has(x.order_id))) expect(row).toMatchObject({ status: 'failed', attempts: 0, reason: expect.stringMatching(/^not attempted/) });
    f.configure({ faults: {} });
    f.requests.length = 0;
    const again = await cli(['orders', 'capture', '--from', file, '--yes', '--json']);
    expect(again.exitCode, again.stderr).toBe(0);
    for (const id of ids) expect(f.state.orders.get(id)!.captures).toHaveLength(1);
  });
});
