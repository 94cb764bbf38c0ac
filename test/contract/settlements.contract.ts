/**
 * What every backend's settlements must do, through the Backend interface only. Data comes from the
 * backend's own volume seeding where it has one (the sandbox), plus a captured order and the clock where
 * the harness can move it; against a real provider the same checks run over whatever payouts exist.
 */
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src/backends/backend.js';
import type { Payout } from '../../src/domain/model/payout.js';
import { TRANSACTION_TYPES, type SettlementTransaction } from '../../src/domain/settlement-types.js';
import { settlementFromTotals } from '../../src/domain/settlement-totals.js';
import type { HarnessFactory } from './harness.js';

async function allTransactions(backend: Backend, reference: string): Promise<SettlementTransaction[]> {
  const out: SettlementTransaction[] = [];
  for await (const tx of backend.settlements?.transactions({ payment_reference: reference }) ?? []) out.push(tx);
  return out;
}

async function allPayouts(backend: Backend, storeId: string): Promise<Payout[]> {
  const out: Payout[] = [];
  let cursor: string | undefined;
  do {
    const page = await backend.settlements!.listPayouts({ store_id: storeId, pageSize: 50, cursor });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export function settlementsContract(factory: HarnessFactory): void {
  describe(`${factory.name}: settlements`, () => {
    it('every payout equals the sum of its transactions, and its totals follow the settlement formula', async () => {
      const h = await factory.create();
      try {
        if (!h.backend.capabilities.has('settlements.read')) return;
        await h.backend.settlements?.seedVolume?.({ transactions: 3000, store_ids: ['se-demo', 'de-demo'], months: 2, seed: 7 });
        for (const store of ['se-demo', 'de-demo']) {
          const payouts = await allPayouts(h.backend, store);
          expect(payouts.length).toBeGreaterThan(0);
          for (const payout of payouts) {
            const txs = await allTransactions(h.backend, payout.payment_reference);
            expect(txs.length).toBe(payout.transaction_count);
            expect(txs.reduce((s, t) => s + t.amount, 0)).toBe(payout.totals.settlement_amount);
            expect(settlementFromTotals(payout.totals)).toBe(payout.totals.settlement_amount);
            for (const tx of txs) {
              expect(TRANSACTION_TYPES).toContain(tx.type);
              expect(tx.payment_reference).toBe(payout.payment_reference);
              expect(tx.currency_code).toBe(payout.currency_code);
              expect(Number.isSafeInteger(tx.amount)).toBe(true);
            }
          }
        }
      } finally {
        await h.close();
      }
    });

    it('signs transactions by their effect: sales and fee refunds positive, returns and fees negative', async () => {
      const h = await factory.create();
      try {
        if (!h.backend.capabilities.has('settlements.read')) return;
        await h.backend.settlements?.seedVolume?.({ transactions: 2000, store_ids: ['se-demo'], months: 1, seed: 3 });
        const [payout] = await allPayouts(h.backend, 'se-demo');
        expect(payout).toBeDefined();
        const txs = await allTransactions(h.backend, payout!.payment_reference);
        for (const tx of txs) {
          if (tx.type === 'SALE' || tx.type === 'FEE_REFUND') expect(tx.amount).toBeGreaterThan(0);
          if (tx.type === 'RETURN' || tx.type === 'FEE') expect(tx.amount).toBeLessThan(0);
          if (tx.type === 'SALE' || tx.type === 'FEE') expect(tx.capture_id).toBeTruthy();
        }
        expect(txs.some((t) => t.type === 'SALE')).toBe(true);
      } finally {
        await h.close();
      }
    });

    it('pages payouts without overlap, filters by date and currency, and gets one by reference', async () => {
      const h = await factory.create();
      try {
        if (!h.backend.capabilities.has('settlements.read')) return;
        await h.backend.settlements?.seedVolume?.({ transactions: 4000, store_ids: ['se-demo'], months: 2, seed: 11 });
        const api = h.backend.settlements!;
        const first = await api.listPayouts({ store_id: 'se-demo', pageSize: 5 });
        expect(first.items).toHaveLength(5);
        const second = await api.listPayouts({ store_id: 'se-demo', pageSize: 5, cursor: first.nextCursor });
        const refs = new Set([...first.items, ...second.items].map((p) => p.payment_reference));
        expect(refs.size).toBe(first.items.length + second.items.length);
        // Newest first.
        expect(first.items[0]!.payout_date >= first.items[4]!.payout_date).toBe(true);
        const target = second.items[0]!;
        const day = target.payout_date.slice(0, 10);
        const sameDay = await api.listPayouts({ store_id: 'se-demo', start_date: `${day}T00:00:00.000Z`, end_date: `${day}T23:59:59.999Z` });
        expect(sameDay.items.map((p) => p.payment_reference)).toEqual([target.payment_reference]);
        expect((await api.listPayouts({ store_id: 'se-demo', currency_code: 'EUR' })).items).toEqual([]);
        await expect(api.getPayout(target.payment_reference)).resolves.toMatchObject({ payment_reference: target.payment_reference, totals: target.totals });
        await expect(api.getPayout('NOSUCHREF1')).rejects.toMatchObject({ kind: 'not_found' });
      } finally {
        await h.close();
      }
    });

    it('a capture is pending in the balance until the next cutoff, then paid out once, with its fees', async () => {
      const h = await factory.create();
      try {
        const api = h.backend.settlements!;
        if (!h.backend.capabilities.has('settlements.balance')) {
          // A backend without balances must refuse clearly, never answer with a guess.
          await expect(api.balance('se-demo')).rejects.toMatchObject({ message: expect.stringContaining(h.backend.name) });
          return;
        }
        if (!h.seedAuthorizedOrder || !h.advanceClock) throw new Error('the harness must seed orders and move the clock');
        const before = (await api.balance('se-demo')).find((b) => b.currency_code === 'SEK')?.pending_amount ?? 0;
        const orderId = await h.seedAuthorizedOrder({ storeId: 'se-demo', amount: 100_000, currency: 'SEK', reference: 'CONTRACT-1', capture: true });
        const pending = (await api.balance('se-demo')).find((b) => b.currency_code === 'SEK');
        // 1000.00 SEK less 2.49 % + 2.00 SEK fees and 25 % VAT on them.
        expect(pending?.pending_amount).toBe(before + 100_000 - 2490 - 200 - 673);
        await h.advanceClock(2 * 86_400_000);
        const rows: SettlementTransaction[] = [];
        for await (const tx of api.transactions({ order_id: orderId })) rows.push(tx);
        expect(rows.map((r) => [r.type, r.amount])).toEqual([
          ['SALE', 100_000],
          ['FEE', -2490],
          ['FEE', -200],
          ['TAX', -673],
        ]);
        const payout = await api.getPayout(rows[0]!.payment_reference!);
        expect(payout.totals).toMatchObject({ sale_amount: 100_000, fee_amount: 2690, tax_amount: 673, settlement_amount: 100_000 - 2690 - 673 });
        // Reading again settles nothing twice.
        const again: SettlementTransaction[] = [];
        for await (const tx of api.transactions({ order_id: orderId })) again.push(tx);
        expect(again).toHaveLength(4);
        expect((await api.balance('se-demo')).find((b) => b.currency_code === 'SEK')?.pending_amount ?? 0).toBe(0);
      } finally {
        await h.close();
      }
    });

    it('streams a date range of transactions in capture-date order', async () => {
      const h = await factory.create();
      try {
        if (!h.backend.capabilities.has('settlements.reports')) return;
        await h.backend.settlements?.seedVolume?.({ transactions: 3000, store_ids: ['de-demo'], months: 2, seed: 5 });
        const now = h.backend.clock.now();
        const start = new Date(now.getTime() - 20 * 86_400_000).toISOString();
        let previous = '';
        let n = 0;
        for await (const tx of h.backend.settlements!.transactions({ store_id: 'de-demo', start_date: start, end_date: now.toISOString(), purpose: 'export' })) {
          expect(tx.capture_date >= previous).toBe(true);
          expect(tx.capture_date >= start).toBe(true);
          previous = tx.capture_date;
          n++;
        }
        expect(n).toBeGreaterThan(0);
      } finally {
        await h.close();
      }
    });
  });
}
