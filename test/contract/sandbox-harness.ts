import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolvePaths } from '../../src/config/paths.js';
import { createSandboxBackend } from '../../src/backends/sandbox/sandbox-backend.js';
import { openSandboxDatabase } from '../../src/backends/sandbox/database.js';
import { insertAuthorizedOrder } from '../../src/backends/sandbox/orders/insert-order.js';
import { computeOrder } from '../../src/domain/order-lines.js';
import type { HarnessFactory } from './harness.js';

export const sandboxHarness: HarnessFactory = {
  name: 'sandbox',
  async create() {
    const home = mkdtempSync(join(tmpdir(), 'merchant-contract-'));
    const paths = resolvePaths({ MERCHANT_HOME: home });
    const backend = await createSandboxBackend({ paths, clock: { now: () => new Date() } });
    return {
      backend,
      async seedAuthorizedOrder({ storeId, amount, currency, reference, capture, customer }) {
        const db = openSandboxDatabase(paths.sandboxDb);
        try {
          const totals = computeOrder([{ type: 'physical', name: 'Contract item', reference: 'SKU-1', quantity: 1, unit_price: amount, tax_rate: 2500 }]);
          const store = await backend.stores.get(storeId);
          return insertAuthorizedOrder(
            db,
            {
              store_id: storeId,
              purchase_country: store.purchase_country,
              purchase_currency: currency,
              locale: 'en-SE',
              order_amount: totals.order_amount,
              order_lines: totals.order_lines,
              merchant_reference1: reference ?? null,
              auto_capture: capture ?? false,
              ...(customer ? { customer: { name: `${customer.given_name} ${customer.family_name}` } } : {}),
            },
            backend.clock.now(),
          ).order_id;
        } finally {
          db.close();
        }
      },
      async payLink(linkId) {
        const link = await backend.sandboxLinks?.pay(linkId);
        if (!link?.order_id) throw new Error(`paying link ${linkId} created no order`);
        return link.order_id;
      },
      async advanceClock(ms) {
        await backend.sandbox?.advanceClock(ms);
      },
      close: () => backend.close(),
    };
  },
};
