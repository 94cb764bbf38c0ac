/**
 * The shared database goes away under a running command, in each way it can: the server stops
 * (connections reset, new ones refused), it stops answering (connections stay open, nothing comes back),
 * or its connections are killed (pg_terminate_backend). A TCP proxy in front of the suite's server plays
 * the first two. Whatever happens: no hang, an error naming host and port, no row reported failed that
 * was captured, rows whose outcome is open reported unknown (exit 6), and once the server is back a
 * re-run captures each order exactly once.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createKustomBackend } from '../../src/backends/kustom/kustom-backend.js';
import { startFakeKustom, type FakeKustom } from '../helpers/fake-kustom/index.js';
import { createTestDatabase, describePg } from '../helpers/postgres.js';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

const KEY = 'kco_test_api_FAKEnotAREALCANARYcanary0';
type Fault = 'stopped' | 'silent' | 'connections killed';

describePg('the shared database going away mid-run', () => {
  let fake: FakeKustom;
  let direct: string;
  let proxied: string;
  let proxy: TcpProxy;
  let home: string;
  beforeAll(async () => {
    // Both timeouts, so a server that stops answering fails a query within seconds, not the default 15 s.
    process.env['MERCHANT_DATABASE_TIMEOUT_MS'] = '3000';
    // Claims the first run made but could not hear back about are another runner's until their lease ends.
    process.env['MERCHANT_JOURNAL_LEASE_MS'] = '2000';
    fake = await startFakeKustom({ apiKey: KEY, latencyMs: 20 });
    direct = await createTestDatabase('away');
    expect((await runCli(['db', 'migrate'], { env: { MERCHANT_DATABASE_URL: direct } })).exitCode).toBe(0);
    proxy = await startTcpProxy(Number(new URL(direct).port));
    proxied = direct.replace(/:(\d+)\//, `:${proxy.port}/`);
    home = tempHome();
    expect((await cli(['stores', 'add', '--id', 'se-shop', '--name', 'S', '--country', 'SE', '--terms-url', 'https://s.example/terms'])).exitCode).toBe(0);
  });
  afterEach(() => {
    proxy.restore();
    fake.configure({ faults: {} });
  });
  afterAll(async () => {
    delete process.env['MERCHANT_DATABASE_TIMEOUT_MS'];
    delete process.env['MERCHANT_JOURNAL_LEASE_MS'];
    await proxy.close();
    await fake.close();
  });

  function cli(argv: string[], stdin?: string): ReturnType<typeof runCli> {
    return runCli(['--backend', 'kustom', '--base-url', fake.url, ...argv], {
      home,
      env: { MERCHANT_API_KEY: KEY, MERCHANT_DATABASE_URL: proxied },
      ...(stdin === undefined ? {} : { stdin }),
      overrides: { backendFactory: (deps) => createKustomBackend(deps, { sleep: async () => undefined }) },
    });
  }

  async function killConnections(): Promise<void> {
    const client = new pg.Client({ connectionString: direct });
    await client.connect();
    await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    await client.end();
  }

  function strike(fault: Fault): void {
    if (fault === 'stopped') proxy.cut();
    else if (fault === 'silent') proxy.freeze();
    else void killConnections();
  }

  const where = (): string => `127.0.0.1:${proxy.port}`;
  const captures = (id: string): number => fake.state.orders.get(id)?.captures.length ?? -1;
  const posts = (id: string): number => fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/orders/${id}/captures`)).length;

  it.each(['stopped', 'silent', 'connections killed'] as const)('bulk capture, journal on PostgreSQL, server %s mid-run: truthful rows, then each order captured once', async (fault) => {
    const ids = Array.from({ length: 30 }, () => fake.seedOrder({ order_amount: 10_000 }));
    let seen = 0;
    fake.configure({
      faults: {
        answer: (r) => {
          if (r.method === 'POST' && r.path.endsWith('/captures') && ++seen === 8) strike(fault);
          return undefined;
        },
      },
    });
    const first = await cli(['orders', 'capture', '-', '--yes', '--json', '--concurrency', '4'], ids.join('\n'));
    fake.configure({ faults: {} });
    proxy.restore();
    const rows = first.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { order_id: string; status: string; reason: string | null });
    expect(rows).toHaveLength(ids.length);
    for (const row of rows) {
      // A row is never reported failed when the provider made its capture, nor captured when it did not.
      if (row.status === 'failed') expect(captures(row.order_id), row.reason ?? '').toBe(0);
      if (row.status === 'captured' || row.status === 'already_captured') expect(captures(row.order_id)).toBe(1);
      expect(captures(row.order_id)).toBeLessThanOrEqual(1);
    }
    if (fault !== 'connections killed') {
      // The server never came back during the run: it stopped with an error naming where it was.
      expect([1, 6]).toContain(first.exitCode);
      expect(first.stderr).toContain(where());
      expect(rows.some((r) => r.status === 'failed' || r.status === 'unknown')).toBe(true);
      if (first.exitCode === 6) expect(rows.some((r) => r.status === 'unknown')).toBe(true);
    } else {
      // Killed connections are replaced: the run either finishes or stops naming the server.
      if (first.exitCode !== 0) expect(first.stderr).toContain(where());
    }
    const capturedFirst = ids.filter((id) => captures(id) === 1);
    const sentFirst = new Map(capturedFirst.map((id) => [id, posts(id)]));

    const again = await cli(['orders', 'capture', '-', '--yes', '--json', '--concurrency', '4'], ids.join('\n'));
    expect(again.exitCode, again.stderr).toBe(0);
    for (const id of ids) expect(captures(id), id).toBe(1);
    // What the first run captured is found on the order, not sent again.
    for (const id of capturedFirst) expect(posts(id), id).toBe(sentFirst.get(id));
  }, 120_000);

  it('bulk capture, server stopped while requests are out and the provider silent: those rows unknown, exit 6 naming the server; the re-run settles them', async () => {
    const ids = Array.from({ length: 12 }, () => fake.seedOrder({ order_amount: 10_000 }));
    let struck = false;
    fake.configure({
      faults: {
        // Every capture commits and its answer is lost; reads fail once the first is out.
        timeoutAfterCommitRate: 1,
        dropReplays: true,
        answer: (r) => {
          if (r.method === 'POST' && !struck) {
            struck = true;
            strike('stopped');
          }
          return struck && r.method === 'GET' ? { status: 500 } : undefined;
        },
      },
    });
    const first = await cli(['orders', 'capture', '-', '--yes', '--json', '--concurrency', '4'], ids.join('\n'));
    fake.configure({ faults: {} });
    proxy.restore();
    expect(first.exitCode, first.stderr).toBe(6);
    expect(first.stderr).toContain(where());
    const rows = first.stdout.trim().split('\n').map((l) => JSON.parse(l) as { order_id: string; status: string });
    const unknown = rows.filter((r) => r.status === 'unknown');
    expect(unknown.length).toBeGreaterThan(0);
    for (const row of rows) if (row.status === 'failed') expect(captures(row.order_id)).toBe(0);
    const again = await cli(['orders', 'capture', '-', '--yes', '--json', '--concurrency', '4'], ids.join('\n'));
    expect(again.exitCode, again.stderr).toBe(0);
    for (const id of ids) expect(captures(id), id).toBe(1);
  }, 120_000);

  it.each(['stopped', 'silent'] as const)('single capture, server %s before the request is sent: exit 1 naming host and port, nothing sent', async (fault) => {
    const id = fake.seedOrder({ order_amount: 10_000 });
    fake.configure({ faults: { answer: (r) => (r.method === 'GET' && r.path.endsWith(`/orders/${id}`) ? void strike(fault) : undefined) } });
    const r = await cli(['orders', 'capture', id, '--yes']);
    expect(r.exitCode, r.stderr).toBe(1);
    expect(r.stderr).toContain(where());
    expect(posts(id)).toBe(0);
  }, 60_000);

  it('single capture, server gone once the request is out: the answer stands (exit 0); the re-run sends nothing', async () => {
    const id = fake.seedOrder({ order_amount: 10_000 });
    fake.configure({ faults: { answer: (r) => (r.method === 'POST' ? void strike('stopped') : undefined) } });
    const r = await cli(['orders', 'capture', id, '--yes', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(captures(id)).toBe(1);
    proxy.restore();
    fake.configure({ faults: {} });
    const again = await cli(['orders', 'capture', id, '--yes', '--json']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.json<{ capture_id: string }>().capture_id).toBe(r.json<{ capture_id: string }>().capture_id);
    expect(posts(id)).toBe(1);
  }, 60_000);

  it('single capture, server gone and the provider silent: exit 6; with both back the re-run reconciles, nothing sent', async () => {
    const id = fake.seedOrder({ order_amount: 10_000 });
    let written = false;
    fake.configure({
      faults: {
        timeoutAfterCommitRate: 1,
        dropReplays: true,
        answer: (r) => {
          if (r.method === 'POST' && !written) {
            written = true;
            strike('stopped');
          }
          return written && r.method === 'GET' ? { status: 500 } : undefined;
        },
      },
    });
    const r = await cli(['orders', 'capture', id, '--yes']);
    expect(r.exitCode, r.stderr).toBe(6);
    expect(captures(id)).toBe(1);
    proxy.restore();
    fake.configure({ faults: {} });
    const sent = posts(id);
    const again = await cli(['orders', 'capture', id, '--yes', '--json']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(posts(id)).toBe(sent);
    expect(captures(id)).toBe(1);
  }, 60_000);
});
