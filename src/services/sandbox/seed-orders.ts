/**
 * `sandbox orders seed`: many authorized orders at once (one transaction), for demos, benchmarks and CI,
 * through the same insertAuthorizedOrder that a customer paying a link uses.
 */
import type { Backend } from '../../backends/backend.js';
import { computeOrder } from '../../domain/order-lines.js';
import { ValidationError } from '../../errors.js';
import { sandboxControls } from './sandbox-admin.js';

export interface SeedOrdersOptions {
  storeId: string;
  count: number;
  /** Minor units per unit of the first line; the second line is shipping. */
  unitPrice?: number;
  referencePrefix?: string;
  email?: string;
}

export async function seedOrders(backend: Backend, options: SeedOrdersOptions): Promise<{ order_id: string; merchant_reference1: string }[]> {
  const control = sandboxControls(backend);
  if (options.count > 100_000) throw ValidationError.single('--count', 'at most 100 000 orders per seed');
  const store = await backend.stores.get(options.storeId);
  const currency = store.currencies[0] ?? 'SEK';
  const totals = computeOrder([
    { type: 'physical', name: 'Demo item', reference: 'SKU-1', quantity: 2, unit_price: options.unitPrice ?? 12_500, tax_rate: 2500 },
    { type: 'shipping_fee', name: 'Shipping', reference: 'SHIP', quantity: 1, unit_price: 4_900, tax_rate: 2500 },
  ]);
  const prefix = options.referencePrefix ?? `SEED-${Date.now().toString(36).toUpperCase()}`;
  return control.seedOrders(
    Array.from({ length: options.count }, (_, i) => ({
      store_id: store.id,
      purchase_country: store.purchase_country,
      purchase_currency: currency,
      locale: `en-${store.purchase_country}`,
      order_amount: totals.order_amount,
      order_lines: totals.order_lines,
      merchant_reference1: `${prefix}-${i + 1}`,
      customer: { email: options.email ?? `customer${i + 1}@example.com` },
    })),
  );
}
