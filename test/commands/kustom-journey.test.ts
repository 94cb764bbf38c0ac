/**
 * The real user paths on the kustom backend, through the CLI against the fake Kustom server: a store, a
 * payment link sent by email, the consumer paying, the order captured/refunded/cancelled/released/extended,
 * bulk capture under faults, settlements, link cancel. Every request must be valid against the OpenAPI
 * files (`fake.violations` empty after each test).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FakeKustom, type FakeKustomOptions } from '../helpers/fake-kustom/index.js';
import { fakeKustomEachTest } from '../helpers/fake-kustom-each-test.js';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { TSHIRT } from '../helpers/links.js';

const KEY = 'kco_test_api_FAKEnotAREALCANARYcanary0';
const env = { MERCHANT_API_KEY: KEY };

let fake: FakeKustom | undefined;
const fakes = fakeKustomEachTest();

async function start(options: FakeKustomOptions = {}): Promise<{ fake: FakeKustom; home: string; cli: (argv: string[], stdin?: string) => ReturnType<typeof runCli> }> {
  fake = await fakes.start({ apiKey: KEY, ...options });
  const f = fake;
  const home = tempHome();
  const cli = (argv: string[], stdin?: string) => runCli(['--backend', 'kustom', '--base-url', f.url, ...argv], { home, env, ...(stdin === undefined ? {} : { stdin }) });
  const add = await cli(['stores', 'add', '--id', 'se-shop', '--name', 'Stockholm', '--country', 'SE', '--terms-url', 'https://s.example/terms']);
  expect(add.exitCode, add.stderr).toBe(0);
  return { fake: f, home, cli };
}

type LinkJson = { link_id: string; status: string; order_id: string | null };
type OrderJson = { order_id: string; status: string; captured_amount: number; refunded_amount: number; remaining_authorized_amount?: number; expires_at?: string };

describe('payment link to captured order on --backend kustom', () => {
  it('creates, sends, shows, lists, completes, then shows the order', async () => {
    const { fake, cli } = await start();
    const created = await cli(['links', 'create', '--store', 'se-shop', '--email', 'kund@example.se', '--reference', 'R-100', '--line', TSHIRT, '--send', 'email', '--json']);
    expect(created.exitCode, created.stderr).toBe(0);
    const link = created.json<LinkJson>();
    expect(link.status).toBe('created');
    // What Kustom received: a checkout order with the terms URL, an HPP session over it, an email distribution.
    expect(fake.state.checkoutOrders.size).toBe(1);
    const co = ([...fake.state.checkoutOrders.values()][0] as unknown as { data: unknown }).data as { merchant_urls: { terms: string }; merchant_reference1: string; order_amount: number };
    expect(co).toMatchObject({ merchant_urls: { terms: 'https://s.example/terms' }, merchant_reference1: 'R-100', order_amount: 25_000 });
    expect(fake.state.sessions.size).toBe(1);
    const session = [...fake.state.sessions.values()][0]!;
    expect(session.distributions).toEqual([expect.objectContaining({ method: 'email' })]);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['POST /checkout/v3/orders', 'POST /hpp/v1/sessions', `POST /hpp/v1/sessions/${session.session_id}/distribution`]));

    const shown = await cli(['links', 'show', link.link_id, '--json']);
    expect(shown.exitCode, shown.stderr).toBe(0);
    expect(shown.json<LinkJson>()).toMatchObject({ link_id: link.link_id, status: 'created', order_id: null });
    const listed = await cli(['links', 'list', '--store', 'se-shop', '--json']);
    expect(listed.json<LinkJson[]>().map((l) => [l.link_id, l.status])).toEqual([[link.link_id, 'created']]);

    const orderId = fake.completeSession(session.session_id);
    const paid = await cli(['links', 'show', link.link_id, '--json']);
    expect(paid.json<LinkJson>()).toMatchObject({ status: 'completed', order_id: orderId });
    const listedPaid = await cli(['links', 'list', '--store', 'se-shop', '--json']);
    expect(listedPaid.json<LinkJson[]>()[0]).toMatchObject({ status: 'completed', order_id: orderId });

    const order = await cli(['orders', 'show', orderId, '--json']);
    expect(order.exitCode, order.stderr).toBe(0);
    expect(order.json<OrderJson>()).toMatchObject({ order_id: orderId, status: 'AUTHORIZED', captured_amount: 0 });
    // A paid link cannot be cancelled: a state conflict, nothing sent to disable the session.
    const cancelPaid = await cli(['links', 'cancel', link.link_id, '--yes']);
    expect(cancelPaid.exitCode, cancelPaid.stderr).toBe(1);
    expect(fake.requests.some((r) => r.method === 'DELETE')).toBe(false);
  });

  it('links cancel disables the HPP session', async () => {
    const { fake, cli } = await start();
    const link = (await cli(['links', 'create', '--store', 'se-shop', '--email', 'kund@example.se', '--reference', 'R-2', '--line', TSHIRT, '--json'])).json<LinkJson>();
    const cancel = await cli(['links', 'cancel', link.link_id, '--yes']);
    expect(cancel.exitCode, cancel.stderr).toBe(0);
    expect(fake.requests.some((r) => r.method === 'DELETE' && r.path.startsWith('/hpp/v1/sessions/'))).toBe(true);
    expect((await cli(['links', 'show', link.link_id, '--json'])).json<LinkJson>().status).toBe('cancelled');
  });

  it.each([[403], [422], [500]])('links cancel reports failure (not success) when aborting the checkout order fails with %i', async (status) => {
    const { fake, cli } = await start();
    const link = (await cli(['links', 'create', '--store', 'se-shop', '--email', 'kund@example.se', '--reference', `R-${status}`, '--line', TSHIRT, '--json'])).json<LinkJson>();
    fake.configure({ faults: { answer: (r) => (r.method === 'POST' && r.path.endsWith('/abort') ? { status } : undefined) } });
    const cancel = await cli(['links', 'cancel', link.link_id, '--yes', '--json']);
    expect(cancel.exitCode).not.toBe(0);
    expect(cancel.stdout).toBe('');
    const error = JSON.parse(cancel.stderr) as { error: { message: string; details: { session_disabled: boolean; checkout_order_id: string } } };
    expect(error.error.message).toContain('did not abort its checkout order');
    expect(error.error.details.session_disabled).toBe(true);
  });
});

describe('orders on --backend kustom', () => {
  it('captures by line and by amount, refunds, releases, and lists captures in show', async () => {
    const { fake, cli } = await start();
    const id = fake.seedOrder({
      order_lines: [
        { type: 'physical', reference: 'A', name: 'A', quantity: 2, unit_price: 10_000, tax_rate: 2_500, total_amount: 20_000, total_tax_amount: 4_000 },
        { type: 'physical', reference: 'B', name: 'B', quantity: 1, unit_price: 5_000, tax_rate: 2_500, total_amount: 5_000, total_tax_amount: 1_000 },
      ],
      order_amount: 25_000,
    });
    const byLine = await cli(['orders', 'capture', id, '--line', 'A:1', '--yes', '--json']);
    expect(byLine.exitCode, byLine.stderr).toBe(0);
    expect(fake.state.orders.get(id)).toMatchObject({ captured_amount: 10_000, status: 'PART_CAPTURED' });
    const byAmount = await cli(['orders', 'capture', id, '--amount', '100.00', '--yes', '--json']);
    expect(byAmount.exitCode, byAmount.stderr).toBe(0);
    expect(fake.state.orders.get(id)).toMatchObject({ captured_amount: 20_000, remaining_authorized_amount: 5_000 });
    const refund = await cli(['orders', 'refund', id, '--amount', '50.00', '--yes', '--json']);
    expect(refund.exitCode, refund.stderr).toBe(0);
    const release = await cli(['orders', 'release', id, '--yes', '--json']);
    expect(release.exitCode, release.stderr).toBe(0);
    const shown = (await cli(['orders', 'show', id, '--json'])).json<OrderJson & { captures: unknown[]; refunds: unknown[] }>();
    expect(shown).toMatchObject({ captured_amount: 20_000, refunded_amount: 5_000, remaining_authorized_amount: 0 });
    expect(fake.state.orders.get(id)).toMatchObject({ remaining_authorized_amount: 0, refunded_amount: 5_000 });
    expect(shown.captures).toHaveLength(2);
    expect(shown.refunds).toHaveLength(1);
    // Nothing left to capture: a state conflict (exit 1), nothing sent.
    const before = fake.requests.filter((r) => r.method === 'POST').length;
    const again = await cli(['orders', 'capture', id, '--amount', '1.00', '--yes']);
    expect(again.exitCode, again.stderr).toBe(1);
    expect(again.stderr).toMatch(/fully captured/);
    expect(fake.requests.filter((r) => r.method === 'POST').length).toBe(before);
  });

  it('extends the authorization and cancels an uncaptured order', async () => {
    const { fake, cli } = await start();
    const id = fake.seedOrder({ order_amount: 10_000 });
    const before = fake.state.orders.get(id)!.expires_at;
    const extend = await cli(['orders', 'extend', id, '--yes', '--json']);
    expect(extend.exitCode, extend.stderr).toBe(0);
    expect(Date.parse(fake.state.orders.get(id)!.expires_at)).toBeGreaterThan(Date.parse(before));
    const cancel = await cli(['orders', 'cancel', id, '--yes', '--json']);
    expect(cancel.exitCode, cancel.stderr).toBe(0);
    expect(fake.state.orders.get(id)!.status).toBe('CANCELLED');
  });

  it('bulk capture from stdin under 503s and timeouts-after-commit captures each order exactly once', async () => {
    // Never more 503s in a row than a request's retry budget (4 attempts) leaves room for after a timeout:
    // left to chance, one run in a few hundred had a row meet a 503 on every attempt (concurrent requests
    // take the seeded draws in the order they arrive, which differs from run to run).
    const { fake, cli } = await start({ faults: { transientRate: 0.1, transientStreakMax: 2, timeoutAfterCommitRate: 0.25, seed: 7 } });
    const ids = Array.from({ length: 40 }, (_, i) => fake.seedOrder({ order_amount: 10_000 + i }));
    const r = await cli(['orders', 'capture', '-', '--concurrency', '8', '--yes', '--json'], `${ids.join('\n')}\n`);
    expect(r.exitCode, r.stderr).toBe(0);
    for (const [i, id] of ids.entries()) {
      const o = fake.state.orders.get(id)!;
      expect(o.captures, id).toHaveLength(1);
      expect(o).toMatchObject({ status: 'CAPTURED', captured_amount: 10_000 + i });
    }
    // The faults did fire: some POSTs were answered 503 or dropped after commit, and retried with the same key.
    const posts = fake.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/captures'));
    expect(posts.length).toBeGreaterThan(ids.length);
    expect(posts.some((q) => q.status === 0)).toBe(true);
    expect(posts.some((q) => q.status === 503)).toBe(true);
  });
});

describe('settlements on --backend kustom', () => {
  it('lists every payout past the 500-per-page limit, shows one and exports it', async () => {
    const { fake, cli } = await start({ payouts: 1_100 });
    const all = await cli(['settlements', 'payouts', '--store', 'se-shop', '--all', '--json']);
    expect(all.exitCode, all.stderr).toBe(0);
    const payouts = all.json<{ payment_reference: string }[]>();
    // Payouts alternate SEK/EUR in the fake; the store's currency is SEK.
    expect(payouts.length).toBe(fake.state.payouts.filter((p) => (p as { currency_code?: string }).currency_code === 'SEK').length);
    expect(payouts.length).toBeGreaterThan(500);
    const pages = fake.requests.filter((q) => q.path === '/settlements/v1/payouts');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.every((q) => Number(q.query['size']) <= 500)).toBe(true);
    const ref = payouts[0]!.payment_reference;
    const show = await cli(['settlements', 'show', ref, '--json']);
    expect(show.exitCode, show.stderr).toBe(0);
    const exp = await cli(['settlements', 'export', '--store', 'se-shop', '--payout', ref, '--out', '-']);
    expect(exp.exitCode, exp.stderr).toBe(0);
    expect(exp.stdout.split('\n')[0]).toMatch(/,/);
  });
});

describe('what the kustom backend refuses, naming itself', () => {
  it('--invoice-pdf, --message-template, settlements balance and keys create/revoke/issued exit 2 with a clear message', async () => {
    const { fake, cli } = await start();
    const pdf = join(tempHome(), 'invoice.pdf');
    writeFileSync(pdf, '%PDF-1.4\n%%EOF\n');
    const attach = await cli(['links', 'create', '--store', 'se-shop', '--email', 'k@example.se', '--reference', 'R', '--line', TSHIRT, '--invoice-pdf', pdf]);
    const template = await cli(['links', 'create', '--store', 'se-shop', '--email', 'k@example.se', '--reference', 'R', '--line', TSHIRT, '--send', 'email', '--message-template', 'Betala här: {url}']);
    const balance = await cli(['settlements', 'balance', '--store', 'se-shop']);
    const create = await cli(['keys', 'create', '--role', 'admin', '--store', 'se-shop']);
    const revoke = await cli(['keys', 'revoke', 'key_1', '--yes']);
    const issued = await cli(['keys', 'issued']);
    for (const r of [attach, template, balance, create, revoke, issued]) {
      expect(r.exitCode, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/kustom backend/);
      expect(r.stdout).toBe('');
    }
    expect(attach.stderr).toMatch(/attach|invoice/i);
    expect(template.stderr).toMatch(/template/i);
    expect(balance.stderr).toMatch(/balance/i);
    expect(create.stderr).toMatch(/key/i);
    // Nothing was created at Kustom by the refused commands.
    expect(fake.requests.filter((q) => q.method !== 'GET')).toEqual([]);
    // A template on resend is refused too, and sends nothing.
    const link = (await cli(['links', 'create', '--store', 'se-shop', '--email', 'k@example.se', '--reference', 'R', '--line', TSHIRT, '--json'])).json<LinkJson>();
    const posts = fake.requests.length;
    const resend = await cli(['links', 'resend', link.link_id, '--send', 'email', '--message-template', 'Betala här: {url}']);
    expect(resend.exitCode).toBe(2);
    expect(resend.stderr).toMatch(/kustom backend cannot send a custom message template/);
    expect(fake.requests.slice(posts).filter((q) => q.method !== 'GET')).toEqual([]);
  });
});
