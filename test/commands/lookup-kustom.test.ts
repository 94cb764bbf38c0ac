/** `merchant lookup` and any-identifier commands on --backend kustom, against the fake Kustom server. */
import { describe, expect, it } from 'vitest';
import { createKustomBackend } from '../../src/backends/kustom/kustom-backend.js';
import type { FakeKustom } from '../helpers/fake-kustom/index.js';
import { fakeKustomEachTest } from '../helpers/fake-kustom-each-test.js';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { TSHIRT } from '../helpers/links.js';

const KEY = 'kco_test_api_FAKEnotAREALCANARYcanary0';
const env = { MERCHANT_API_KEY: KEY };

let fake: FakeKustom | undefined;
const fakes = fakeKustomEachTest();

async function start(): Promise<{ fake: FakeKustom; cli: (argv: string[]) => ReturnType<typeof runCli> }> {
  fake = await fakes.start({ apiKey: KEY });
  const f = fake;
  const home = tempHome();
  // Retries wait no real time: a test that fails settlement reads on every attempt would otherwise spend
  // most of the test timeout in backoff sleeps on a slow machine.
  const cli = (argv: string[]) =>
    runCli(['--backend', 'kustom', '--base-url', f.url, ...argv], {
      home,
      env,
      overrides: { backendFactory: (deps) => createKustomBackend(deps, { sleep: async () => undefined }) },
    });
  expect((await cli(['stores', 'add', '--id', 'se-shop', '--name', 'Stockholm', '--country', 'SE', '--terms-url', 'https://s.example/terms'])).exitCode).toBe(0);
  return { fake: f, cli };
}

interface LookupJson {
  query: string;
  matches: { kind: string; order: { order_id: string; customer: { name?: string } } | null; links: { link_id: string }[]; settlements: { payment_reference: string; net_amount: number }[]; disputes: unknown[]; timeline: { type: string }[]; next_actions: string[] }[];
}

describe('merchant lookup --backend kustom', () => {
  // Some thirty commands in process: several seconds, more on a loaded machine.
  it('finds a paid link and its order by each identifier, from the ledger with live reads, with the payout that settled it', { timeout: 90_000 }, async () => {
    const { fake: f, cli } = await start();
    const created = await cli(['links', 'create', '--store', 'se-shop', '--email', 'Ola@Example.com', '--reference', 'K-100', '--link-reference', 'LR-100', '--line', TSHIRT, '--yes', '--json']);
    expect(created.exitCode, created.stderr).toBe(0);
    const link = created.json<{ link_id: string; url: string }>();
    const orderId = f.completeSession(link.link_id);
    const om = f.state.orders.get(orderId)!;
    om.billing_address = { given_name: 'Ola', family_name: 'Nordmann', email: 'ola@example.com', phone: '+4791234567' };
    // The link refreshes on read: the ledger learns the order, and `orders show` its snapshot.
    expect((await cli(['links', 'show', link.link_id, '--json'])).json<{ order_id: string }>().order_id).toBe(orderId);
    const captured = await cli(['orders', 'capture', orderId, '--amount', '100', '--reference', 'SHIP-9', '--yes', '--json']);
    expect(captured.exitCode, captured.stderr).toBe(0);
    const payout = f.state.payouts[0]!;
    f.state.transactions.push({ ...f.state.transactions[0]!, order_id: orderId, payment_reference: payout['payment_reference'], type: 'SALE', amount: 10_000, merchant_reference1: 'K-100' });
    const identifiers: [string, string][] = [
      [link.url, 'link_url'],
      ['lr-100', 'link_reference'],
      ['k-100', 'merchant_reference'],
      [om.klarna_reference.toLowerCase(), 'klarna_reference'],
      [orderId, 'order_id'],
      ['ship-9', 'capture_reference'],
      ['OLA@example.com', 'email'],
      ['ola nord', 'name'],
      ['+47 912 34 567', 'phone'],
      ['0047 91 23 45 67', 'phone'],
    ];
    for (const [identifier, kind] of identifiers) {
      const r = await cli(['lookup', identifier, '--json']);
      expect(r.exitCode, `${identifier}: ${r.stderr}`).toBe(0);
      const body = r.json<LookupJson>();
      expect(body.matches.map((m) => [m.order?.order_id, m.kind]), identifier).toEqual([[orderId, kind]]);
    }
    const story = (await cli(['lookup', 'K-100', '--json'])).json<LookupJson>().matches[0]!;
    expect(story.links.map((l) => l.link_id)).toEqual([link.link_id]);
    expect(story.order!.customer.name).toBe('Ola Nordmann');
    expect(story.settlements).toEqual([expect.objectContaining({ payment_reference: payout['payment_reference'], net_amount: 10_000 })]);
    expect(story.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['link_created', 'paid', 'captured', 'settled']));
    expect(story.next_actions).toContain(`merchant orders capture ${orderId}`);
    // Kustom documents no disputes API: the story has none, and offers no dispute command.
    expect(story.disputes).toEqual([]);
    expect(story.timeline.filter((e) => e.type.startsWith('dispute_'))).toEqual([]);
    expect(story.next_actions.filter((a) => a.includes('disputes'))).toEqual([]);
    // Any identifier everywhere: the Kustom reference and the merchant reference name the order.
    expect((await cli(['orders', 'show', om.klarna_reference, '--json'])).json<{ order_id: string }>().order_id).toBe(orderId);
    for (const typed of [link.url, link.url.toUpperCase(), link.link_id.toUpperCase(), orderId.toUpperCase(), ` ${orderId} `]) {
      expect((await cli(['orders', 'show', typed, '--json'])).json<{ order_id: string }>().order_id, typed).toBe(orderId);
    }
    expect((await cli(['links', 'show', link.url, '--json'])).json<{ link_id: string }>().link_id).toBe(link.link_id);
    expect((await cli(['orders', 'list', '--search', 'ola', '--json'])).json<unknown[]>()).toHaveLength(1);
  });

  it('finds an order this machine has never seen by its order ID (read live)', async () => {
    const { fake: f, cli } = await start();
    const id = f.seedOrder({ order_amount: 10_000, merchant_reference1: 'NEVER-SEEN' });
    const r = await cli(['lookup', id, '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json<LookupJson>().matches.map((m) => [m.order?.order_id, m.kind])).toEqual([[id, 'order_id']]);
  });

  it('finds an order never seen by a capture ID, refund ID or capture reference through the settlement transactions, then reads it live', async () => {
    const { fake: f, cli } = await start();
    const uuid = (n: number): string => `5e77a1ed-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const at = '2026-11-02T10:00:00Z';
    const captured = (n: number, reference: string) => ({ capture_id: uuid(n), klarna_reference: `KCAP${n}`, captured_amount: 10_000, captured_at: at, reference, order_lines: [], refunded_amount: 0, shipping_info: [] });
    const a = f.seedOrder({ order_amount: 10_000, captures: [captured(1, 'PARCEL-7')], refunds: [{ refund_id: uuid(2), refunded_amount: 2_000, refunded_at: at, order_lines: [] }] });
    const b = f.seedOrder({ order_amount: 10_000, captures: [captured(3, 'Parcel-8')] });
    // Payouts are listed by date; the fake's newest is the last. A's capture and refund were paid out in
    // the second newest payout, B's in the fifth newest.
    const newest = [...f.state.payouts].reverse();
    const settled = (orderId: string, payout: number, extra: Record<string, unknown>): void => {
      f.state.transactions.push({ ...f.state.transactions[0]!, order_id: orderId, payment_reference: newest[payout]!['payment_reference'], ...extra });
    };
    settled(a, 1, { type: 'SALE', amount: 10_000, capture_id: uuid(1), merchant_capture_reference: 'PARCEL-7' });
    settled(a, 1, { type: 'RETURN', amount: -2_000, capture_id: '', refund_id: uuid(2) });
    settled(b, 4, { type: 'SALE', amount: 10_000, capture_id: uuid(3), merchant_capture_reference: 'Parcel-8' });
    // The payouts whose transactions were read (the story reads the settling one again for its net amount).
    const payoutReads = (): string[] => [
      ...new Set(f.requests.filter((r) => r.path === '/settlements/v1/transactions' && /^FAKEPAY/.test(r.query['payment_reference'] ?? '')).map((r) => r.query['payment_reference']!)),
    ];
    const lookup = async (identifier: string): Promise<LookupJson> => {
      f.requests.length = 0;
      const r = await cli(['lookup', identifier, '--json']);
      expect(r.exitCode, `${identifier}: ${r.stderr}`).toBe(0);
      // Every request is one this lookup is expected to make: nothing else reaches Kustom.
      for (const req of f.requests) expect(`${req.method} ${req.path}`).toMatch(/^GET \/(ordermanagement\/v1\/orders\/[0-9a-f-]+|settlements\/v1\/(payouts(\/FAKEPAY\d+)?|transactions))$/);
      return r.json<LookupJson>();
    };

    const byCapture = await lookup(uuid(1));
    expect(byCapture.matches.map((m) => [m.order?.order_id, m.kind])).toEqual([[a, 'capture_id']]);
    // Newest first, stopping at the payout that names it; then the order is read live.
    expect(payoutReads()).toEqual([newest[0]!['payment_reference'], newest[1]!['payment_reference']]);
    expect(f.requests.filter((r) => r.path === `/ordermanagement/v1/orders/${a}`).length).toBeGreaterThan(0);

    const byReference = await lookup('parcel-8');
    expect(byReference.matches.map((m) => [m.order?.order_id, m.kind])).toEqual([[b, 'capture_reference']]);
    expect(payoutReads()).toHaveLength(5);

    // Once read, the order is in the ledger: its refund is found there, without listing payouts (only the
    // payout that settled it is read, for the story).
    const byRefund = await lookup(uuid(2));
    expect(byRefund.matches.map((m) => [m.order?.order_id, m.kind])).toEqual([[a, 'refund_id']]);
    expect(payoutReads()).toEqual([newest[1]!['payment_reference']]);
    expect(f.requests.some((r) => r.path === '/settlements/v1/payouts')).toBe(false);
  });

  it('the payouts name an order never seen but its read fails: the lookup fails (exit 1), it is no gap in the payouts', async () => {
    const { fake: f, cli } = await start();
    const a = f.seedOrder({ order_amount: 10_000 });
    const payout = [...f.state.payouts].reverse()[0]!;
    f.state.transactions.push({ ...f.state.transactions[0]!, order_id: a, payment_reference: payout['payment_reference'], type: 'SALE', amount: 10_000, merchant_capture_reference: 'PARCEL-9' });
    // Every payout read answers; only the order's own read fails, past the transport's budget.
    f.configure({ faults: { answer: (r) => (r.method === 'GET' && r.path === `/ordermanagement/v1/orders/${a}` ? { status: 503 } : undefined) } });
    const failed = await cli(['lookup', 'parcel-9', '--json']);
    expect(failed.exitCode, failed.stderr).toBe(1);
    expect(failed.stdout).toBe('');
    expect(JSON.parse(failed.stderr)).toMatchObject({ error: { kind: 'transient' } });
    f.configure({ faults: {} });
    const found = await cli(['lookup', 'parcel-9', '--json']);
    expect(found.exitCode, found.stderr).toBe(0);
    expect(found.json<LookupJson>().matches.map((m) => [m.order?.order_id, m.kind])).toEqual([[a, 'capture_reference']]);
  });

  it('reads at most the 30 newest payouts for a capture no payout names, then exits 3', async () => {
    const { fake: f, cli } = await start();
    f.requests.length = 0;
    const r = await cli(['lookup', '5e77a1ed-0000-4000-8000-00000000dead']);
    expect(r.exitCode, r.stderr).toBe(3);
    const read = f.requests.filter((q) => q.path === '/settlements/v1/transactions' && /^FAKEPAY/.test(q.query['payment_reference'] ?? ''));
    expect(read).toHaveLength(30);
    const dates = new Map(f.state.payouts.map((p) => [p['payment_reference'], String(p['payout_date'])]));
    const oldestRead = read.map((q) => dates.get(q.query['payment_reference'])!).sort()[0]!;
    expect(f.state.payouts.filter((p) => String(p['payout_date']) >= oldestRead)).toHaveLength(30);
  });

  it('a reference carried by links paid since they were last read names all their orders: capture refuses it (exit 2), moving nothing', async () => {
    const { fake: f, cli } = await start();
    const paid: string[] = [];
    for (const [reference, email] of [['ORD-7001', 'anna@example.com'], ['ord-7001', 'bo@example.com']] as const) {
      const created = await cli(['links', 'create', '--store', 'se-shop', '--email', email, '--reference', reference, '--line', TSHIRT, '--yes', '--json']);
      expect(created.exitCode, created.stderr).toBe(0);
      // Paid at Kustom; this machine has not read either link since.
      paid.push(f.completeSession(created.json<{ link_id: string }>().link_id));
    }
    for (const argv of [['orders', 'capture', 'Ord-7001', '--yes'], ['orders', 'refund', 'ORD-7001', '--amount', '1', '--yes'], ['orders', 'show', 'ord-7001']]) {
      const r = await cli(argv);
      expect(r.exitCode, `${argv.join(' ')}: ${r.stderr}`).toBe(2);
      for (const id of paid) expect(r.stderr, argv.join(' ')).toContain(id);
    }
    expect(f.requests.filter((q) => q.method === 'POST' && q.path.includes('/ordermanagement/'))
      .filter((q) => !q.path.endsWith('/acknowledge'))).toEqual([]);
    const found = await cli(['lookup', 'ORD-7001', '--json']);
    expect(found.json<LookupJson>().matches.map((m) => m.order?.order_id).sort()).toEqual([...paid].sort());
    // The link reference and the email still name exactly one each.
    expect((await cli(['orders', 'show', 'bo@example.com'])).exitCode).toBe(3);
  });

  it('a live read of the order failing during a lookup (500, server gone) exits 1 naming the read, with no stack trace and no key', async () => {
    const { fake: f, cli } = await start();
    const created = await cli(['links', 'create', '--store', 'se-shop', '--email', 'eva@example.com', '--reference', 'F-1', '--line', TSHIRT, '--yes', '--json']);
    const linkId = created.json<{ link_id: string }>().link_id;
    f.completeSession(linkId);
    expect((await cli(['lookup', 'F-1'])).exitCode).toBe(0);
    f.configure({ faults: { answer: (r) => (r.method === 'GET' && r.path.startsWith('/ordermanagement/') ? { status: 500 } : undefined) } });
    for (const argv of [['lookup', 'f-1'], ['lookup', 'eva@example.com', '--json']]) {
      const r = await cli(argv);
      expect(r.exitCode, `${argv.join(' ')}: ${r.stderr}`).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('orders.get');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr).not.toContain(KEY);
    }
    f.configure({ faults: {} });
    await f.close();
    expect(f.violations).toEqual([]);
    const gone = await cli(['lookup', 'F-1']);
    expect(gone.exitCode).toBe(1);
    expect(gone.stderr).toMatch(/Could not reach Kustom/);
    expect(gone.stderr).not.toMatch(/\n\s+at /);
    expect(gone.stderr).not.toContain(KEY);
  });

  it('exits 3 naming what it tried when nothing matches', async () => {
    const { cli } = await start();
    const r = await cli(['lookup', 'nobody@example.com']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('email');
  });

  it('settlements that cannot be read (503, 500, 429 past the budget): the story without them, the gap named in --json and on stderr, exit 5', async () => {
    const { fake: f, cli } = await start();
    const created = await cli(['links', 'create', '--store', 'se-shop', '--email', 'eva@example.com', '--reference', 'F-2', '--line', TSHIRT, '--yes', '--json']);
    const linkId = created.json<{ link_id: string }>().link_id;
    const orderId = f.completeSession(linkId);
    expect((await cli(['lookup', 'F-2'])).exitCode).toBe(0);
    for (const status of [503, 500, 429]) {
      f.configure({ faults: { answer: (r) => (r.method === 'GET' && r.path.startsWith('/settlements/') ? { status } : undefined) } });
      const json = await cli(['lookup', 'f-2', '--json']);
      expect(json.exitCode, `${status}: ${json.stderr}`).toBe(5);
      const body = json.json<LookupJson & { incomplete: { part: string; cause: string; reason: string }[]; matches: { incomplete: { part: string; cause: string; reason: string }[] }[] }>();
      expect(body.matches.map((m) => m.order?.order_id)).toEqual([orderId]);
      expect(body.matches[0]!.links.map((l) => l.link_id)).toEqual([linkId]);
      expect(body.matches[0]!.settlements).toEqual([]);
      expect(body.matches[0]!.timeline.map((e) => e.type)).toContain('paid');
      expect(body.matches[0]!.incomplete).toEqual([{ part: 'settlements', cause: 'read_failed', reason: expect.stringMatching(/^could not be read: .*settlements/) }]);
      expect(body.incomplete).toEqual([{ part: 'payment_reference', cause: 'read_failed', reason: expect.stringMatching(/^could not be read: /) }]);
      // stderr names what is missing and why; no stack trace, no key.
      expect(json.stderr).toMatch(/shown without .*settlements \(could not be read: /);
      expect(json.stderr).not.toMatch(/\n\s+at /);
      expect(json.stderr).not.toContain(KEY);
      const human = await cli(['lookup', 'f-2']);
      expect(human.exitCode).toBe(5);
      expect(human.stdout).toContain(orderId);
      expect(human.stdout).toMatch(/Not shown: settlements\s+could not be read/);
      expect(human.stderr).toMatch(/shown without .*settlements/);
    }
    // Nothing else matches and the payouts could not be searched: "not found" (3) would be a guess, so it is an error (exit 1).
    const none = await cli(['lookup', 'NOBODY-9']);
    expect(none.exitCode, none.stderr).toBe(1);
    expect(none.stderr).toMatch(/settlements/);
    f.configure({ faults: {} });
    expect((await cli(['lookup', 'f-2'])).exitCode).toBe(0);
  });

  it('the payouts cannot be searched for a capture not seen here: links still found (exit 5, gap named); nothing else found is exit 1, never 3', async () => {
    const { fake: f, cli } = await start();
    const created = await cli(['links', 'create', '--store', 'se-shop', '--email', 'ida@example.com', '--reference', 'U-1', '--line', TSHIRT, '--yes', '--json']);
    const linkId = created.json<{ link_id: string }>().link_id;
    f.configure({ faults: { answer: (r) => (r.method === 'GET' && r.path.startsWith('/settlements/') ? { status: 503 } : undefined) } });
    const unpaid = await cli(['lookup', 'u-1', '--json']);
    expect(unpaid.exitCode, unpaid.stderr).toBe(5);
    const body = unpaid.json<{ matches: { order: unknown; links: { link_id: string }[] }[]; incomplete: { part: string; cause: string }[] }>();
    expect(body.matches.map((m) => [m.order, m.links.map((l) => l.link_id)])).toEqual([[null, [linkId]]]);
    expect(body.incomplete.map((i) => [i.part, i.cause])).toEqual([
      ['capture_search', 'read_failed'],
      ['payment_reference', 'read_failed'],
    ]);
    // Only the payout list fails: the payment reference search works, the capture search does not.
    f.configure({ faults: { answer: (r) => (r.method === 'GET' && r.path === '/settlements/v1/payouts' ? { status: 503 } : undefined) } });
    const none = await cli(['lookup', 'SHIP-NEVER-SEEN']);
    expect(none.exitCode, none.stderr).toBe(1);
    expect(none.stderr).toMatch(/Nothing found for "SHIP-NEVER-SEEN" so far, but the search of payouts for a capture or refund could not be read/);
    f.configure({ faults: {} });
    expect((await cli(['lookup', 'SHIP-NEVER-SEEN'])).exitCode).toBe(3);
  });
});
