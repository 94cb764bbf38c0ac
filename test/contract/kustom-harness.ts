/**
 * The kustom backend under the shared contract: a real kustom backend (real HTTP client, real ledger)
 * talking to the local fake Kustom server, which validates every request against the OpenAPI files.
 * Closing the harness fails the test if any request broke the published contract.
 */
import { createOrdersRepo } from '../../src/backends/kustom/ledger/orders-repo.js';
import { assertLinkOperation } from '../../src/domain/link-lifecycle.js';
import { startFakeKustom } from '../helpers/fake-kustom/index.js';
import { addDemoStores, kustomBackendFor, openKustomLedger } from '../helpers/kustom-backend.js';
import type { HarnessFactory } from './harness.js';

export const kustomHarness: HarnessFactory = {
  name: 'kustom',
  async create() {
    const fake = await startFakeKustom();
    // Kustom's clock is real; to test expiry, the backend's clock and the fake's move forward together.
    let offsetMs = 0;
    const { backend, ledgerFile } = await kustomBackendFor(fake.url, { clock: { now: () => new Date(Date.now() + offsetMs) } });
    await addDemoStores(backend);
    return {
      backend,
      async payLink(linkId) {
        // A customer cannot pay a link that is no longer payable (Kustom shows an error page instead).
        const link = await backend.links!.get(linkId);
        assertLinkOperation(link, 'pay', backend.clock.now());
        // The link id is the HPP session id; completing it is what the customer paying does.
        return fake.completeSession(linkId);
      },
      async advanceClock(ms) {
        offsetMs += ms;
        fake.advanceClock(ms);
      },
      async seedAuthorizedOrder(input) {
        const { storeId, amount, currency, reference } = input;
        const store = await backend.stores.get(storeId);
        const tax = amount - Math.round((amount * 10000) / 12500);
        const orderId = fake.seedOrder({
          order_amount: amount,
          purchase_currency: currency,
          purchase_country: store.purchase_country,
          locale: store.purchase_country === 'DE' ? 'de-DE' : 'sv-SE',
          order_lines: [{ type: 'physical', reference: 'SKU-1', name: 'Contract item', quantity: 1, unit_price: amount, tax_rate: 2500, total_amount: amount, total_tax_amount: tax }],
          ...(reference !== undefined ? { merchant_reference1: reference } : {}),
        });
        // Kustom cannot list orders: the ledger learns of an order when its link completes; here, directly.
        const db = openKustomLedger(ledgerFile);
        try {
          createOrdersRepo(db).remember({ order_id: orderId, store_id: storeId, link_id: null, merchant_reference1: reference ?? null, merchant_reference2: null }, new Date().toISOString());
        } finally {
          db.close();
        }
        // `capture` (added to the harness by the settlements work) captures it in full, as Kustom would.
        if ((input as { capture?: boolean }).capture) {
          await backend.orders!.capture(orderId, { captured_amount: amount }, { idempotencyKey: `seed-capture:${orderId}` });
        }
        return orderId;
      },
      async close() {
        await backend.close();
        await fake.close();
        if (fake.violations.length > 0) throw new Error(`requests broke the Kustom OpenAPI contract:\n${fake.violations.join('\n')}`);
      },
    };
  },
};
