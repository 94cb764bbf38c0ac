/**
 * `merchant status`, the home summary, on both backends: open authorizations per store and currency,
 * those expiring within 7 days with the commands to act on them, links awaiting payment, and the balance
 * and next payout where the backend has them.
 */
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { seedOrders } from '../helpers/orders.js';
import { createLink } from '../helpers/links.js';
import { DEFAULT_FAKE_API_KEY, startFakeKustom } from '../helpers/fake-kustom/index.js';
import type { HomeStatus } from '../../src/services/status/home-status.js';

async function status(home: string, args: string[] = [], env: Record<string, string> = {}): Promise<HomeStatus> {
  const r = await runCli(['status', '--json', ...args], { home, env });
  expect(r.exitCode, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as HomeStatus;
}

describe('merchant status on the sandbox', () => {
  it('counts open authorizations and their amount, lists those expiring within 7 days with the commands, and counts unpaid links', async () => {
    const home = tempHome();
    const ids = await seedOrders(home, 3, 'H');
    const captured = await runCli(['orders', 'capture', ids[0]!, '--amount', '10', '--yes'], { home });
    expect(captured.exitCode, captured.stderr).toBe(0);
    await createLink(home, []);

    const fresh = await status(home);
    expect(fresh.backend).toBe('sandbox');
    expect(fresh.source).toBe('provider');
    const se = fresh.stores.find((s) => s.store_id === 'se-demo')!;
    const de = fresh.stores.find((s) => s.store_id === 'de-demo')!;
    expect(se.uncaptured).toHaveLength(1);
    const line = se.uncaptured[0]!;
    expect(line).toMatchObject({ currency: 'SEK', orders: 3, expiring_soon: 0, expiring_amount: 0 });
    expect(de.uncaptured).toEqual([]);
    expect(se.links).toEqual({ awaiting_payment: 1, expiring_today: 0 });
    expect(fresh.expiring).toEqual([]);
    expect(se.balance).toMatchObject({ available: true, pending: [{ currency_code: 'SEK' }] });

    // 25 hours on, the link (48 h by default) expires within 24 hours.
    await runCli(['sandbox', 'clock', 'advance', '25h'], { home });
    expect((await status(home)).stores.find((s) => s.store_id === 'se-demo')!.links).toEqual({ awaiting_payment: 1, expiring_today: 1 });

    // 24 days later: the authorizations (28 days) expire within 7 days; the link has expired.
    await runCli(['sandbox', 'clock', 'advance', '24d'], { home });
    const later = await status(home);
    const seLater = later.stores.find((s) => s.store_id === 'se-demo')!;
    expect(seLater.uncaptured[0]).toMatchObject({ orders: 3, amount: line.amount, expiring_soon: 3, expiring_amount: line.amount });
    expect(seLater.links.awaiting_payment).toBe(0);
    expect(later.expiring.map((e) => e.order_id).sort()).toEqual([...ids].sort());
    const first = later.expiring.find((e) => e.order_id === ids[0])!;
    expect(first.commands).toContain(`merchant orders capture ${ids[0]}`);
    expect(later.expiring.every((e) => e.commands.length > 0)).toBe(true);

    // Expired authorizations no longer wait for anyone.
    await runCli(['sandbox', 'clock', 'advance', '5d'], { home });
    const expired = await status(home);
    expect(expired.stores.find((s) => s.store_id === 'se-demo')!.uncaptured).toEqual([]);
  });

  it('--store narrows to one store; the human view names the store, the amounts and the next payout', async () => {
    const home = tempHome();
    await seedOrders(home, 2, 'N');
    const one = await status(home, ['--store', 'se-demo']);
    expect(one.stores.map((s) => s.store_id)).toEqual(['se-demo']);
    const human = await runCli(['status', '--store', 'se-demo'], { home });
    expect(human.exitCode).toBe(0);
    expect(human.stdout).toMatch(/Nordic Demo Shop \(se-demo\)/);
    expect(human.stdout).toMatch(/Uncaptured orders: +2 for [\d.]+ SEK/);
    expect(human.stdout).toMatch(/Next payout: +\d{4}-\d\d-\d\dT/);
    // Nothing captured yet: the next payout says so in words, not as an amount.
    expect(human.stdout).toMatch(/Next payout: +\S+, nothing to pay out so far/);
    expect(human.stdout).not.toMatch(/about nothing/);
    const unknown = await runCli(['status', '--store', 'nope'], { home });
    expect(unknown.exitCode).toBe(3);
  });
});

describe('merchant status: open disputes on the sandbox', () => {
  const ok = async (home: string, argv: string[], env: Record<string, string> = {}): Promise<string> => {
    const r = await runCli(argv, { home, env });
    expect(r.exitCode, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };
  const disputeOn = async (home: string, order: string, amount: string): Promise<{ dispute_id: string; response_deadline: string }> => {
    await ok(home, ['orders', 'capture', order, '--amount', '100', '--yes']);
    return JSON.parse(await ok(home, ['sandbox', 'disputes', 'open', order, '--amount', amount, '--reason', 'faulty_goods', '--json'])) as { dispute_id: string; response_deadline: string };
  };

  it('counts the open disputes still to answer, their amount, the first deadline and the command; answered or overdue ones no longer wait', async () => {
    const home = tempHome();
    const [a, b, c] = await seedOrders(home, 3, 'DS');
    const none = (await status(home)).stores.find((s) => s.store_id === 'se-demo')!;
    expect(none.disputes).toEqual({ available: true, open: 0, amounts: [], nearest: null });
    const first = await disputeOn(home, a!, '40');
    await ok(home, ['sandbox', 'clock', 'advance', '2d']);
    await disputeOn(home, b!, '25.50');
    const answered = await disputeOn(home, c!, '10');
    await ok(home, ['disputes', 'respond', answered.dispute_id, '--text', 'Delivered and signed for']);

    const se = (await status(home)).stores.find((s) => s.store_id === 'se-demo')!;
    expect(se.disputes).toEqual({
      available: true,
      open: 2,
      amounts: [{ currency: 'SEK', amount: 6_550 }],
      nearest: {
        dispute_id: first.dispute_id,
        order_id: a,
        currency: 'SEK',
        amount: 4_000,
        response_deadline: first.response_deadline,
        command: `merchant disputes respond ${first.dispute_id} --text "<your answer>"`,
      },
    });
    expect((await status(home)).stores.find((s) => s.store_id === 'de-demo')!.disputes).toMatchObject({ available: true, open: 0 });
    const human = await ok(home, ['status', '--store', 'se-demo']);
    expect(human).toMatch(/Open disputes: +2 for 65\.50 SEK; first to answer by .+ \(DSP-\w+, 40\.00 SEK\)/);
    expect(human).toContain(`$ merchant disputes respond ${first.dispute_id} --text "<your answer>"`);

    // 13 days on, the first deadline (14 days) has passed; the second is the one to answer.
    await ok(home, ['sandbox', 'clock', 'advance', '13d']);
    const later = (await status(home)).stores.find((s) => s.store_id === 'se-demo')!.disputes;
    expect(later).toMatchObject({ available: true, open: 1, amounts: [{ currency: 'SEK', amount: 2_550 }] });
    expect(later.available && later.nearest?.order_id).toBe(b);
  });

  it('a key whose Portal role may not view disputes or settlements sees why, not zero, and the rest of the page', async () => {
    const home = tempHome();
    const [order] = await seedOrders(home, 1, 'DR');
    await disputeOn(home, order!, '40');
    const admin = (await ok(home, ['keys', 'create', '--role', 'super_admin', '--store', 'se-demo'])).trim();
    const readOnly = (await ok(home, ['keys', 'create', '--role', 'read_only', '--store', 'se-demo'], { MERCHANT_API_KEY: admin })).trim();
    const se = (await status(home, ['--store', 'se-demo'], { MERCHANT_API_KEY: readOnly })).stores[0]!;
    expect(se.disputes).toMatchObject({ available: false, reason: expect.stringMatching(/not visible with this key.*Read Only.*view disputes/i) });
    expect(se.balance).toMatchObject({ available: false, reason: expect.stringMatching(/not visible with this key.*settlements/i) });
    expect(se.uncaptured).toHaveLength(1);
  });
});

describe('merchant status on the kustom backend', () => {
  it('answers from the local ledger without a request, and says the balance is not available', async () => {
    const fake = await startFakeKustom();
    try {
      const home = tempHome();
      const env = { MERCHANT_API_KEY: DEFAULT_FAKE_API_KEY };
      const cli = (argv: string[]) => runCli(['--backend', 'kustom', '--base-url', fake.url, ...argv], { home, env });
      expect((await cli(['stores', 'add', '--id', 'se-shop', '--name', 'Stockholm', '--country', 'SE', '--terms-url', 'https://s.example/terms'])).exitCode).toBe(0);
      const id = fake.seedOrder({ order_amount: 12_500 });
      expect((await cli(['orders', 'show', id])).exitCode).toBe(0);
      const before = fake.requests.length;

      const r = await cli(['status', '--json']);
      expect(r.exitCode, r.stderr).toBe(0);
      const s = JSON.parse(r.stdout) as HomeStatus;
      expect(s).toMatchObject({ backend: 'kustom', source: 'local_ledger' });
      expect(s.stores).toEqual([
        {
          store_id: 'se-shop',
          name: 'Stockholm',
          uncaptured: [{ currency: 'SEK', orders: 1, amount: 12_500, expiring_soon: 0, expiring_amount: 0 }],
          links: { awaiting_payment: 0, expiring_today: 0 },
          balance: { available: false, reason: 'not available on the kustom backend (missing capability settlements.balance)' },
          disputes: { available: false, reason: expect.stringContaining('not available on the kustom backend (missing capability disputes.read)') },
        },
      ]);
      expect(fake.requests.length).toBe(before);
      const human = await cli(['status']);
      expect(human.stdout).toMatch(/Balance: +not available on the kustom backend/);
      // Kustom has no disputes API: the line says so rather than showing zero.
      expect(human.stdout).toMatch(/Open disputes: +not available on the kustom backend/);
      expect(human.stdout).not.toMatch(/Open disputes: +(none|0)/);
      expect(fake.violations).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
