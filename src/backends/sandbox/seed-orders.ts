/**
 * Many authorized orders at once (one transaction), for demos, benchmarks and CI, through the same
 * insertAuthorizedOrder that a customer paying a link uses.
 */
import { computeOrder } from '../../domain/order-lines.js';
import type { SeededOrder, SeedOrdersInput } from '../types/sandbox.js';
import type { Db } from './database.js';
import { insertAuthorizedOrder } from './orders/insert-order.js';
import { demoCustomer } from './demo-customers.js';

export function seedAuthorizedOrders(db: Db, input: SeedOrdersInput, now: Date): SeededOrder[] {
  const { store } = input;
  const currency = store.currencies[0] ?? 'SEK';
  const totals = computeOrder([
    { type: 'physical', name: 'Demo item', reference: 'SKU-1', quantity: 2, unit_price: input.unitPrice ?? 12_500, tax_rate: 2500 },
    { type: 'shipping_fee', name: 'Shipping', reference: 'SHIP', quantity: 1, unit_price: 4_900, tax_rate: 2500 },
  ]);
  return db
    .transaction(() =>
      Array.from({ length: input.count }, (_, i) => {
        const reference = `${input.referencePrefix}-${i + 1}`;
        const { order_id } = insertAuthorizedOrder(
          db,
          {
            store_id: store.id,
            purchase_country: store.purchase_country,
            purchase_currency: currency,
            locale: `en-${store.purchase_country}`,
            order_amount: totals.order_amount,
            order_lines: totals.order_lines,
            merchant_reference1: reference,
            customer: { ...demoCustomer(i + 1, store.purchase_country), ...(input.email ? { email: input.email } : {}) },
          },
          now,
        );
        return { order_id, merchant_reference1: reference };
      }),
    )
    .immediate();
}
