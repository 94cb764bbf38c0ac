/**
 * Bulk capture names each capture by its business identity (order + capture reference, or order + what
 * the row captures), never by the run: inputs that grow, are shuffled, split, or re-run a week later on
 * another journal capture each shipment once — on both backends. Also: a rejected key stops the run
 * (exit 4), every input problem is reported in one pass with nothing sent, and a re-run that has nothing
 * to do says so.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { FakeKustom } from '../helpers/fake-kustom/index.js';
import { fakeKustomEachTest } from '../helpers/fake-kustom-each-test.js';
import { seedOrders } from '../helpers/orders.js';
import { runCli, tempHome, type CliResult } from '../helpers/run-cli.js';

interface Row {
  row: number;
  order_id: string | null;
  status: string;
  classification: string;
  amount: number;
  capture_id: string | null;
  capture_reference: string | null;
  reason: string | null;
}
interface Cap {
  capture_id: string;
  reference: string | null;
  amount: number;
}

const lines = (text: string): Row[] => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
const sorted = (text: string): Row[] => lines(text).sort((a, b) => a.row - b.row);

interface Backend {
  home: string;
  /** Orders with at least 250.00 authorized each. */
  orders(n: number): Promise<string[]>;
  cli(argv: string[], stdin?: string): Promise<CliResult>;
  captures(orderId: string): Cap[];
  /** Capture requests the provider received so far (sandbox: captures it holds; no retries there). */
  capturePosts(): number;
  /** A week passes: the provider forgets idempotency keys, and the run is on a machine with a new journal. */
  weekLater(): Promise<void>;
}

function forgetJournal(home: string): void {
  for (const f of readdirSync(join(home, 'data'))) if (f.startsWith('journal.db')) rmSync(join(home, 'data', f));
}

async function sandbox(): Promise<Backend> {
  const home = tempHome();
  const all = (): Cap[] & { order_id?: string }[] => {
    const db = new Database(join(home, 'data', 'sandbox.db'), { readonly: true });
    try {
      return db.prepare(`SELECT order_id, capture_id, reference, captured_amount AS amount FROM captures`).all() as (Cap & { order_id: string })[];
    } finally {
      db.close();
    }
  };
  return {
    home,
    orders: (n) => seedOrders(home, n, `ID${Math.random().toString(36).slice(2, 6)}`),
    cli: (argv, stdin) => runCli(argv, { home, ...(stdin === undefined ? {} : { stdin }) }),
    captures: (id) => (all() as (Cap & { order_id: string })[]).filter((c) => c.order_id === id).map(({ capture_id, reference, amount }) => ({ capture_id, reference, amount })),
    capturePosts: () => all().length,
    async weekLater() {
      const r = await runCli(['sandbox', 'clock', 'advance', '8d'], { home });
      expect(r.exitCode, r.stderr).toBe(0);
      forgetJournal(home);
    },
  };
}

let fake: FakeKustom | undefined;
const fakes = fakeKustomEachTest();

async function kustom(apiKey?: string): Promise<Backend> {
  const f = await fakes.start();
  fake = f;
  const home = tempHome();
  const env = { MERCHANT_API_KEY: apiKey ?? 'kco_test_api_fakefakefakefakefake' };
  const cli = (argv: string[], stdin?: string): Promise<CliResult> =>
    runCli(['--backend', 'kustom', '--base-url', f.url, ...argv], { home, env, ...(stdin === undefined ? {} : { stdin }) });
  const add = await runCli(['--backend', 'kustom', '--base-url', f.url, 'stores', 'add', '--id', 'se-shop', '--name', 'S', '--country', 'SE', '--terms-url', 'https://s.example/t', '--default'], {
    home,
    env: { MERCHANT_API_KEY: 'kco_test_api_fakefakefakefakefake' },
  });
  expect(add.exitCode, add.stderr).toBe(0);
  return {
    home,
    orders: async (n) => Array.from({ length: n }, () => f.seedOrder({ order_amount: 40_000 })),
    cli,
    captures: (id) => (f.state.orders.get(id)?.captures ?? []).map((c) => ({ capture_id: c.capture_id, reference: c.reference ?? null, amount: c.captured_amount })),
    capturePosts: () => f.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/captures')).length,
    async weekLater() {
      f.advanceClock(8 * 86_400_000);
      f.state.idempotency.clear();
      forgetJournal(home);
    },
  };
}

function csv(home: string, name: string, rows: string[]): string {
  const file = join(home, name);
  writeFileSync(file, `order_id,amount,capture_reference\n${rows.join('\n')}\n`);
  return file;
}

describe.each([
  ['sandbox', sandbox],
  ['kustom (fake)', kustom],
] as const)('bulk capture identity on %s', (_name, setup) => {
  it('a grown, then shuffled input captures each shipment once; the first captures are reported with their IDs', async () => {
    const b = await setup();
    const ids = await b.orders(4);
    const shipments = ids.map((id, i) => `${id},100.00,SHIP-${i + 1}`);
    const first = await b.cli(['orders', 'capture', '--from', csv(b.home, 'a.csv', shipments.slice(0, 3)), '--yes', '--json']);
    expect(first.exitCode, first.stderr).toBe(0);
    const firstIds = sorted(first.stdout).map((r) => r.capture_id);
    const grown = await b.cli(['orders', 'capture', '--from', csv(b.home, 'b.csv', shipments), '--yes', '--json']);
    expect(grown.exitCode, grown.stderr).toBe(0);
    const rows = sorted(grown.stdout);
    expect(rows.map((r) => r.status)).toEqual(['already_captured', 'already_captured', 'already_captured', 'captured']);
    expect(rows.slice(0, 3).map((r) => r.capture_id)).toEqual(firstIds);
    expect(grown.stderr).toBe(''); // --json: the rows on stdout say it
    const shuffled = await b.cli(['orders', 'capture', '--from', csv(b.home, 'c.csv', [...shipments].reverse()), '--yes', '--json']);
    expect(shuffled.exitCode, shuffled.stderr).toBe(0);
    expect(shuffled.stderr).toBe(''); // --json: the rows on stdout say it
    expect(sorted(shuffled.stdout).every((r) => r.status === 'already_captured')).toBe(true);
    expect(shuffled.stderr).not.toContain('Plan ');
    expect(sorted(shuffled.stdout).every((r) => r.status === 'already_captured')).toBe(true);
    for (const [i, id] of ids.entries()) expect(b.captures(id).map((c) => [c.reference, c.amount])).toEqual([[`SHIP-${i + 1}`, 10_000]]);
  });

  it('an input split in two halves, then run whole, captures each of several shipments per order once', async () => {
    const b = await setup();
    const ids = await b.orders(3);
    const all = ids.flatMap((id) => [`${id},100.00,BOX-A`, `${id},50.00,BOX-B`, `${id},25.00,`]);
    const [h1, h2] = [all.filter((_, i) => i % 2 === 0), all.filter((_, i) => i % 2 === 1)];
    for (const [name, part] of [['h1.csv', h1], ['h2.csv', h2]] as const) {
      const r = await b.cli(['orders', 'capture', '--from', csv(b.home, name, part), '--yes', '--json']);
      expect(r.exitCode, r.stderr).toBe(0);
    }
    const whole = await b.cli(['orders', 'capture', '--from', csv(b.home, 'all.csv', all), '--yes', '--json']);
    expect(whole.exitCode, whole.stderr).toBe(0);
    expect(whole.stderr).toBe(''); // --json: the rows on stdout say it
    expect(sorted(whole.stdout).every((r) => r.status === 'already_captured')).toBe(true);
    for (const id of ids) {
      expect(b.captures(id).map((c) => `${c.reference ?? '-'}:${c.amount}`).sort()).toEqual(['-:2500', 'BOX-A:10000', 'BOX-B:5000']);
    }
  });

  it('re-run a week later on a new journal (keys forgotten) sends nothing: the order already has each capture', async () => {
    const b = await setup();
    const ids = await b.orders(3);
    const file = join(b.home, 'week.csv');
    // A reference, an amount without reference, and a full capture without reference.
    writeFileSync(file, `order_id,amount,capture_reference\n${ids[0]},100.00,W-1\n${ids[1]},120.00,\n${ids[2]},,\n`);
    const first = await b.cli(['orders', 'capture', '--from', file, '--yes', '--json']);
    expect(first.exitCode, first.stderr).toBe(0);
    const firstIds = sorted(first.stdout).map((r) => r.capture_id);
    await b.weekLater();
    const posts = b.capturePosts();
    const again = await b.cli(['orders', 'capture', '--from', file, '--yes', '--json']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(b.capturePosts()).toBe(posts);
    expect(sorted(again.stdout).map((r) => [r.status, r.capture_id])).toEqual(firstIds.map((id) => ['already_captured', id]));
    expect(again.stderr).toBe(''); // --json: the rows on stdout say it
    expect(sorted(again.stdout).every((r) => r.status === 'already_captured')).toBe(true);
    for (const id of ids) expect(b.captures(id)).toHaveLength(1);
  });

  it('refuses two rows naming one capture, and every other problem, in one message with nothing sent', async () => {
    const b = await setup();
    const ids = await b.orders(3);
    const file = join(b.home, 'bad.csv');
    writeFileSync(file, `order_id,amount,capture_reference,tracking_url\n${ids[0]},12.345,,\n${ids[1]},100.00,DUP,\n${ids[1]},50.00,DUP,\n${ids[2]},10.00,,ftp://x\n`);
    const posts = b.capturePosts();
    const r = await b.cli(['orders', 'capture', '--from', file, '--yes']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/row 2 amount[\s\S]*row 4: repeats order \S+ from row 3 with the same capture_reference DUP[\s\S]*row 5 tracking_url/);
    expect(r.stderr).toContain('Nothing was captured');
    expect(b.capturePosts()).toBe(posts);
  });

  it('a grown file with every kind of problem at once is refused in one message naming each, with nothing sent', async () => {
    const b = await setup();
    const ids = await b.orders(5);
    const file = join(b.home, 'grown.csv');
    writeFileSync(
      file,
      [
        'order_id,amount,capture_reference,warehouse,note',
        `${ids[0]},12.345,,W1,`,
        `,10.00,,W1,`,
        `${ids[1]},20.00,,W2,`,
        `${ids[1]},20.00,,W2,`,
        `${ids[2]},30.00,S-1,W1,`,
        `${ids[2]},35.00,S-1,W1,`,
        `${ids[3]},7.999,,W3,`,
        `   ,5.00,,W3,`,
        `${ids[4]},40.00,S-2,W1,`,
        '',
      ].join('\n'),
    );
    const posts = b.capturePosts();
    const r = await b.cli(['orders', 'capture', '--from', file, '--yes']);
    expect(r.exitCode).toBe(2);
    const expected = [
      /header: unknown column\(s\) warehouse, note/,
      /row 2 amount/,
      /row 3 order_id: is empty/,
      /row 5: repeats order \S+ from row 4 with the same content/,
      /row 7: repeats order \S+ from row 6 with the same capture_reference S-1/,
      /row 8 amount/,
      /row 9 order_id: is empty/,
    ];
    let at = 0;
    for (const re of expected) {
      const m = re.exec(r.stderr.slice(at));
      expect(m, `${String(re)} in order in:\n${r.stderr}`).not.toBeNull();
      at += (m?.index ?? 0) + (m?.[0].length ?? 0);
    }
    expect(r.stderr).not.toMatch(/row 10/);
    expect(r.stderr).toContain('Nothing was captured');
    expect(b.capturePosts()).toBe(posts);
    for (const id of ids) expect(b.captures(id)).toEqual([]);
  });

  it('reports NDJSON rows as they finish: rows known when planning come before the rows captured now', async () => {
    const b = await setup();
    const ids = await b.orders(3);
    const once = await b.cli(['orders', 'capture', ids[2]!, '--yes']);
    expect(once.exitCode, once.stderr).toBe(0);
    const r = await b.cli(['orders', 'capture', ...ids, '--yes', '--json', '--concurrency', '1']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(lines(r.stdout).map((x) => [x.row, x.status])).toEqual([
      [3, 'already_captured'],
      [1, 'captured'],
      [2, 'captured'],
    ]);
  });
});

describe('bulk capture with a rejected key', () => {
  it('kustom: stops at the first 401 while planning and exits 4; nothing more is sent', async () => {
    const b = await kustom('kco_test_api_FAKEnotAREALrevoked00');
    const ids = await b.orders(5);
    const before = fake!.requests.length;
    const r = await b.cli(['orders', 'capture', ...ids, '--yes', '--json', '--concurrency', '1']);
    expect(r.exitCode).toBe(4);
    expect(fake!.requests.length - before).toBe(1);
    expect(r.stdout).toBe('');
  });

  it('sandbox: a key without the right to capture stops the run at the first capture and exits 4', async () => {
    const b = await sandbox();
    const ids = await b.orders(4);
    const key = await runCli(['keys', 'create', '--role', 'read_only', '--store', 'se-demo'], { home: b.home });
    expect(key.exitCode, key.stderr).toBe(0);
    const r = await runCli(['orders', 'capture', ...ids, '--yes', '--json', '--concurrency', '1'], { home: b.home, env: { MERCHANT_API_KEY: key.stdout.trim() } });
    expect(r.exitCode, r.stderr).toBe(4);
    const rows = sorted(r.stdout);
    expect(rows.map((x) => x.status)).toEqual(['failed', 'failed', 'failed', 'failed']);
    expect(rows.slice(1).every((x) => x.reason?.startsWith('not attempted'))).toBe(true);
    expect(b.capturePosts()).toBe(0);
  });
});
