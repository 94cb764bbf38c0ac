/**
 * The shared database going away while a bulk capture still reads its orders (the plan): the run stops at
 * the first row the database fails, exit 1 naming host and port, nothing captured — it does not go on to
 * fail every remaining row one by one. The server is reached through a TCP proxy that is cut mid-plan.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createKustomBackend } from '../../src/backends/kustom/kustom-backend.js';
import { startFakeKustom, type FakeKustom } from '../helpers/fake-kustom/index.js';
import { createTestDatabase, describePg } from '../helpers/postgres.js';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

const KEY = 'kco_test_api_FAKEnotAREALCANARYcanary0';

describePg('the shared database lost while a bulk capture plans', () => {
  let fake: FakeKustom;
  let proxy: TcpProxy;
  let url: string;
  beforeAll(async () => {
    fake = await startFakeKustom({ apiKey: KEY });
    const direct = await createTestDatabase('plan_lost');
    expect((await runCli(['db', 'migrate'], { env: { MERCHANT_DATABASE_URL: direct } })).exitCode).toBe(0);
    const port = new URL(direct).port;
    proxy = await startTcpProxy(Number(port));
    url = direct.replace(`:${port}/`, `:${proxy.port}/`);
  });
  afterAll(async () => {
    await proxy.close();
    await fake.close();
  });

  it('stops at the first failed read: exit 1 naming host and port, no row tried after, nothing captured', async () => {
    const ids = Array.from({ length: 30 }, () => fake.seedOrder({ order_amount: 10_000 }));
    let reads = 0;
    fake.configure({
      faults: {
        answer: (r) => {
          if (r.method === 'GET' && r.path.startsWith('/ordermanagement/') && ++reads === 3) proxy.cut();
          return undefined;
        },
      },
    });
    const home = tempHome();
    const r = await runCli(['--backend', 'kustom', '--base-url', fake.url, 'orders', 'capture', ...ids, '--yes', '--json', '--concurrency', '1'], {
      home,
      env: { MERCHANT_API_KEY: KEY, MERCHANT_DATABASE_URL: url, MERCHANT_DATABASE_TIMEOUT_MS: '2000' },
      overrides: { backendFactory: (deps) => createKustomBackend(deps, { sleep: async () => undefined }) },
    });
    fake.configure({ faults: {} });
    proxy.restore();
    expect(r.exitCode, r.stderr).toBe(1);
    expect(r.stderr).toContain(`127.0.0.1:${proxy.port}`);
    expect(r.stderr).not.toContain('merchant-test-secret');
    expect(fake.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/captures'))).toEqual([]);
    // The run stopped at the failure instead of reading every remaining order.
    expect(reads).toBeLessThan(ids.length);
  });
});
