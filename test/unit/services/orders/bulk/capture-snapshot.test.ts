import { describe, expect, it } from 'vitest';
import type { Order } from '../../../../../src/domain/model/order.js';
import type { Backend } from '../../../../../src/backends/backend.js';
import { captureSnapshot, planRow, takePlannedOrder } from '../../../../../src/services/orders/bulk/bulk-plan.js';
import { existingCapture } from '../../../../../src/services/orders/capture-identity.js';
import { sandboxHarness } from '../../../../contract/sandbox-harness.js';

const line = { type: 'physical', name: 'Demo item', reference: 'SKU-1', quantity: 2, unit_price: 12_500, tax_rate: 2500, total_amount: 25_000, total_tax_amount: 5000 };
const order = {
  order_id: 'o1',
  store_id: 'se-demo',
  status: 'PART_CAPTURED',
  purchase_country: 'SE',
  purchase_currency: 'SEK',
  order_amount: 25_000,
  captured_amount: 12_500,
  refunded_amount: 100,
  remaining_authorized_amount: 12_500,
  created_at: '2026-01-01T00:00:00.000Z',
  expires_at: '2026-01-29T00:00:00.000Z',
  order_lines: [line],
  captures: [{ capture_id: 'c1', captured_amount: 12_500, captured_at: '2026-01-02T00:00:00.000Z', description: null, reference: 'S-1', order_lines: [{ ...line, quantity: 1 }], refunded_amount: 100, shipping_info: [{ tracking_number: 'T1' }] }],
  refunds: [{ refund_id: 'r1', refunded_amount: 100, refunded_at: '2026-01-03T00:00:00.000Z', description: null, reference: null, order_lines: [] }],
  customer: { email: 'a@example.com', phone: '+46701234567', name: 'A B' },
} as unknown as Order;

describe('the snapshot a bulk plan keeps per row', () => {
  it('keeps what a capture checks (state, amounts, captures by ID, amount and reference) and drops the bulk of the order', () => {
    const kept = captureSnapshot(order);
    for (const field of ['order_id', 'store_id', 'status', 'purchase_currency', 'order_amount', 'captured_amount', 'refunded_amount', 'remaining_authorized_amount', 'expires_at', 'created_at'] as const) {
      expect(kept[field]).toEqual(order[field]);
    }
    expect(kept.captures.map((c) => [c.capture_id, c.captured_amount, c.reference, c.refunded_amount])).toEqual([['c1', 12_500, 'S-1', 100]]);
    expect(existingCapture(kept, { order_id: 'o1', reference: 'S-1', amount: null, lines: null })?.capture_id).toBe('c1');
    expect([kept.order_lines, kept.refunds, kept.customer, kept.captures[0]?.order_lines, kept.captures[0]?.shipping_info]).toEqual([[], [], {}, [], []]);
    expect(JSON.stringify(kept).length).toBeLessThan(JSON.stringify(order).length);
    // The order read is left as it was.
    expect(order.order_lines).toHaveLength(1);
    expect(order.captures[0]?.order_lines).toHaveLength(1);
  });
});

describe('whether a plan keeps the order a row was planned from', () => {
  it('keeps it only for a backend whose capture checks against it', async () => {
    const h = await sandboxHarness.create();
    try {
      const backend = h.backend;
      const id = await h.seedAuthorizedOrder!({ storeId: 'se-demo', amount: 5000, currency: 'SEK' });
      // The sandbox reads its own order inside the write: nothing to keep.
      const sandboxRow = await planRow(backend, { row: 1, order: id }, 'se-demo', []);
      expect(sandboxRow.classification).toBe('capture_full');
      expect(takePlannedOrder(sandboxRow)).toBeUndefined();
      // A backend that checks against the caller's read (as Kustom does) is handed the snapshot.
      const orders = backend.orders!;
      const snapshotting: Backend = { ...backend, name: backend.name, capabilities: backend.capabilities, clock: backend.clock, stores: backend.stores, orders: { ...orders, usesSnapshot: true } };
      const kustomLike = await planRow(snapshotting, { row: 1, order: id }, 'se-demo', []);
      expect(kustomLike.classification).toBe('capture_full');
      expect(takePlannedOrder(kustomLike)).toMatchObject({ order_id: id, remaining_authorized_amount: 5000, customer: {} });
    } finally {
      await h.close();
    }
  });
});
