/**
 * What every backend's home summary must say (through the Backend interface only). Kustom cannot list
 * orders, so an order counts once the backend has read it; the suite reads it first on every backend.
 */
import { describe, expect, it } from 'vitest';
import type { HarnessFactory } from './harness.js';

const DAY = 86_400_000;

export function overviewContract(factory: HarnessFactory): void {
  describe(`${factory.name}: overview`, () => {
    it('counts an open authorization in its store and currency, lists it when it expires soon, and drops it once captured', async () => {
      const h = await factory.create();
      try {
        const { orders, overview } = h.backend;
        if (!orders || !overview || !h.seedAuthorizedOrder) return;
        const id = await h.seedAuthorizedOrder({ storeId: 'se-demo', amount: 12_300, currency: 'SEK', reference: 'OV-1' });
        const order = await orders.get(id);
        const now = h.backend.clock.now().getTime();
        const query = (expiringWithinMs: number) => ({
          store_id: 'se-demo',
          expiring_before: new Date(now + expiringWithinMs).toISOString(),
          links_expiring_before: new Date(now + DAY).toISOString(),
          expiring_limit: 10,
        });

        const far = await overview.summary(query(DAY));
        expect(far.uncaptured).toEqual([{ store_id: 'se-demo', currency: 'SEK', orders: 1, amount: 12_300, expiring_soon: 0, expiring_amount: 0 }]);
        expect(far.expiring).toEqual([]);

        const soon = await overview.summary(query(Date.parse(order.expires_at) - now + 1));
        expect(soon.uncaptured[0]).toMatchObject({ expiring_soon: 1, expiring_amount: 12_300 });
        expect(soon.expiring).toEqual([expect.objectContaining({ order_id: id, store_id: 'se-demo', currency: 'SEK', remaining_authorized_amount: 12_300, expires_at: order.expires_at })]);

        await orders.capture(id, { captured_amount: 12_300 }, { idempotencyKey: `overview-${id}` });
        await orders.get(id);
        expect((await overview.summary(query(DAY))).uncaptured).toEqual([]);
      } finally {
        await h.close();
      }
    });
  });
}
