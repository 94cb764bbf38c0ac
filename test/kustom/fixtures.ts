/** Link requests built from real-looking carts with the domain's own line arithmetic. */
import type { CreateLinkRequest } from '../../src/backends/backend.js';
import { computeOrder, type OrderLineInput } from '../../src/domain/order-lines.js';

export function linkRequest(
  lines: OrderLineInput[],
  overrides: Partial<CreateLinkRequest> = {},
): CreateLinkRequest {
  const totals = computeOrder(lines);
  return {
    store_id: 'se-demo',
    purchase_country: 'SE',
    purchase_currency: 'SEK',
    locale: 'sv-SE',
    order_amount: totals.order_amount,
    order_tax_amount: totals.order_tax_amount,
    order_lines: totals.order_lines,
    merchant_reference1: 'ORDER-1',
    customer: { email: 'kund@example.se' },
    auto_capture: false,
    delivery: { channel: 'none' },
    expires_at: new Date(Date.now() + 24 * 3_600_000).toISOString(),
    notes: {},
    created_by: 'tester@host',
    ...overrides,
  };
}

/** Reference §2.2 worked example: discount on a line, shipping, a coupon line; 25 % VAT. */
export const SEK_CART: OrderLineInput[] = [
  { type: 'physical', reference: 'TS-RED-M', name: 'T-shirt', quantity: 2, quantity_unit: 'pcs', unit_price: 12500, tax_rate: 2500, total_discount_amount: 2500 },
  { type: 'shipping_fee', reference: 'SHIP', name: 'Postal delivery', quantity: 1, unit_price: 4900, tax_rate: 2500 },
  { type: 'discount', reference: 'WELCOME10', name: 'Welcome coupon', quantity: 1, unit_price: -1000, tax_rate: 2500 },
];

/** Mixed Swedish VAT rates: 25 % goods, 12 % food, 6 % books, with an odd quantity that forces rounding. */
export const MIXED_TAX_CART: OrderLineInput[] = [
  { type: 'physical', reference: 'LAMP', name: 'Desk lamp', quantity: 1, unit_price: 49900, tax_rate: 2500 },
  { type: 'physical', reference: 'COFFEE', name: 'Coffee beans 500 g', quantity: 3, unit_price: 8995, tax_rate: 1200, total_discount_amount: 995 },
  { type: 'physical', reference: 'BOOK', name: 'Cookbook', quantity: 1, unit_price: 29900, tax_rate: 600 },
];
