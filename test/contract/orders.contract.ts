/** What every backend's Order Management must do (through the Backend interface only). */
import { describe, expect, it } from 'vitest';
import type { Backend } from '../../src/backends/backend.js';
import type { ContractHarness, HarnessFactory } from './harness.js';

async function withOrder(factory: HarnessFactory, amount: number, run: (h: ContractHarness, orders: NonNullable<Backend['orders']>, orderId: string) => Promise<void>): Promise<void> {
  const h = await factory.create();
  try {
    const orders = h.backend.orders;
    if (!orders || !h.seedAuthorizedOrder) return;
    const orderId = await h.seedAuthorizedOrder({ storeId: 'se-demo', amount, currency: 'SEK', reference: `REF-${amount}` });
    await run(h, orders, orderId);
  } finally {
    await h.close();
  }
}

const key = (s: string): string => `contract-${s}-${Math.random().toString(36).slice(2)}`;

export function ordersContract(factory: HarnessFactory): void {
  describe(`${factory.name}: orders`, () => {
    it('reads an authorized order by ID and by merchant reference', async () => {
      await withOrder(factory, 10000, async (_h, orders, id) => {
        const order = await orders.get(id);
        expect(order).toMatchObject({ order_id: id, status: 'AUTHORIZED', order_amount: 10000, captured_amount: 0, remaining_authorized_amount: 10000, purchase_currency: 'SEK' });
        expect((await orders.findByReference('se-demo', 'REF-10000'))?.order_id).toBe(id);
        await expect(orders.get('no-such-order')).rejects.toMatchObject({ kind: 'not_found' });
      });
    });

    it('reads several orders at once as get reads each, in the order asked, leaving out IDs that name no order', async () => {
      await withOrder(factory, 10200, async (h, orders, id) => {
        const other = await h.seedAuthorizedOrder?.({ storeId: 'se-demo', amount: 10300, currency: 'SEK', reference: 'REF-10300' });
        if (!other) return;
        await orders.capture(other, { captured_amount: 300 }, { idempotencyKey: key('many') });
        const many = await orders.getMany([other, 'no-such-order', id, other]);
        expect(many).toEqual([await orders.get(other), await orders.get(id)]);
        expect(many[0]).toMatchObject({ status: 'PART_CAPTURED', captured_amount: 300, captures: [{ captured_amount: 300 }] });
        expect(await orders.getMany([])).toEqual([]);
      });
    });

    it('searches orders by merchant reference and Kustom reference in any case, by capture ID and capture reference', async () => {
      await withOrder(factory, 10100, async (_h, orders, id) => {
        // Read once: a backend that cannot list orders (kustom) finds the orders it has seen.
        const order = await orders.get(id);
        const byRef = await orders.search({ text: 'ref-10100', kinds: ['merchant_reference'], limit: 5 });
        expect(byRef.map((m) => [m.order.order_id, m.kind])).toEqual([[id, 'merchant_reference']]);
        const byShort = await orders.search({ text: order.klarna_reference.toLowerCase(), kinds: ['klarna_reference', 'merchant_reference'], limit: 5 });
        expect(byShort.map((m) => [m.order.order_id, m.kind])).toEqual([[id, 'klarna_reference']]);
        const capture = await orders.capture(id, { captured_amount: 100, reference: 'SHIP-77' }, { idempotencyKey: key('search') });
        await orders.get(id);
        expect((await orders.search({ text: capture.capture_id, kinds: ['order_id', 'capture_id'], limit: 5 })).map((m) => m.kind)).toEqual(['capture_id']);
        expect((await orders.search({ text: 'ship-77', kinds: ['capture_reference'], limit: 5 })).map((m) => m.order.order_id)).toEqual([id]);
        expect(await orders.search({ text: 'REF-none', kinds: ['merchant_reference', 'klarna_reference'], limit: 5 })).toEqual([]);
        expect(await orders.search({ text: 'ref-10100', kinds: ['merchant_reference'], store_id: 'de-demo', limit: 5 })).toEqual([]);
      });
    });

    it('finds a customer by the start of any word of the name: middle, hyphenated, any case, no accents, letters written out, no inner text', async () => {
      const h = await factory.create();
      try {
        const orders = h.backend.orders;
        if (!orders || !h.seedAuthorizedOrder) return;
        const seed = async (given_name: string, family_name: string, amount: number): Promise<string> => {
          const id = await h.seedAuthorizedOrder!({ storeId: 'se-demo', amount, currency: 'SEK', customer: { given_name, family_name } });
          // Read once: a backend that cannot list orders (kustom) finds the orders it has seen.
          await orders.get(id);
          return id;
        };
        const lindqvist = await seed('Anna-Karin Maria', 'Lindqvist-Berg', 10200);
        const muller = await seed('Jonas', 'Müller', 10300);
        const obrien = await seed('Åsa', "O'Brien", 10400);
        const moller = await seed('Søren', 'Møller', 10500);
        const mueller = await seed('Petra', 'Mueller', 10600);
        const found = async (text: string): Promise<string[]> => (await orders.search({ text, kinds: ['name'], limit: 10 })).map((m) => m.order.order_id).sort();
        const cases: [string, string[]][] = [
          ['anna', [lindqvist]],
          ['karin', [lindqvist]],
          ['MARIA', [lindqvist]],
          ['berg', [lindqvist]],
          ['lindqvist-b', [lindqvist]],
          ['  berg anna  ', [lindqvist]],
          ['muller', [muller]],
          ['Mül', [muller, mueller]],
          // Special letters as written without them (ü → ue, å → aa, ø → oe), and the other way round.
          ['mueller', [muller, mueller]],
          ['Müller', [muller, mueller]],
          ['MUELLER jonas', [muller]],
          ['aasa', [obrien]],
          ['soeren moeller', [moller]],
          ['soren', [moller]],
          ['Möller', [moller]],
          ['asa', [obrien]],
          ['brien', [obrien]],
          ['obrien', [obrien]],
          ["o'bri", [obrien]],
          ['anna jonas', []],
          ['arin', []],
          ['a', []],
        ];
        for (const [text, ids] of cases) expect([text, await found(text)]).toEqual([text, [...ids].sort()]);
        const listed = async (query: { name?: string; search?: string }): Promise<string[]> => (await orders.list({ ...query, pageSize: 10 })).items.map((o) => o.order_id);
        expect(await listed({ name: 'berg' })).toEqual([lindqvist]);
        expect(await listed({ name: 'MULLER jo' })).toEqual([muller]);
        expect(await listed({ name: 'mueller' })).toEqual([mueller, muller]);
        expect(await listed({ search: 'moell' })).toEqual([moller]);
        expect(await listed({ search: 'brien' })).toEqual([obrien]);
        expect(await listed({ search: 'ma' })).toEqual([lindqvist]);
        expect(await listed({ name: 'nobody' })).toEqual([]);
      } finally {
        await h.close();
      }
    });

    it('captures in part, then the rest; a full order refuses a further capture naming what is possible', async () => {
      await withOrder(factory, 10000, async (_h, orders, id) => {
        await orders.capture(id, { captured_amount: 4000 }, { idempotencyKey: key('c1') });
        expect(await orders.get(id)).toMatchObject({ status: 'PART_CAPTURED', captured_amount: 4000, remaining_authorized_amount: 6000 });
        await expect(orders.capture(id, { captured_amount: 7000 }, { idempotencyKey: key('c2') })).rejects.toMatchObject({ kind: 'state_conflict', message: expect.stringContaining('60.00') });
        await orders.capture(id, { captured_amount: 6000 }, { idempotencyKey: key('c3') });
        expect(await orders.get(id)).toMatchObject({ status: 'CAPTURED', captured_amount: 10000, remaining_authorized_amount: 0 });
        await expect(orders.capture(id, { captured_amount: 1 }, { idempotencyKey: key('c4') })).rejects.toMatchObject({ kind: 'state_conflict', details: { errorCode: 'CAPTURE_NOT_ALLOWED' } });
      });
    });

    it('returns the first capture for a repeated idempotency key and never captures twice', async () => {
      await withOrder(factory, 10000, async (_h, orders, id) => {
        const k = key('same');
        const first = await orders.capture(id, { captured_amount: 3000 }, { idempotencyKey: k });
        const again = await orders.capture(id, { captured_amount: 3000 }, { idempotencyKey: k });
        expect(again.capture_id).toBe(first.capture_id);
        const order = await orders.get(id);
        expect(order.captures).toHaveLength(1);
        expect(order.captured_amount).toBe(3000);
      });
    });

    it('never acts on a second order for an idempotency key already used on another', async () => {
      const h = await factory.create();
      try {
        const orders = h.backend.orders;
        if (!orders || !h.seedAuthorizedOrder) return;
        const a = await h.seedAuthorizedOrder({ storeId: 'se-demo', amount: 5000, currency: 'SEK' });
        const b = await h.seedAuthorizedOrder({ storeId: 'se-demo', amount: 5000, currency: 'SEK' });
        const k = key('reuse');
        await orders.capture(a, { captured_amount: 1000 }, { idempotencyKey: k });
        // Kustom answers with the first result, the sandbox refuses: either way order b is untouched.
        await orders.capture(b, { captured_amount: 1000 }, { idempotencyKey: k }).catch(() => undefined);
        expect((await orders.get(b)).captured_amount).toBe(0);
        expect((await orders.get(a)).captured_amount).toBe(1000);
      } finally {
        await h.close();
      }
    });

    it('refunds only captured money; a full refund of a captured order closes it', async () => {
      await withOrder(factory, 8000, async (_h, orders, id) => {
        await expect(orders.refund(id, { refunded_amount: 100 }, { idempotencyKey: key('r0') })).rejects.toMatchObject({ kind: 'state_conflict', details: { errorCode: 'REFUND_NOT_ALLOWED' } });
        await orders.capture(id, { captured_amount: 8000 }, { idempotencyKey: key('c') });
        await expect(orders.refund(id, { refunded_amount: 9000 }, { idempotencyKey: key('r1') })).rejects.toMatchObject({ kind: 'state_conflict' });
        await orders.refund(id, { refunded_amount: 3000 }, { idempotencyKey: key('r2') });
        expect(await orders.get(id)).toMatchObject({ status: 'CAPTURED', refunded_amount: 3000 });
        await orders.refund(id, { refunded_amount: 5000 }, { idempotencyKey: key('r3') });
        const closed = await orders.get(id);
        expect(closed).toMatchObject({ status: 'CLOSED', refunded_amount: 8000 });
        expect(closed.refunds).toHaveLength(2);
      });
    });

    it('cancels only an order with no captures', async () => {
      await withOrder(factory, 5000, async (_h, orders, id) => {
        const cancelled = await orders.cancel(id, { idempotencyKey: key('x') });
        expect(cancelled).toMatchObject({ status: 'CANCELLED', remaining_authorized_amount: 0 });
        await expect(orders.capture(id, { captured_amount: 100 }, { idempotencyKey: key('c') })).rejects.toMatchObject({ kind: 'state_conflict' });
        await expect(orders.cancel(id, { idempotencyKey: key('x2') })).rejects.toMatchObject({ kind: 'state_conflict', details: { errorCode: 'CANCEL_NOT_ALLOWED' } });
      });
      await withOrder(factory, 5000, async (_h, orders, id) => {
        await orders.capture(id, { captured_amount: 100 }, { idempotencyKey: key('c') });
        await expect(orders.cancel(id, { idempotencyKey: key('x') })).rejects.toMatchObject({ kind: 'state_conflict', message: expect.stringContaining('release') });
      });
    });

    it('releases the rest of a part-captured order only', async () => {
      await withOrder(factory, 5000, async (_h, orders, id) => {
        await expect(orders.releaseRemaining(id, { idempotencyKey: key('rel0') })).rejects.toMatchObject({ kind: 'state_conflict' });
        await orders.capture(id, { captured_amount: 2000 }, { idempotencyKey: key('c') });
        const released = await orders.releaseRemaining(id, { idempotencyKey: key('rel') });
        expect(released).toMatchObject({ status: 'CAPTURED', captured_amount: 2000, remaining_authorized_amount: 0 });
        await expect(orders.capture(id, { captured_amount: 100 }, { idempotencyKey: key('c2') })).rejects.toMatchObject({ kind: 'state_conflict' });
      });
    });

    it('extends an authorization later, and reads EXPIRED once the clock passes expiry', async () => {
      await withOrder(factory, 5000, async (h, orders, id) => {
        const before = await orders.get(id);
        if (!h.advanceClock) return;
        await h.advanceClock(10 * 86_400_000);
        const extended = await orders.extendAuthorization(id, { idempotencyKey: key('ext') });
        expect(Date.parse(extended.expires_at)).toBeGreaterThan(Date.parse(before.expires_at));
        await h.advanceClock(40 * 86_400_000);
        expect((await orders.get(id)).status).toBe('EXPIRED');
        await expect(orders.capture(id, { captured_amount: 100 }, { idempotencyKey: key('c') })).rejects.toMatchObject({ kind: 'state_conflict' });
        await expect(orders.extendAuthorization(id, { idempotencyKey: key('ext2') })).rejects.toMatchObject({ kind: 'state_conflict' });
        const events = await orders.timeline(id);
        expect(events.map((e) => e.type)).toEqual(['created', 'extended', 'expired']);
      });
    });

    it('lists orders with filters and pages through them', async () => {
      const h = await factory.create();
      try {
        const orders = h.backend.orders;
        if (!orders || !h.seedAuthorizedOrder) return;
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) ids.push(await h.seedAuthorizedOrder({ storeId: 'se-demo', amount: 1000 + i, currency: 'SEK', reference: `L-${i}` }));
        await orders.capture(ids[0] as string, { captured_amount: 1000 }, { idempotencyKey: key('c') });
        const captured = await orders.list({ store_id: 'se-demo', statuses: ['CAPTURED'] });
        expect(captured.items.map((o) => o.order_id)).toEqual([ids[0]]);
        expect((await orders.list({ reference: 'L-3' })).items.map((o) => o.order_id)).toEqual([ids[3]]);
        const page1 = await orders.list({ store_id: 'se-demo', pageSize: 2 });
        expect(page1.items).toHaveLength(2);
        const seen = new Set(page1.items.map((o) => o.order_id));
        let cursor = page1.nextCursor;
        while (cursor) {
          const page = await orders.list({ store_id: 'se-demo', pageSize: 2, cursor });
          page.items.forEach((o) => seen.add(o.order_id));
          cursor = page.nextCursor;
        }
        expect(seen.size).toBe(5);
      } finally {
        await h.close();
      }
    });
  });
}
