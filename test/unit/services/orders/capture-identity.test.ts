import { describe, expect, it } from 'vitest';
import type { Capture, Order, Refund } from '../../../../src/domain/model/order.js';
import { existingCapture, identityKey, type CaptureIdentity } from '../../../../src/services/orders/capture-identity.js';
import { refundIdentity, refundKey, refundsOf } from '../../../../src/services/orders/refund-identity.js';

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

  it('a deliberate repeat has its own key, the same from the same state, and is found once the order holds one more', () => {
    expect(identityKey(id({ amount: 100, repeat: 1 }))).not.toBe(identityKey(id({ amount: 100 })));
    expect(identityKey(id({ amount: 100, repeat: 1 }))).toBe(identityKey(id({ amount: 100, repeat: 1 })));
    expect(identityKey(id({ amount: 100, repeat: 1 }))).not.toBe(identityKey(id({ amount: 100, repeat: 2 })));
    expect(identityKey(id({ amount: 100, repeat: 0 }))).toBe(identityKey(id({ amount: 100 })));
    const one = capture({ capture_id: 'x1', captured_amount: 100 });
    const two = capture({ capture_id: 'x2', captured_amount: 100 });
    expect(existingCapture(order([one], 1_000), id({ amount: 100, repeat: 1 }))).toBeUndefined();
    expect(existingCapture(order([one, two], 1_000), id({ amount: 100, repeat: 1 }))?.capture_id).toBe('x2');
  });

  it('finds the existing capture: by reference whatever the amount, by amount or lines without reference, or a fully captured order', () => {
    const byRef = capture({ capture_id: 'r', reference: 'S-1', captured_amount: 5_000 });
    const plain = capture({ capture_id: 'p', captured_amount: 7_000, order_lines: [{ reference: 'A', quantity: 2 } as Capture['order_lines'][number]] });
    const o = order([byRef, plain], 3_000);
    expect(existingCapture(o, id({ reference: 'S-1', amount: 10_000 }))?.capture_id).toBe('r');
    expect(existingCapture(o, id({ reference: 'S-2', amount: 5_000 }))).toBeUndefined();
    expect(existingCapture(o, id({ amount: 7_000 }))).toBeUndefined(); // made by lines: an amount capture names none
    expect(existingCapture(order([capture({ capture_id: 'a', captured_amount: 7_000 })], 3_000), id({ amount: 7_000 }))?.capture_id).toBe('a');
    expect(existingCapture(o, id({ amount: 5_000 }))).toBeUndefined(); // that one has a reference: another shipment
    expect(existingCapture(o, id({ lines: [{ reference: 'A', quantity: 2 }] }))?.capture_id).toBe('p');
    expect(existingCapture(o, id({ lines: [{ reference: 'A', quantity: 1 }] }))).toBeUndefined();
    expect(existingCapture(o, id({}))).toBeUndefined(); // 30.00 still authorized
    expect(existingCapture(order([byRef, plain], 0), id({}))?.capture_id).toBe('p');
    expect(existingCapture(order([], 10_000), id({}))).toBeUndefined();
  });
});

describe('refund identity', () => {
  const refund = (over: Partial<Refund>): Refund => ({ refund_id: 'f1', refunded_amount: 5_000, refunded_at: '2026-01-02T00:00:00.000Z', description: null, reference: null, order_lines: [], ...over });
  it('a reference alone names the refund; without one the amount and lines do', () => {
    expect(refundKey(refundIdentity('o1', { refunded_amount: 5_000, reference: 'RMA-1' }))).toBe(refundKey(refundIdentity('o1', { refunded_amount: 7_000, reference: 'RMA-1' })));
    expect(refundKey(refundIdentity('o1', { refunded_amount: 5_000 }))).not.toBe(refundKey(refundIdentity('o1', { refunded_amount: 7_000 })));
    expect(refundKey({ ...refundIdentity('o1', { refunded_amount: 5_000 }), repeat: 1 })).not.toBe(refundKey(refundIdentity('o1', { refunded_amount: 5_000 })));
    const o = { order_id: 'o1', refunds: [refund({ refund_id: 'r', reference: 'RMA-1' }), refund({ refund_id: 'p' })] } as unknown as Order;
    expect(refundsOf(o, refundIdentity('o1', { refunded_amount: 1, reference: 'RMA-1' })).map((r) => r.refund_id)).toEqual(['r']);
    expect(refundsOf(o, refundIdentity('o1', { refunded_amount: 5_000 })).map((r) => r.refund_id)).toEqual(['p']);
  });
});
