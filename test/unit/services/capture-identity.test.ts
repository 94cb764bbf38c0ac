import { describe, expect, it } from 'vitest';
import type { Capture, Order } from '../../../src/backends/backend.js';
import { existingCapture, identityKey, type CaptureIdentity } from '../../../src/services/orders/bulk/capture-identity.js';

const id = (over: Partial<CaptureIdentity>): CaptureIdentity => ({ order_id: 'o1', reference: null, amount: null, lines: null, ...over });
const capture = (over: Partial<Capture>): Capture => ({
  capture_id: 'c1',
  captured_amount: 10_000,
  captured_at: '2026-01-01T00:00:00.000Z',
  description: null,
  reference: null,
  order_lines: [],
  refunded_amount: 0,
  shipping_info: [],
  ...over,
});
const order = (captures: Capture[], remaining: number): Order =>
  ({ order_id: 'o1', captures, captured_amount: captures.reduce((a, c) => a + c.captured_amount, 0), remaining_authorized_amount: remaining }) as unknown as Order;

describe('capture identity', () => {
  it('derives the key from the order and reference alone, or from what the row captures, never anything else', () => {
    expect(identityKey(id({ reference: 'S-1', amount: 100 }))).toBe(identityKey(id({ reference: 'S-1', amount: 200 })));
    expect(identityKey(id({ reference: 'S-1' }))).not.toBe(identityKey(id({ reference: 'S-2' })));
    expect(identityKey(id({ reference: 'S-1' }))).not.toBe(identityKey(id({ order_id: 'o2', reference: 'S-1' })));
    expect(identityKey(id({ amount: 100 }))).not.toBe(identityKey(id({ amount: 200 })));
    expect(identityKey(id({ lines: [{ reference: 'A', quantity: 1 }, { reference: 'B' }] }))).toBe(identityKey(id({ lines: [{ reference: 'B' }, { reference: 'A', quantity: 1 }] })));
    expect(identityKey(id({}))).not.toBe(identityKey(id({ amount: 100 })));
  });

  it('finds the existing capture: by reference whatever the amount, by amount or lines without reference, or a fully captured order', () => {
    const byRef = capture({ capture_id: 'r', reference: 'S-1', captured_amount: 5_000 });
    const plain = capture({ capture_id: 'p', captured_amount: 7_000, order_lines: [{ reference: 'A', quantity: 2 } as Capture['order_lines'][number]] });
    const o = order([byRef, plain], 3_000);
    expect(existingCapture(o, id({ reference: 'S-1', amount: 10_000 }))?.capture_id).toBe('r');
    expect(existingCapture(o, id({ reference: 'S-2', amount: 5_000 }))).toBeUndefined();
    expect(existingCapture(o, id({ amount: 7_000 }))?.capture_id).toBe('p');
    expect(existingCapture(o, id({ amount: 5_000 }))).toBeUndefined(); // that one has a reference: another shipment
    expect(existingCapture(o, id({ lines: [{ reference: 'A', quantity: 2 }] }))?.capture_id).toBe('p');
    expect(existingCapture(o, id({ lines: [{ reference: 'A', quantity: 1 }] }))).toBeUndefined();
    expect(existingCapture(o, id({}))).toBeUndefined(); // 30.00 still authorized
    expect(existingCapture(order([byRef, plain], 0), id({}))?.capture_id).toBe('p');
    expect(existingCapture(order([], 10_000), id({}))).toBeUndefined();
  });
});
