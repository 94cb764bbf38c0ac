/**
 * Runners on different machines (different MERCHANT_HOMEs) sharing one PostgreSQL journal, against the
 * fake Kustom server with 20 ms latency: overlapping inputs are captured once between them, and a runner
 * killed with SIGKILL midway leaves rows the other takes over once their lease runs out. The fake's own
 * state is the ground truth: every order ends with exactly one capture. Needs `npm run build` first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_FAKE_API_KEY, startFakeKustom, type FakeKustom } from '../helpers/fake-kustom/index.js';
import { createTestDatabase, describePg } from '../helpers/postgres.js';
import { runCli, tempHome } from '../helpers/run-cli.js';

const BIN = join(process.cwd(), 'bin', 'merchant.js');

interface Done {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(env: Record<string, string>, ids: readonly string[]): { child: ChildProcess; done: Promise<Done> } {
  const args = ['orders', 'capture', '-', '--backend', 'kustom', '--yes', '--json', '--concurrency', '4'];
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, MERCHANT_HOME: tempHome(), NO_COLOR: '1', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin?.end(ids.join('\n'));
  return { child, done: new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))) };
}

describePg('a bulk capture journal shared by several runners (built binary)', () => {
  let fake: FakeKustom;
  beforeAll(async () => {
    fake = await startFakeKustom({ latencyMs: 20 });
  });
  afterAll(async () => {
    await fake.close();
  });

  const captures = (id: string): number => fake.state.orders.get(id)?.captures.length ?? -1;
  const capturePosts = (id: string): number => fake.requests.filter((r) => r.method === 'POST' && r.path.includes(`/orders/${id}/captures`)).length;
  const envFor = (url: string): Record<string, string> => ({ MERCHANT_DATABASE_URL: url, MERCHANT_API_KEY: DEFAULT_FAKE_API_KEY, MERCHANT_BASE_URL: fake.url, MERCHANT_JOURNAL_LEASE_MS: '1500' });

  it('a database that needs migrating stops the run with exit 2 and says how; nothing is sent', async () => {
    const url = await createTestDatabase('unmigrated');
    const [id] = [fake.seedOrder({ order_amount: 10_000 })];
    const before = fake.requests.length;
    const result = await runCli(['orders', 'capture', '-', '--backend', 'kustom', '--yes'], { env: envFor(url), stdin: id });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/needs migrating/);
    expect(result.stderr).toContain('merchant db migrate');
    expect(result.stderr).not.toContain('merchant-test-secret');
    expect(fake.requests.slice(before).filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('overlapping inputs on two machines, one killed midway: each order captured exactly once', async () => {
    const url = await createTestDatabase('journal');
    const env = envFor(url);
    expect((await runCli(['db', 'migrate'], { env: { MERCHANT_DATABASE_URL: url } })).exitCode).toBe(0);
    const ids = Array.from({ length: 160 }, () => fake.seedOrder({ order_amount: 10_000 }));
    const inputA = ids.slice(0, 110);
    const inputB = [...ids.slice(40)].reverse();
    const a = start(env, inputA);
    const b = start(env, inputB);
    // Kill A once it has captured some of the orders.
    const until = Date.now() + 30_000;
    while (inputA.filter((id) => captures(id) === 1).length < 25 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    a.child.kill('SIGKILL');
    expect((await a.done).signal).toBe('SIGKILL');
    const finished = await b.done;
    expect(finished.code, finished.stderr).toBe(0);
    const rows = finished.stdout.trim().split('\n').map((l) => JSON.parse(l) as { status: string; order_id: string });
    expect(rows).toHaveLength(inputB.length);
    expect(rows.filter((r) => !['captured', 'already_captured'].includes(r.status))).toEqual([]);
    for (const id of inputB) expect(captures(id), id).toBe(1);
    // Rows only B was given were sent once; nothing A held was sent twice (the idempotency key aside).
    for (const id of ids.slice(110)) expect(capturePosts(id), id).toBe(1);
    // A third runner with A's input finishes what A left: every order captured once.
    const rest = await start(env, inputA).done;
    expect(rest.code, rest.stderr).toBe(0);
    for (const id of ids) expect(captures(id), id).toBe(1);
    // The shared journal, not the homes' files, recorded them.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const journaled = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM capture_ops WHERE state = 'captured'`);
    await client.end();
    expect(Number(journaled.rows[0]?.n)).toBe(ids.length);
  }, 120_000);
});
