/**
 * `links dispatch` on several hosts (built binary, different MERCHANT_HOMEs) sharing one PostgreSQL ledger,
 * against the fake Kustom server: two dispatchers at once send each due message exactly once, counted in
 * the requests the fake received; a dispatcher killed with SIGKILL mid-run leaves its claim, which no one
 * takes while its lease holds and another dispatcher sends once it has run out. Needs `npm run build` first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_FAKE_API_KEY, startFakeKustom, type FakeKustom } from '../helpers/fake-kustom/index.js';
import { TSHIRT, type LinkJson } from '../helpers/links.js';
import { createTestDatabase, describePg } from '../helpers/postgres.js';
import { runCli, tempHome } from '../helpers/run-cli.js';

const BIN = join(process.cwd(), 'bin', 'merchant.js');

interface Done {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface SentJson {
  message_id: string;
  link_id: string;
  status: string;
}

describePg('links dispatch from several hosts at once (built binary)', () => {
  let fake: FakeKustom;
  beforeAll(async () => {
    fake = await startFakeKustom({ latencyMs: 60 });
  });
  afterAll(async () => {
    await fake.close();
  });

  const envFor = (url: string, extra: Record<string, string> = {}): Record<string, string> => ({
    MERCHANT_DATABASE_URL: url,
    MERCHANT_API_KEY: DEFAULT_FAKE_API_KEY,
    MERCHANT_BASE_URL: fake.url,
    MERCHANT_BACKEND: 'kustom',
    ...extra,
  });

  function dispatcher(env: Record<string, string>): { child: ChildProcess; done: Promise<Done> } {
    const child = spawn(process.execPath, [BIN, 'links', 'dispatch', '--json'], { env: { ...process.env, MERCHANT_HOME: tempHome(), NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    return { child, done: new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))) };
  }

  const posts = (linkId: string): number => fake.requests.filter((r) => r.method === 'POST' && r.path === `/hpp/v1/sessions/${linkId}/distribution`).length;

  /** A migrated database with `count` links whose scheduled email is already due (created "two hours ago"). */
  async function dueLinks(count: number): Promise<{ url: string; links: string[] }> {
    const url = await createTestDatabase('dispatch');
    expect((await runCli(['db', 'migrate'], { env: { MERCHANT_DATABASE_URL: url } })).exitCode).toBe(0);
    const home = tempHome();
    const past = { now: () => new Date(Date.now() - 2 * 3_600_000) };
    const cli = (argv: string[]) => runCli(argv, { home, env: envFor(url), clock: past });
    expect((await cli(['stores', 'add', '--id', 'se-shop', '--name', 'Shop', '--country', 'SE', '--terms-url', 'https://s.example/terms'])).exitCode).toBe(0);
    const links: string[] = [];
    for (let i = 0; i < count; i++) {
      const r = await cli(['links', 'create', '--store', 'se-shop', '--email', `c${i}@example.com`, '--reference', `D-${i}`, '--line', TSHIRT, '--send', 'email', '--send-at', '1h', '--yes', '--json']);
      expect(r.exitCode, r.stderr).toBe(0);
      links.push(r.json<LinkJson>().link_id);
    }
    for (const id of links) expect(posts(id)).toBe(0);
    return { url, links };
  }

  async function statuses(url: string): Promise<Record<string, number>> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ status: string; n: string }>(`SELECT status, COUNT(*) AS n FROM link_messages GROUP BY status`);
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    } finally {
      await client.end();
    }
  }

  it('two dispatchers at once on two hosts: each due message sent exactly once between them', async () => {
    const { url, links } = await dueLinks(16);
    const a = dispatcher(envFor(url));
    const b = dispatcher(envFor(url));
    const [da, db] = await Promise.all([a.done, b.done]);
    expect(da.code, da.stderr).toBe(0);
    expect(db.code, db.stderr).toBe(0);
    const sent = [...JSON.parse(da.stdout), ...JSON.parse(db.stdout)] as SentJson[];
    expect(sent.filter((m) => m.status !== 'sent')).toEqual([]);
    expect(sent.map((m) => m.link_id).sort()).toEqual([...links].sort());
    for (const id of links) expect(posts(id), id).toBe(1);
    expect(await statuses(url)).toEqual({ sent: 16 });
    // Nothing is due any more, from either host.
    const again = dispatcher(envFor(url));
    expect(JSON.parse((await again.done).stdout)).toEqual([]);
    for (const id of links) expect(posts(id), id).toBe(1);
  }, 120_000);

  it('a dispatcher killed mid-run: its claim waits for the lease, then another dispatcher sends it', async () => {
    const { url, links } = await dueLinks(8);
    const lease = { MERCHANT_DISPATCH_LEASE_MS: '5000' };
    fake.configure({ latencyMs: 250 });
    try {
      const a = dispatcher(envFor(url, lease));
      const until = Date.now() + 60_000;
      while (links.filter((id) => posts(id) > 0).length < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      a.child.kill('SIGKILL');
      expect((await a.done).signal).toBe('SIGKILL');
    } finally {
      fake.configure({ latencyMs: 20 });
    }
    // At most the one message A was sending is still claimed; the rest are A's sent ones or free.
    const held = (await statuses(url))['sending'] ?? 0;
    expect(held).toBeLessThanOrEqual(1);
    const b = await runCli(['links', 'dispatch', '--json'], { env: envFor(url, lease) });
    expect(b.exitCode, b.stderr).toBe(0);
    expect((await statuses(url))['sending'] ?? 0).toBe(held);
    // Once the lease has run out, the next dispatch sends what A held.
    for (let i = 0; i < 100 && ((await statuses(url))['sending'] ?? 0) > 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      expect((await runCli(['links', 'dispatch', '--json'], { env: envFor(url, lease) })).exitCode).toBe(0);
    }
    expect(await statuses(url)).toEqual({ sent: 8 });
    // Every message reached Kustom; only one A was killed while sending can have reached it twice
    // (Kustom's distribution endpoint takes no idempotency key).
    const counts = links.map(posts);
    expect(counts.filter((n) => n < 1)).toEqual([]);
    expect(counts.filter((n) => n > 1).length).toBeLessThanOrEqual(held);
    expect(Math.max(...counts)).toBeLessThanOrEqual(2);
  }, 120_000);
});
