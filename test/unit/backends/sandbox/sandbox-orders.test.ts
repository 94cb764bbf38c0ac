/** Sandbox-only behaviour of Order Management (the contract suite covers what every backend does). */
import { describe, expect, it } from 'vitest';
import { sandboxHarness } from '../../../contract/sandbox-harness.js';

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
});
