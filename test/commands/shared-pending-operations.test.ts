/**
 * Two machines (two MERCHANT_HOMEs) on one shared database, against the fake Kustom: a single capture or
 * refund left unknown on machine A (exit 6) is reconciled on machine B from the recorded intent, nothing
 * sent again; the developer log written on A is read on B with the machine and user of each call, and
 * secrets stay redacted.
 */
import { existsSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKustomBackend } from '../../src/backends/kustom/kustom-backend.js';
import { resolvePaths } from '../../src/config/paths.js';
import { logsDbPath } from '../../src/logs/log-sink.js';
import { followLogs } from '../../src/services/logs/query-logs.js';
import { startFakeKustom, type FakeKustom } from '../helpers/fake-kustom/index.js';
import { createTestDatabase, describePg } from '../helpers/postgres.js';
import { runCli, tempHome } from '../helpers/run-cli.js';

const KEY = 'kco_test_api_FAKEnotAREALCANARYcanary0';
type Op = 'capture' | 'refund';

describePg('pending single operations and the developer log shared by two machines', () => {
  let fake: FakeKustom;
  let url: string;
  beforeAll(async () => {
    fake = await startFakeKustom({ apiKey: KEY });
    url = await createTestDatabase('pending');
    expect((await runCli(['db', 'migrate'], { env: { MERCHANT_DATABASE_URL: url } })).exitCode).toBe(0);
  });
  afterAll(async () => {
    await fake.close();
  });

  /** A machine: its own home, the shared database, the fake; waits between retries are not slept. */
  async function machine(): Promise<(argv: string[]) => ReturnType<typeof runCli>> {
    const home = tempHome();
    const cli = (argv: string[]) =>
      runCli(['--backend', 'kustom', '--base-url', fake.url, ...argv], {
        home,
        env: { MERCHANT_API_KEY: KEY, MERCHANT_DATABASE_URL: url },
        overrides: { backendFactory: (deps) => createKustomBackend(deps, { sleep: async () => undefined }) },
      });
    // The ledger is shared too: the store the first machine added is every machine's.
    if ((await cli(['stores', 'show', 'se-shop'])).exitCode !== 0) {
      expect((await cli(['stores', 'add', '--id', 'se-shop', '--name', 'S', '--country', 'SE', '--terms-url', 'https://s.example/terms'])).exitCode).toBe(0);
    }
    return cli;
  }

  async function sql<T extends object>(text: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(text, params)).rows;
    } finally {
      await client.end();
    }
  }

  /** Reads answer 500 once a write has arrived: the provider breaks right after committing. */
  const readsFailAfterWrite = (): NonNullable<Parameters<FakeKustom['configure']>[0]['faults']>['answer'] => {
    let broken = false;
    return (r) => {
      if (r.method === 'POST') broken = true;
      return broken && r.method === 'GET' ? { status: 500 } : undefined;
    };
  };
  const unknowable = () => ({ faults: { timeoutAfterCommitRate: 1, dropReplays: true, answer: readsFailAfterWrite() } });

  const writes = (op: Op, id: string): number => fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/orders/${id}/${op === 'capture' ? 'captures' : 'refunds'}`)).length;
  const made = (op: Op, id: string): { capture_id?: string; refund_id?: string }[] =>
    op === 'capture' ? fake.state.orders.get(id)!.captures : fake.state.orders.get(id)!.refunds;

  it.each(['capture', 'refund'] as const)('a %s left unknown on machine A is reconciled on machine B: exit 0, nothing sent again', async (op) => {
    const a = await machine();
    const b = await machine();
    const id = fake.seedOrder({ order_amount: 10_000 });
    if (op === 'refund') expect((await a(['orders', 'capture', id, '--yes'])).exitCode).toBe(0);
    const command = ['orders', op, id, '--amount', '40', '--yes', '--json'];
    // Every attempt commits and the connection drops before the answer, and reads fail: A cannot know what happened.
    fake.configure(unknowable());
    const first = await a(command);
    fake.configure({ faults: {} });
    expect(first.exitCode, first.stderr).toBe(6);
    expect(made(op, id)).toHaveLength(1);
    const recorded = await sql<{ host: string; os_user: string; order_id: string }>(`SELECT host, os_user, order_id FROM pending_operations WHERE kind = $1`, [op]);
    expect(recorded).toEqual([{ host: hostname(), os_user: userInfo().username, order_id: id }]);

    const sentBefore = writes(op, id);
    const second = await b(command);
    expect(second.exitCode, second.stderr).toBe(0);
    const done = second.json<{ capture_id?: string; refund_id?: string }>();
    const [only] = made(op, id);
    expect(op === 'capture' ? done.capture_id : done.refund_id).toBe(op === 'capture' ? only?.capture_id : only?.refund_id);
    expect(writes(op, id)).toBe(sentBefore);
    expect(made(op, id)).toHaveLength(1);
    expect(await sql(`SELECT 1 FROM pending_operations WHERE kind = $1`, [op])).toEqual([]);
  });

  it('a cancel left unknown on machine A is found done on machine B', async () => {
    const a = await machine();
    const b = await machine();
    const id = fake.seedOrder({ order_amount: 10_000 });
    fake.configure(unknowable());
    const first = await a(['orders', 'cancel', id, '--yes']);
    fake.configure({ faults: {} });
    expect(first.exitCode, first.stderr).toBe(6);
    const posts = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/orders/${id}/cancel`)).length;
    const second = await b(['orders', 'cancel', id, '--yes', '--json']);
    expect(second.exitCode, second.stderr).toBe(0);
    expect(fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/orders/${id}/cancel`)).length).toBe(posts);
    expect(fake.state.orders.get(id)!.status).toBe('CANCELLED');
  });

  it("machine B's developer log shows machine A's calls with machine and user, secrets redacted", async () => {
    const a = await machine();
    const b = await machine();
    const id = fake.seedOrder({ order_amount: 10_000 });
    expect((await a(['orders', 'capture', id, '--yes'])).exitCode).toBe(0);
    const read = await b(['logs', '--order', id, '--json']);
    expect(read.exitCode, read.stderr).toBe(0);
    const entries = read.json<{ operation: string; kind: string; host: string; os_user: string; request: string | null }[]>();
    expect(entries.some((e) => e.kind === 'http' && (e as { method?: string }).method === 'POST')).toBe(true);
    expect(entries.some((e) => e.operation === 'orders.capture')).toBe(true);
    for (const e of entries) expect({ host: e.host, os_user: e.os_user }).toEqual({ host: hostname(), os_user: userInfo().username });
    expect(read.stdout).not.toContain(KEY);
    expect(read.stdout).not.toContain('merchant-test-secret');
    const stored = await sql<{ n: string }>(`SELECT COUNT(*) AS n FROM log_entries WHERE request LIKE $1 OR response LIKE $1 OR error LIKE $1`, [`%${KEY}%`]);
    expect(Number(stored[0]?.n)).toBe(0);
  });

  it("machine B's logs --follow shows machine A's calls as they are made, from the shared database", async () => {
    const a = await machine();
    const id = fake.seedOrder({ order_amount: 10_000 });
    const homeB = tempHome();
    const seen: { operation: string; order_id: string | null; host?: string | null }[] = [];
    let polls = 0;
    await followLogs({ paths: resolvePaths({ MERCHANT_HOME: homeB }), databaseUrl: url }, { order: id }, (entries) => seen.push(...entries), {
      sleep: async () => {
        polls++;
        if (polls === 1) expect((await a(['orders', 'capture', id, '--yes'])).exitCode).toBe(0);
      },
      stopped: () => polls >= 2,
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((e) => e.operation === 'orders.capture').length).toBeGreaterThan(0);
    for (const e of seen) expect({ order: e.order_id, host: e.host }).toEqual({ order: id, host: hostname() });
    // Nothing was read from, or written to, machine B's own log file.
    expect(existsSync(logsDbPath(resolvePaths({ MERCHANT_HOME: homeB })))).toBe(false);
  });

  it('a shared database that lacks the pending-operations step stops a capture with exit 2; nothing is sent', async () => {
    const bare = await createTestDatabase('bare');
    const id = fake.seedOrder({ order_amount: 10_000 });
    const r = await runCli(['--backend', 'kustom', '--base-url', fake.url, 'orders', 'capture', id, '--yes'], { env: { MERCHANT_API_KEY: KEY, MERCHANT_DATABASE_URL: bare } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('merchant db migrate');
    expect(writes('capture', id)).toBe(0);
  });
});
