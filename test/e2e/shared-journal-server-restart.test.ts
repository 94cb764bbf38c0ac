/**
 * The shared database's server stopped for real (`pg_ctl stop -m fast`) in the middle of a bulk capture,
 * then started again: the run stops with an error naming host and port (exit 1, or 6 with a request still
 * out), never a hang, and the same command afterwards captures every order exactly once. A server of its
 * own (the suite's shared one must keep running for the other files). Needs `npm run build` first.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_FAKE_API_KEY, startFakeKustom, type FakeKustom } from '../helpers/fake-kustom/index.js';
import { describePg } from '../helpers/postgres.js';
import { startPostgres, type PgServer } from '../helpers/postgres-server.js';
import { runCli, tempHome } from '../helpers/run-cli.js';

const BIN = join(process.cwd(), 'bin', 'merchant.js');

interface Row {
  status: string;
  order_id: string | null;
  reason: string | null;
}

function capture(env: Record<string, string>, ids: readonly string[]): { done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const args = ['orders', 'capture', '-', '--backend', 'kustom', '--yes', '--json', '--concurrency', '2'];
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, MERCHANT_HOME: tempHome(), NO_COLOR: '1', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(ids.join('\n'));
  return { done: new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr }))) };
}

const rowsOf = (stdout: string): Row[] =>
  stdout
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('{"row"'))
    .map((l) => JSON.parse(l) as Row);

describePg('the shared database server stopped and started again mid-run (built binary)', () => {
  let fake: FakeKustom;
  let server: PgServer;
  let url: string;
  beforeAll(async () => {
    fake = await startFakeKustom({ latencyMs: 20 });
    server = await startPostgres();
    const admin = new pg.Client({ connectionString: `${server.baseUrl}postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE restart_test');
    await admin.end();
    url = `${server.baseUrl}restart_test`;
    expect((await runCli(['db', 'migrate'], { env: { MERCHANT_DATABASE_URL: url } })).exitCode).toBe(0);
  }, 120_000);
  afterAll(async () => {
    server?.stop();
    await fake?.close();
  });

  it('stops naming host and port, then the same command captures each order exactly once', async () => {
    const env = { MERCHANT_DATABASE_URL: url, MERCHANT_API_KEY: DEFAULT_FAKE_API_KEY, MERCHANT_BASE_URL: fake.url, MERCHANT_DATABASE_TIMEOUT_MS: '3000' };
    const ids = Array.from({ length: 240 }, () => fake.seedOrder({ order_amount: 10_000 }));
    const captured = (): number => ids.filter((id) => (fake.state.orders.get(id)?.captures.length ?? 0) > 0).length;
    const run = capture(env, ids);
    const until = Date.now() + 60_000;
    while (captured() < 30 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    expect(captured()).toBeGreaterThanOrEqual(30);
    server.halt();
    const stopped = await run.done;
    // Exit 1 (the database went away) or 6 (a capture request was out when it did); never success.
    expect([1, 6], stopped.stderr).toContain(stopped.code);
    expect(stopped.stderr).toContain(`127.0.0.1:${server.port}`);
    expect(stopped.stderr).not.toContain('merchant-test-secret');
    const first = rowsOf(stopped.stdout);
    // Rows not reached are reported as not attempted, naming the server, not tried one by one.
    const notAttempted = first.filter((r) => r.status === 'failed' && r.reason?.startsWith('not attempted'));
    expect(notAttempted.length).toBeGreaterThan(0);
    for (const r of notAttempted) expect(r.reason).toContain(`127.0.0.1:${server.port}`);
    expect(captured()).toBeLessThan(ids.length);

    server.resume();
    const again = await capture(env, ids).done;
    expect(again.code, again.stderr).toBe(0);
    const rows = rowsOf(again.stdout);
    expect(rows.filter((r) => !['captured', 'already_captured'].includes(r.status))).toEqual([]);
    for (const id of ids) expect(fake.state.orders.get(id)?.captures.length, id).toBe(1);
    // One capture request per order across both runs: the idempotency key aside, nothing was sent twice.
    for (const id of ids) expect(fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith(`/orders/${id}/captures`)).length, id).toBe(1);
  }, 180_000);
});
