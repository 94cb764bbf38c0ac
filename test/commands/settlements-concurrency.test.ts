/** Two sandbox connections (as two processes would have) settling the same period: one payout, once. */
import { describe, expect, it } from 'vitest';
import { createSandboxBackend } from '../../src/backends/sandbox/sandbox-backend.js';
import { openSandboxDatabase } from '../../src/backends/sandbox/database.js';
import { insertAuthorizedOrder } from '../../src/backends/sandbox/orders/insert-order.js';
import { resolvePaths } from '../../src/config/paths.js';
import { tempHome } from '../helpers/run-cli.js';

describe('lazy settlement with two connections', () => {
  it('settles each capture once and both readers see the same payouts', async () => {
    const paths = resolvePaths({ MERCHANT_HOME: tempHome('merchant-concurrent-') });
    const wall = { now: () => new Date() };
    const a = await createSandboxBackend({ paths, clock: wall });
    const b = await createSandboxBackend({ paths, clock: wall });
    try {
      const db = openSandboxDatabase(paths.sandboxDb);
      for (let i = 0; i < 20; i++) {
        insertAuthorizedOrder(db, { store_id: 'se-demo', purchase_country: 'SE', purchase_currency: 'SEK', locale: 'sv-SE', order_amount: 1000 + i, order_lines: [], auto_capture: true }, a.clock.now());
      }
      db.close();
      await a.sandbox!.advanceClock(3 * 86_400_000);
      const [pa, pb] = await Promise.all([a.settlements!.listPayouts({ store_id: 'se-demo' }), b.settlements!.listPayouts({ store_id: 'se-demo' })]);
      expect(pa.items).toHaveLength(1);
      expect(pb.items.map((p) => p.payment_reference)).toEqual(pa.items.map((p) => p.payment_reference));
      expect(pa.items[0]!.transaction_count).toBe(20 * 4);
      let n = 0;
      for await (const _ of b.settlements!.transactions({ payment_reference: pa.items[0]!.payment_reference })) n++;
      expect(n).toBe(80);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
