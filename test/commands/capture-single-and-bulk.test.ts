/**
 * `orders capture <id>` and a bulk row naming the same shipment derive one capture identity, so they send
 * one idempotency key: whichever reads the order first and sends last, the provider captures once. The
 * interleaving is forced, not hoped for: one command's first capture request waits until the other command
 * has run to the end (its read done before, its send after). Both backends.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src/backends/backend.js';
import { createBackend, type BackendDeps } from '../../src/backends/registry.js';
import { fakeKustomEachTest } from '../helpers/fake-kustom-each-test.js';
import { seedOrders } from '../helpers/orders.js';
import { runCli, tempHome, type CliResult } from '../helpers/run-cli.js';

interface Cap {
  capture_id: string;
  reference: string | null;
  amount: number;
}

interface Setup {
  home: string;
  order(): Promise<string>;
  /** Runs the CLI; `before` runs once, just before the first capture (or refund) request is sent. */
  cli(argv: string[], before?: () => Promise<void>, method?: 'capture' | 'refund'): Promise<CliResult>;
  refunds(orderId: string): { refund_id: string; reference: string | null; amount: number }[];
  captures(orderId: string): Cap[];
  /** Capture requests received and the idempotency keys they carried (kustom only: the sandbox has no wire). */
  keys(): string[] | undefined;
}

/** The backend, with `hook` awaited before its first `orders.capture` (or `orders.refund`) call. */
function withHook(backend: Backend, hook: () => Promise<void>, method: 'capture' | 'refund' = 'capture'): Backend {
  const orders = backend.orders;
  if (!orders) throw new Error('the backend has no orders');
  let pending: (() => Promise<void>) | undefined = hook;
  const wrapped = new Proxy(orders, {
    get(target, prop) {
      const value = Reflect.get(target, prop) as unknown;
      if (prop !== method) return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      return async (...args: unknown[]) => {
        const run = pending;
        pending = undefined;
        await run?.();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return new Proxy(backend, {
    get(target, prop) {
      if (prop === 'orders') return wrapped;
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const factory = (name: string, hook?: () => Promise<void>, method?: 'capture' | 'refund') => async (deps: BackendDeps) => {
  const backend = await createBackend(name, deps);
  return hook ? withHook(backend, hook, method) : backend;
};

function sandbox(): Setup {
  const home = tempHome();
  return {
    home,
    order: async () => (await seedOrders(home, 1, `SB${Math.random().toString(36).slice(2, 6)}`))[0] as string,
    cli: (argv, hook, method) => runCli(argv, { home, overrides: { backendFactory: factory('sandbox', hook, method) } }),
    refunds(orderId) {
      const db = new Database(join(home, 'data', 'sandbox.db'), { readonly: true });
      try {
        return db.prepare(`SELECT refund_id, reference, refunded_amount AS amount FROM refunds WHERE order_id = ?`).all(orderId) as { refund_id: string; reference: string | null; amount: number }[];
      } finally {
        db.close();
      }
    },
    captures(orderId) {
      const db = new Database(join(home, 'data', 'sandbox.db'), { readonly: true });
      try {
        return db.prepare(`SELECT capture_id, reference, captured_amount AS amount FROM captures WHERE order_id = ?`).all(orderId) as Cap[];
      } finally {
        db.close();
      }
    },
    keys: () => undefined,
  };
}

const fakes = fakeKustomEachTest();

async function kustom(): Promise<Setup> {
  const f = await fakes.start();
  const home = tempHome();
  const env = { MERCHANT_API_KEY: 'kco_test_api_fakefakefakefakefake' };
  const cli = (argv: string[], hook?: () => Promise<void>, method?: 'capture' | 'refund'): Promise<CliResult> =>
    runCli(['--backend', 'kustom', '--base-url', f.url, ...argv], { home, env, overrides: { backendFactory: factory('kustom', hook, method) } });
  const add = await cli(['stores', 'add', '--id', 'se-shop', '--name', 'S', '--country', 'SE', '--terms-url', 'https://s.example/t', '--default']);
  expect(add.exitCode, add.stderr).toBe(0);
  return {
    home,
    order: async () => f.seedOrder({ order_amount: 40_000 }),
    cli,
    captures: (id) => (f.state.orders.get(id)?.captures ?? []).map((c) => ({ capture_id: c.capture_id, reference: c.reference ?? null, amount: c.captured_amount })),
    refunds: (id) => (f.state.orders.get(id)?.refunds ?? []).map((r) => ({ refund_id: r.refund_id, reference: r.reference ?? null, amount: r.refunded_amount })),
    keys: () => f.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/captures')).map((q) => q.idempotencyKey ?? ''),
  };
}

function csvFile(home: string, header: string, row: string): string {
  const file = join(home, `rows-${Math.random().toString(36).slice(2, 8)}.csv`);
  writeFileSync(file, `${header}\n${row}\n`);
  return file;
}

describe.each([
  ['sandbox', sandbox],
  ['kustom (fake)', kustom],
] as const)('a single capture and a bulk row for one shipment on %s', (_name, setup) => {
  const cases = [
    { name: 'with a capture reference', flags: ['--amount', '50', '--reference', 'SHIP-7'], header: 'order_id,amount,capture_reference', row: (id: string) => `${id},50.00,SHIP-7` },
    { name: 'by amount, without reference', flags: ['--amount', '50'], header: 'order_id,amount', row: (id: string) => `${id},50.00` },
  ];

  it.each(cases)('$name: the single command reads first, the bulk run captures, the single send then names the same capture', async ({ flags, header, row }) => {
    const b = await setup();
    const id = await b.order();
    const file = csvFile(b.home, header, row(id));
    let bulk: CliResult | undefined;
    const single = await b.cli(['orders', 'capture', id, ...flags, '--yes', '--json'], async () => {
      bulk = await b.cli(['orders', 'capture', '--from', file, '--yes', '--json']);
    });
    expect(bulk?.exitCode, bulk?.stderr).toBe(0);
    expect(single.exitCode, single.stderr).toBe(0);
    const made = b.captures(id);
    expect(made).toHaveLength(1);
    expect(single.json<{ capture_id: string }>().capture_id).toBe(made[0]?.capture_id);
    expect((JSON.parse(bulk?.stdout.trim() ?? '{}') as { capture_id: string }).capture_id).toBe(made[0]?.capture_id);
    const keys = b.keys();
    if (keys) expect(new Set(keys).size).toBe(1);
  });

  it.each(cases)('$name: the bulk run plans first, the single command captures, the bulk send then names the same capture', async ({ flags, header, row }) => {
    const b = await setup();
    const id = await b.order();
    const file = csvFile(b.home, header, row(id));
    let single: CliResult | undefined;
    const bulk = await b.cli(['orders', 'capture', '--from', file, '--yes', '--json'], async () => {
      single = await b.cli(['orders', 'capture', id, ...flags, '--yes', '--json']);
    });
    expect(single?.exitCode, single?.stderr).toBe(0);
    expect(bulk.exitCode, bulk.stderr).toBe(0);
    const made = b.captures(id);
    expect(made).toHaveLength(1);
    expect((JSON.parse(bulk.stdout.trim()) as { capture_id: string }).capture_id).toBe(made[0]?.capture_id);
  });

  it('after a bulk run, the same single command reports the shipment already captured and sends nothing', async () => {
    const b = await setup();
    const id = await b.order();
    const bulk = await b.cli(['orders', 'capture', '--from', csvFile(b.home, 'order_id,amount,capture_reference', `${id},50.00,SHIP-7`), '--yes', '--json']);
    expect(bulk.exitCode, bulk.stderr).toBe(0);
    const [first] = b.captures(id);
    const again = await b.cli(['orders', 'capture', id, '--amount', '50', '--reference', 'SHIP-7', '--yes', '--json']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.json<{ status: string; capture_id: string }>()).toMatchObject({ status: 'already_captured', capture_id: first?.capture_id });
    // Under --json stderr carries only an error document; the JSON above says it.
    expect(again.stderr).toBe('');
    // Without a reference the same content is refused as ambiguous (a re-run, or a second shipment?), naming the capture.
    const plain = await b.cli(['orders', 'capture', '--from', csvFile(b.home, 'order_id,amount', `${id},20.00`), '--yes']);
    expect(plain.exitCode, plain.stderr).toBe(0);
    const twin = await b.cli(['orders', 'capture', id, '--amount', '20', '--yes']);
    expect(twin.exitCode).toBe(1);
    expect(twin.stderr).toMatch(/already has a capture of 20\.00.*nothing was sent/);
    expect(twin.stderr).toMatch(/--another/);
    expect(b.captures(id)).toHaveLength(2);
  });

  it('two concurrent --another from the same state name one capture; a later --another is one more', async () => {
    const b = await setup();
    const id = await b.order();
    expect((await b.cli(['orders', 'capture', id, '--amount', '20', '--yes'])).exitCode).toBe(0);
    let inner: CliResult | undefined;
    const outer = await b.cli(['orders', 'capture', id, '--amount', '20', '--another', '--yes'], async () => {
      inner = await b.cli(['orders', 'capture', id, '--amount', '20', '--another', '--yes']);
    });
    expect(inner?.exitCode, inner?.stderr).toBe(0);
    expect(outer.exitCode, outer.stderr).toBe(0);
    expect(b.captures(id)).toHaveLength(2);
    const third = await b.cli(['orders', 'capture', id, '--amount', '20', '--another', '--yes']);
    expect(third.exitCode, third.stderr).toBe(0);
    expect(b.captures(id)).toHaveLength(3);
  });

  it('two captures naming one shipment (the same --reference, another amount), interleaved, capture once', async () => {
    const b = await setup();
    const id = await b.order();
    let inner: CliResult | undefined;
    const outer = await b.cli(['orders', 'capture', id, '--amount', '20', '--reference', 'SHIP-1', '--yes'], async () => {
      inner = await b.cli(['orders', 'capture', id, '--amount', '30', '--reference', 'SHIP-1', '--yes', '--json']);
    });
    expect(inner?.exitCode, inner?.stderr).toBe(0);
    expect(outer.exitCode).toBe(1);
    expect(outer.stderr).toMatch(/Capture reference "SHIP-1" is already used on order \S+ \(capture \S+, 30\.00 SEK\)/);
    expect(b.captures(id).map((c) => [c.reference, c.amount])).toEqual([['SHIP-1', 3_000]]);
  });

  it('a bulk row whose reference another command captured with another amount after planning is reported already captured', async () => {
    const b = await setup();
    const id = await b.order();
    const file = csvFile(b.home, 'order_id,amount,capture_reference', `${id},30.00,SHIP-2`);
    let single: CliResult | undefined;
    const bulk = await b.cli(['orders', 'capture', '--from', file, '--yes', '--json'], async () => {
      single = await b.cli(['orders', 'capture', id, '--amount', '20', '--reference', 'SHIP-2', '--yes']);
    });
    expect(single?.exitCode, single?.stderr).toBe(0);
    expect(bulk.exitCode, bulk.stderr).toBe(0);
    const made = b.captures(id);
    expect(made.map((c) => [c.reference, c.amount])).toEqual([['SHIP-2', 2_000]]);
    expect(JSON.parse(bulk.stdout.trim())).toMatchObject({ status: 'already_captured', capture_id: made[0]?.capture_id, amount: 2_000 });
  });

  it('two refunds naming one return (the same --reference, another amount), interleaved, refund once', async () => {
    const b = await setup();
    const id = await b.order();
    expect((await b.cli(['orders', 'capture', id, '--yes'])).exitCode).toBe(0);
    let inner: CliResult | undefined;
    const outer = await b.cli(
      ['orders', 'refund', id, '--amount', '20', '--reference', 'RMA-1', '--yes'],
      async () => {
        inner = await b.cli(['orders', 'refund', id, '--amount', '30', '--reference', 'RMA-1', '--yes', '--json']);
      },
      'refund',
    );
    expect(inner?.exitCode, inner?.stderr).toBe(0);
    // The provider answers the shared key with the first refund: the second is refused as if it had read it.
    expect(outer.exitCode).toBe(1);
    expect(outer.stderr).toMatch(/Refund reference "RMA-1" is already used on order \S+ \(refund \S+, 30\.00 SEK\)/);
    expect(outer.stdout).toBe('');
    expect(b.refunds(id).map((r) => [r.reference, r.amount])).toEqual([['RMA-1', 3_000]]);
  });
});
