/** Sandbox-only behaviour of Order Management (the contract suite covers what every backend does). */
import { describe, expect, it } from 'vitest';
import { computeOrder } from '../../../../src/domain/order-lines.js';
import { sandboxHarness } from '../../../contract/sandbox-harness.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('sandbox orders', () => {
  it('refuses an idempotency key reused for another order or another operation, naming its first use', async () => {
    const h = await sandboxHarness.create();
    try {
      const orders = h.backend.orders!;
      const a = await h.seedAuthorizedOrder!({ storeId: 'se-demo', amount: 5000, currency: 'SEK' });
      const b = await h.seedAuthorizedOrder!({ storeId: 'se-demo', amount: 5000, currency: 'SEK' });
      await orders.capture(a, { captured_amount: 1000 }, { idempotencyKey: 'k-1' });
      await expect(orders.capture(b, { captured_amount: 1000 }, { idempotencyKey: 'k-1' })).rejects.toMatchObject({
        kind: 'state_conflict',
        details: { errorCode: 'IDEMPOTENCY_KEY_REUSED' },
        message: expect.stringContaining(`capture on order ${a}`),
      });
      await expect(orders.refund(a, { refunded_amount: 100 }, { idempotencyKey: 'k-1' })).rejects.toMatchObject({ details: { errorCode: 'IDEMPOTENCY_KEY_REUSED' } });
      await expect(orders.cancel(b, { idempotencyKey: 'k-1' })).rejects.toMatchObject({ details: { errorCode: 'IDEMPOTENCY_KEY_REUSED' } });
      // The same cancel key again returns the same result instead of a "cancelled already" refusal.
      await orders.cancel(b, { idempotencyKey: 'k-2' });
      await expect(orders.cancel(b, { idempotencyKey: 'k-2' })).resolves.toMatchObject({ status: 'CANCELLED' });
    } finally {
      await h.close();
    }
  });

  it('gives orders, captures, refunds and links time-ordered IDs, in the order they were made', async () => {
    const h = await sandboxHarness.create();
    try {
      const store = await h.backend.stores.get('se-demo');
      const seeded = (await h.backend.sandbox!.seedOrders({ store, count: 3_000, referencePrefix: 'ORDERED' })).map((o) => o.order_id);
      expect(seeded.every((id) => UUID_V7.test(id))).toBe(true);
      // Thousands made within a few milliseconds still follow each other: a bulk run over them writes the
      // indexes keyed by order at their end, not at random pages.
      expect([...seeded].sort()).toEqual(seeded);
      const orders = h.backend.orders!;
      const captures = [];
      for (const [i, id] of seeded.slice(0, 50).entries()) captures.push((await orders.capture(id, { captured_amount: 1000 }, { idempotencyKey: `ordered-${i}` })).capture_id);
      const refunds = [];
      for (const [i, id] of seeded.slice(0, 20).entries()) refunds.push((await orders.refund(id, { refunded_amount: 100 }, { idempotencyKey: `ordered-refund-${i}` })).refund_id);
      const totals = computeOrder([{ type: 'physical', name: 'Item', reference: 'SKU-1', quantity: 1, unit_price: 10_000, tax_rate: 2500 }]);
      const links = [];
      for (let i = 0; i < 20; i++) {
        const link = await h.backend.links!.create(
          { store_id: 'se-demo', purchase_country: 'SE', purchase_currency: 'SEK', locale: 'sv-SE', ...totals, merchant_reference1: `L-${i}`, customer: {}, auto_capture: false, delivery: { channel: 'none' }, expires_at: new Date(h.backend.clock.now().getTime() + 24 * 3_600_000).toISOString(), notes: {}, created_by: 'ids@test' },
          { idempotencyKey: `ordered-link-${i}` },
        );
        links.push(link.link_id);
      }
      for (const ids of [captures, refunds, links]) {
        expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
        expect([...ids].sort()).toEqual(ids);
      }
    } finally {
      await h.close();
    }
  });

  it('finds the newest of several orders sharing a reference', async () => {
    const h = await sandboxHarness.create();
    try {
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) ids.push(await h.seedAuthorizedOrder!({ storeId: 'se-demo', amount: 1000 + i, currency: 'SEK', reference: 'SAME-REF' }));
      expect((await h.backend.orders!.findByReference('se-demo', 'SAME-REF'))?.order_id).toBe(ids.at(-1));
      expect((await h.backend.orders!.findByReference(undefined, 'SAME-REF'))?.order_id).toBe(ids.at(-1));
    } finally {
      await h.close();
    }
  });

  it('records capture lines and refuses more units than the line has', async () => {
    const h = await sandboxHarness.create();
    try {
      const orders = h.backend.orders!;
      const id = await h.seedAuthorizedOrder!({ storeId: 'se-demo', amount: 5000, currency: 'SEK' });
      const [line] = (await orders.get(id)).order_lines;
      await expect(orders.capture(id, { captured_amount: 5000, order_lines: [{ ...line!, quantity: 2 }] }, { idempotencyKey: 'l-1' })).rejects.toMatchObject({ kind: 'validation' });
      expect((await orders.get(id)).captures).toHaveLength(0);
    } finally {
      await h.close();
    }
  });

  it('pages --search newest first across chunks of matches, with a store and a status filter, as the plain filters do', async () => {
    const h = await sandboxHarness.create();
    try {
      const orders = h.backend.orders!;
      // 140 orders (more than one chunk of matches for a page of 5), many created in the same millisecond;
      // "Ida Idasdotter" matches "ida" by two words (each order must still come once).
      for (let i = 0; i < 140; i++) {
        const storeId = i % 4 === 0 ? 'de-demo' : 'se-demo';
        await h.seedAuthorizedOrder!({ storeId, amount: 1000 + i, currency: storeId === 'de-demo' ? 'EUR' : 'SEK', reference: `REF-${i}`, customer: i % 3 === 0 ? { given_name: 'Olle', family_name: 'Ek' } : { given_name: 'Ida', family_name: i % 7 === 0 ? 'Idasdotter' : 'Berg' }, capture: i % 5 === 0 });
      }
      const all = async (query: Parameters<typeof orders.list>[0]): Promise<string[]> => {
        const ids: string[] = [];
        for (let cursor: string | undefined, pages = 0; pages < 100; pages++) {
          const page = await orders.list({ ...query, pageSize: 5, ...(cursor ? { cursor } : {}) });
          ids.push(...page.items.map((o) => o.order_id));
          if (!page.nextCursor) return ids;
          cursor = page.nextCursor;
        }
        throw new Error('no last page');
      };
      const byName = await all({ name: 'ida', store_id: 'de-demo' });
      expect(byName.length).toBeGreaterThan(15);
      expect(await all({ search: 'ida', store_id: 'de-demo' })).toEqual(byName);
      expect(await all({ search: 'IDA', statuses: ['CAPTURED'] })).toEqual(await all({ name: 'ida', statuses: ['CAPTURED'] }));
      // A reference prefix: every order whose reference starts with it, newest first, each once.
      const everyOrder = await all({});
      const reference = new Map((await Promise.all(everyOrder.map((id) => orders.get(id)))).map((o) => [o.order_id, o.merchant_reference1 ?? '']));
      const refOne = everyOrder.filter((id) => reference.get(id)?.startsWith('REF-1'));
      expect(refOne.length).toBeGreaterThan(50);
      expect(await all({ search: 'ref-1' })).toEqual(refOne);
      expect(await all({ search: 'nobody' })).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
