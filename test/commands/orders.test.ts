import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { capturesPerOrder, seedOrders } from '../helpers/orders.js';

describe('merchant orders (single orders)', () => {
  it('lists orders as TSV, JSON and CSV, with status, reference and email filters', async () => {
    const home = tempHome();
    const [a, b] = await seedOrders(home, 3, 'LST');
    await runCli(['orders', 'capture', a!, '--yes'], { home });
    const tsv = await runCli(['orders', 'list'], { home });
    expect(tsv.exitCode).toBe(0);
    expect(tsv.stdout.trim().split('\n')).toHaveLength(3);
    const json = await runCli(['orders', 'list', '--status', 'captured', '--json'], { home });
    expect(json.json<{ order_id: string; captured_amount: number }[]>()).toEqual([expect.objectContaining({ order_id: a, captured_amount: 29900 })]);
    const byRef = await runCli(['orders', 'list', '--reference', 'LST-2', '--json'], { home });
    expect(byRef.json<{ order_id: string }[]>().map((o) => o.order_id)).toEqual([b]);
    const byEmail = await runCli(['orders', 'list', '--email', 'CUSTOMER3@example.com', '--json'], { home });
    expect(byEmail.json<unknown[]>()).toHaveLength(1);
    const csv = await runCli(['orders', 'list', '--csv', '--limit', '2'], { home });
    expect(csv.stdout.split('\n')[0]).toBe('order_id,store,status,amount,captured,refunded,reference,email,created,expires,currency');
    // Orders seeded in the same instant may list in either order: one of the two rows is uncaptured.
    expect(csv.stdout).toMatch(/,299\.00,0\.00,0\.00,.*,SEK$/m);
    expect(csv.stdout.trim().split('\n')).toHaveLength(3);
    const dated = await runCli(['orders', 'list', '--from', '2000-01-01', '--to', '2000-01-02', '--json'], { home });
    expect(dated.json<unknown[]>()).toEqual([]);
  });

  it('refuses an unknown status and a bad date naming the flag (exit 2)', async () => {
    const r = await runCli(['orders', 'list', '--status', 'SHIPPED']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--status');
    const d = await runCli(['orders', 'list', '--from', 'yesterday']);
    expect(d.exitCode).toBe(2);
    expect(d.stderr).toContain('--from');
  });

  it('shows an order by ID or merchant reference, with line progress and what is possible', async () => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1, 'SHW');
    await runCli(['orders', 'capture', id!, '--line', 'SKU-1:1', '--yes'], { home });
    const r = await runCli(['orders', 'show', 'SHW-1', '--json'], { home });
    expect(r.exitCode).toBe(0);
    const o = r.json<{ order_id: string; status: string; order_lines: { reference: string; captured_quantity: number }[]; captures: unknown[]; allowed_operations: string[]; expires_at: string }>();
    expect(o).toMatchObject({ order_id: id, status: 'PART_CAPTURED', allowed_operations: ['capture', 'refund', 'release', 'extend'] });
    expect(o.order_lines.map((l) => [l.reference, l.captured_quantity])).toEqual([['SKU-1', 1], ['SHIP', 0]]);
    expect(o.captures).toHaveLength(1);
    const table = await runCli(['orders', 'show', id!], { home, tty: true });
    expect(table.stdout).toContain('Authorization expires');
    expect(table.stdout).toContain('Captures');
    const missing = await runCli(['orders', 'show', 'nope'], { home });
    expect(missing.exitCode).toBe(3);
  });

  it('shows amount-only captures for what they are, with the link, phone and merchant reference 2', async () => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1);
    await runCli(['orders', 'capture', id!, '--amount', '100', '--yes'], { home });
    const json = (await runCli(['orders', 'show', id!, '--json'], { home })).json<{ link_id: string | null; merchant_reference2: string | null; customer: { phone?: string } }>();
    for (const mode of [{ tty: false }, { tty: true }]) {
      const r = await runCli(['orders', 'show', id!], { home, ...mode });
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toMatch(/Captured by amount \(no lines\)\s+100[.,]00/);
      expect(r.stdout).toContain('amount only');
      if (mode.tty) expect(r.stdout).toContain('Captured qty (by line)');
      for (const label of ['Payment link', 'Customer phone', 'Merchant reference 2']) expect(r.stdout).toContain(label);
    }
    const piped = await runCli(['orders', 'show', id!], { home });
    const field = (label: string) => piped.stdout.split('\n').find((l) => l.startsWith(`${label}\t`))?.split('\t')[1];
    expect(field('Payment link')).toBe(json.link_id ?? '');
    expect(field('Merchant reference 2')).toBe(json.merchant_reference2 ?? '');
    expect(field('Customer phone')).toBe(json.customer.phone ?? '');
  });

  it('prints a timeline', async () => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1);
    await runCli(['orders', 'capture', id!, '--amount', '100', '--yes'], { home });
    const r = await runCli(['orders', 'timeline', id!, '--json'], { home });
    // A list is a bare JSON array; each event names its order and the amount's currency.
    const events = r.json<{ order_id: string; type: string; amount: number; currency: string }[]>();
    expect(events.map((e) => [e.order_id, e.type, e.amount, e.currency])).toEqual([[id, 'created', 29900, 'SEK'], [id, 'captured', 10000, 'SEK']]);
    const piped = await runCli(['orders', 'timeline', id!], { home });
    expect(piped.stdout.split('\n')[1]?.split('\t')[2]).toBe('100.00 SEK');
    const csv = await runCli(['orders', 'timeline', id!, '--csv'], { home });
    expect(csv.stdout.split('\n').slice(0, 2)).toEqual(['at,event,amount,detail,currency', expect.stringMatching(/^[^,]+,created,299\.00,authorized,SEK$/)]);
    const table = await runCli(['orders', 'timeline', id!], { home, tty: true });
    expect(table.stdout).toMatch(/100[.,]00/);
    expect(table.stdout).not.toContain('10000');
  });

  it('captures with reference, description and shipping info; a retry of the same command captures nothing more', async () => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1);
    const argv = ['orders', 'capture', id!, '--amount', '50,00', '--reference', 'SHIP-1', '--description', 'first box', '--carrier', 'PostNord', '--tracking-number', 'PN1', '--tracking-url', 'https://track.example/PN1', '--yes', '--json'];
    const r = await runCli(argv, { home });
    expect(r.exitCode).toBe(0);
    expect(r.json()).toMatchObject({ captured_amount: 5000, reference: 'SHIP-1', description: 'first box', shipping_info: [{ shipping_company: 'PostNord', tracking_number: 'PN1', tracking_uri: 'https://track.example/PN1' }] });
    const again = await runCli(argv, { home });
    expect(again.json<{ capture_id: string }>().capture_id).toBe(r.json<{ capture_id: string }>().capture_id);
    expect(capturesPerOrder(home).get(id!)).toBe(1);
  });

  it('refuses locally with what is possible: too much, a finished order, unknown line, both --amount and --line', async () => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1);
    const tooMuch = await runCli(['orders', 'capture', id!, '--amount', '1000', '--yes'], { home });
    expect(tooMuch.exitCode).toBe(1);
    expect(tooMuch.stderr).toMatch(/only 299\.00 SEK remains authorized[\s\S]*You can capture up to 299\.00 SEK/);
    const badLine = await runCli(['orders', 'capture', id!, '--line', 'NOPE', '--yes'], { home });
    expect(badLine.exitCode).toBe(2);
    expect(badLine.stderr).toContain('SKU-1, SHIP');
    const both = await runCli(['orders', 'capture', id!, '--line', 'SKU-1', '--amount', '1', '--yes'], { home });
    expect(both.exitCode).toBe(2);
    const badAmount = await runCli(['orders', 'capture', id!, '--amount', '1.234', '--yes'], { home });
    expect(badAmount.exitCode).toBe(2);
    expect(badAmount.stderr).toContain('--amount');
    await runCli(['orders', 'capture', id!, '--yes'], { home });
    const done = await runCli(['orders', 'capture', id!, '--yes'], { home });
    expect(done.exitCode).toBe(1);
    expect(done.stderr).toMatch(/fully captured; nothing can be captured[\s\S]*refund up to 299\.00 SEK/);
    expect(capturesPerOrder(home).get(id!)).toBe(1);
  });

  it('needs --yes when not on a terminal, and changes nothing without it', async () => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1);
    for (const argv of [['capture', id!], ['refund', id!, '--amount', '1'], ['cancel', id!], ['release', id!], ['extend', id!]]) {
      const r = await runCli(['orders', ...argv], { home });
      if (argv[0] === 'refund' || argv[0] === 'release') continue; // refused by state first (tested below)
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('--yes');
    }
    expect(capturesPerOrder(home).size).toBe(0);
  });

  it('refunds by amount and by lines with a return fee; refuses more than captured', async () => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1);
    const early = await runCli(['orders', 'refund', id!, '--amount', '1', '--yes'], { home });
    expect(early.exitCode).toBe(1);
    expect(early.stderr).toContain('has no captures');
    await runCli(['orders', 'capture', id!, '--yes'], { home });
    const byAmount = await runCli(['orders', 'refund', id!, '--amount', '49', '--yes', '--json'], { home });
    expect(byAmount.json()).toMatchObject({ refunded_amount: 4900 });
    const byLine = await runCli(['orders', 'refund', id!, '--line', 'SKU-1:1', '--return-fee', '25', '--yes', '--json'], { home });
    expect(byLine.exitCode).toBe(0);
    expect(byLine.json()).toMatchObject({ refunded_amount: 10000, order_lines: [expect.objectContaining({ reference: 'SKU-1', quantity: 1 }), expect.objectContaining({ type: 'return_fee', total_amount: -2500 })] });
    const tooMuch = await runCli(['orders', 'refund', id!, '--amount', '1000', '--yes'], { home });
    expect(tooMuch.exitCode).toBe(1);
    expect(tooMuch.stderr).toContain('only 150.00 SEK can be refunded');
    const neither = await runCli(['orders', 'refund', id!, '--yes'], { home });
    expect(neither.exitCode).toBe(2);
  });

  it('cancels, releases and extends by the state rules', async () => {
    const home = tempHome();
    const [a, b, c] = await seedOrders(home, 3);
    const cancel = await runCli(['orders', 'cancel', a!, '--yes', '--json'], { home });
    expect(cancel.json()).toMatchObject({ status: 'CANCELLED' });
    const cancelAgain = await runCli(['orders', 'cancel', a!, '--yes'], { home });
    expect(cancelAgain.exitCode).toBe(1);
    const releaseEarly = await runCli(['orders', 'release', b!, '--yes'], { home });
    expect(releaseEarly.exitCode).toBe(1);
    expect(releaseEarly.stderr).toContain('cancel the order instead');
    await runCli(['orders', 'capture', b!, '--amount', '10', '--yes'], { home });
    const release = await runCli(['orders', 'release', b!, '--yes', '--json'], { home });
    expect(release.json()).toMatchObject({ status: 'CAPTURED', remaining_authorized_amount: 0 });
    await runCli(['sandbox', 'clock', 'advance', '10d'], { home });
    const extend = await runCli(['orders', 'extend', c!, '--yes', '--json'], { home });
    expect(extend.exitCode).toBe(0);
    await runCli(['sandbox', 'clock', 'advance', '85d'], { home });
    const tooLate = await runCli(['orders', 'extend', c!, '--yes'], { home });
    expect(tooLate.exitCode).toBe(1);
    expect(tooLate.stderr).toContain('only an open');
    const expired = await runCli(['orders', 'show', c!, '--json'], { home });
    expect(expired.json()).toMatchObject({ status: 'EXPIRED' });
  });

  it('retries injected transient faults on single commands', async () => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1);
    const r = await runCli(['orders', 'capture', id!, '--yes'], { home, env: { MERCHANT_SANDBOX_FAULTS: 'transient=0.3,timeout_after_commit=0.5,seed=3,retry_after_ms=1' } });
    // The draws fall per request: every attempt may fail before it commits (about 1 run in 100), which
    // is a definite failure (exit 1) with nothing captured; otherwise captured (0) or unknown (6).
    expect([0, 1, 6]).toContain(r.exitCode);
    if (r.exitCode === 1) expect(capturesPerOrder(home).get(id!) ?? 0).toBe(0);
    const again = await runCli(['orders', 'capture', id!, '--yes'], { home });
    expect(again.exitCode === 0 || again.stderr.includes('fully captured')).toBe(true);
    expect(capturesPerOrder(home).get(id!)).toBe(1);
  });
});

describe('merchant orders list (store scope)', () => {
  it('lists the default store only, and --store overrides it', async () => {
    const home = tempHome();
    await seedOrders(home, 2, 'SE');
    await runCli(['stores', 'configure', 'de-demo', '--terms-url', 'https://shop.example/agb'], { home });
    await seedOrders(home, 1, 'DE', 'de-demo');
    const all = await runCli(['orders', 'list', '--json'], { home });
    expect(all.json<unknown[]>()).toHaveLength(3);
    const de = await runCli(['orders', 'list', '--json'], { home, env: { MERCHANT_STORE: 'de-demo' } });
    expect(de.json<{ store_id: string }[]>().map((o) => o.store_id)).toEqual(['de-demo']);
    const se = await runCli(['orders', 'list', '--store', 'se-demo', '--json'], { home, env: { MERCHANT_STORE: 'de-demo' } });
    expect(se.json<unknown[]>()).toHaveLength(2);
  });
});
