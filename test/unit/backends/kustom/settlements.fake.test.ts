/** Settlements and key verification on the kustom backend against the fake Kustom. */
import { afterEach, describe, expect, it } from 'vitest';
import type { TransactionQuery } from '../../../../src/backends/backend.js';
import { withFake, type FakeSetup } from '../../../helpers/with-fake-kustom.js';

let s: FakeSetup | undefined;

/** The payout date (YYYY-MM-DD) of the fake's i-th seeded payout (0 = oldest). */
const dayOf = (setup: FakeSetup, i: number): string => String(setup.fake.state.payouts[i]?.payout_date).slice(0, 10);
afterEach(async () => {
  const violations = (await s?.done()) ?? [];
  s = undefined;
  expect(violations).toEqual([]);
});

describe('kustom settlements through the fake', () => {
  // 1,203 payouts and as many transaction reads through the fake: seconds of CPU, more on a loaded machine.
  it('pages payouts past 500 with size ≤ 500 and offset, to the end', { timeout: 120_000 }, async () => {
    s = await withFake({ payouts: 1_203 });
    const page = await s.backend.settlements!.listPayouts({});
    expect(page.items).toHaveLength(1_203);
    expect(page.nextCursor).toBeUndefined();
    const payoutCalls = s.fake.requests.filter((r) => r.path === '/settlements/v1/payouts');
    expect(payoutCalls.map((r) => [r.query.size, r.query.offset])).toEqual([
      ['500', '0'],
      ['500', '500'],
      ['500', '1000'],
    ]);
    // Newest first, whatever order Kustom pages in.
    expect(page.items.map((p) => p.payment_reference).slice(0, 2)).toEqual(['FAKEPAY1203', 'FAKEPAY1202']);
    expect(page.items.at(-1)).toMatchObject({ payment_reference: 'FAKEPAY0001', currency_code: 'SEK', transaction_count: 3, totals: { sale_amount: 10_000 } });
    // Transaction counts are read only for the payouts returned.
    expect(s.fake.requests.filter((r) => r.path === '/settlements/v1/transactions')).toHaveLength(1_203);
  });

  it('returns a page of a given size with a cursor for the next, and filters by full-day dates', async () => {
    s = await withFake();
    const first = await s.backend.settlements!.listPayouts({ pageSize: 10 });
    expect(first.items).toHaveLength(10);
    const second = await s.backend.settlements!.listPayouts({ pageSize: 10, cursor: first.nextCursor });
    expect(first.items[0]?.payment_reference).toBe('FAKEPAY0045');
    expect(second.items[0]?.payment_reference).toBe('FAKEPAY0035');
    const date = dayOf(s, 1);
    const day = await s.backend.settlements!.listPayouts({ start_date: date, end_date: date });
    expect(day.items.map((p) => p.payment_reference)).toEqual(['FAKEPAY0002']);
    const call = s.fake.requests.find((r) => r.path === '/settlements/v1/payouts' && r.query.start_date !== undefined);
    expect(call?.query).toMatchObject({ start_date: `${date}T00:00:00Z`, end_date: `${date}T23:59:59Z` });
    // A store's payouts are those in its currencies (one key reaches one MID).
    const eur = await s.backend.settlements!.listPayouts({ store_id: 'de-demo' });
    expect(new Set(eur.items.map((p) => [p.currency_code, p.store_id].join()))).toEqual(new Set(['EUR,de-demo']));
  });

  it('gets one payout (not_found for an unknown one) and streams all transactions page by page', async () => {
    s = await withFake({ payouts: 600 });
    const settlements = s.backend.settlements!;
    expect(await settlements.getPayout('FAKEPAY0003')).toMatchObject({ payment_reference: 'FAKEPAY0003', transaction_count: 2 });
    await expect(settlements.getPayout('NOPE')).rejects.toMatchObject({ kind: 'not_found' });
    let count = 0;
    for await (const tx of settlements.transactions({})) {
      expect(tx.currency_code).toMatch(/^(SEK|EUR)$/);
      count += 1;
    }
    expect(count).toBe(s.fake.state.transactions.length);
    expect(count).toBeGreaterThan(1_000);
    const forOne: string[] = [];
    for await (const tx of settlements.transactions({ payment_reference: 'FAKEPAY0001' })) forOne.push(tx.type);
    expect(forOne).toEqual(['SALE', 'FEE', 'RETURN']);
  });

  it('streams a batch report (payout-date range) and a transaction report (capture-date range)', async () => {
    s = await withFake();
    const settlements = s.backend.settlements!;
    const batch: string[] = [];
    // payout_* come with the settlements work's TransactionQuery; passed structurally until that merge.
    const query = { payout_start_date: `${dayOf(s, 1)}T00:00:00Z`, payout_end_date: `${dayOf(s, 2)}T23:59:59Z` } as TransactionQuery;
    for await (const tx of settlements.transactions(query)) batch.push(`${tx.payment_reference}:${tx.type}`);
    expect(batch).toEqual(['FAKEPAY0002:SALE', 'FAKEPAY0002:FEE', 'FAKEPAY0003:SALE', 'FAKEPAY0003:FEE']);
    const byCapture: string[] = [];
    for await (const tx of settlements.transactions({ start_date: dayOf(s, 3), end_date: dayOf(s, 3) })) byCapture.push(tx.payment_reference ?? '');
    expect(byCapture).toEqual(['FAKEPAY0004', 'FAKEPAY0004', 'FAKEPAY0004']);
  });

  it('refuses balance with a message naming the backend, and verifies the key with one cheap call', async () => {
    s = await withFake();
    await expect(s.backend.settlements!.balance(undefined)).rejects.toMatchObject({ kind: 'usage', message: expect.stringMatching(/kustom backend cannot show a balance/) });
    expect(await s.backend.verifyCredentials!()).toEqual({ store_id: null, role: null, environment: 'test' });
    expect(s.fake.requests.at(-1)).toMatchObject({ path: '/settlements/v1/payouts', query: { size: '1' } });
    expect(s.backend.capabilities.has('keys.verify')).toBe(true);
    expect(s.backend.capabilities.has('keys.issue')).toBe(false);
    expect(s.backend.keys).toBeUndefined();
  });
});

describe('kustom key verification', () => {
  it('a key Kustom rejects is an auth error', async () => {
    s = await withFake({ apiKey: 'kco_test_api_theotherkeytheotherkey' });
    await expect(s.backend.verifyCredentials!()).rejects.toMatchObject({ kind: 'auth' });
  });
});
