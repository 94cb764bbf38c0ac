import { describe, it, expect } from 'vitest';
import { StateConflictError, ValidationError } from '../../../src/errors.js';
import {
  allowedOrderOperations,
  applyCancel,
  applyCapture,
  applyExtend,
  applyRefund,
  applyRelease,
  AUTHORIZATION_DAYS,
  checkCancel,
  checkCapture,
  checkExtend,
  checkRefund,
  checkRelease,
  effectiveOrderStatus,
  MAX_AUTHORIZATION_DAYS,
  ORDER_OPERATIONS,
} from '../../../src/domain/order-lifecycle.js';
import type { OrderOperation, OrderState } from '../../../src/domain/order-lifecycle.js';

const now = new Date('2026-03-01T12:00:00Z');
const DAY = 86_400_000;

const base: OrderState = {
  order_id: 'ord-1',
  status: 'AUTHORIZED',
  order_amount: 10000,
  captured_amount: 0,
  refunded_amount: 0,
  remaining_authorized_amount: 10000,
  created_at: '2026-02-20T12:00:00Z',
  expires_at: '2026-03-20T12:00:00Z',
  purchase_currency: 'SEK',
};

const orders: Record<string, OrderState> = {
  AUTHORIZED: base,
  PART_CAPTURED: { ...base, status: 'PART_CAPTURED', captured_amount: 4000, remaining_authorized_amount: 6000, captures_count: 1 },
  CAPTURED: { ...base, status: 'CAPTURED', captured_amount: 10000, remaining_authorized_amount: 0, captures_count: 1 },
  'CLOSED (fully refunded)': { ...base, status: 'CLOSED', captured_amount: 10000, refunded_amount: 10000, remaining_authorized_amount: 0 },
  'CLOSED (partly refunded)': { ...base, status: 'CLOSED', captured_amount: 10000, refunded_amount: 3000, remaining_authorized_amount: 0 },
  CANCELLED: { ...base, status: 'CANCELLED', remaining_authorized_amount: 0 },
  EXPIRED: { ...base, status: 'EXPIRED', expires_at: '2026-02-28T12:00:00Z' },
  'AUTHORIZED past expires_at': { ...base, expires_at: '2026-03-01T11:00:00Z' },
};

type Cell = true | 'CAPTURE_NOT_ALLOWED' | 'CANCEL_NOT_ALLOWED' | 'REFUND_NOT_ALLOWED' | 'NOT_ALLOWED';
/** Reference §4.3, one row per order state, one column per operation. */
const table: Record<string, Record<OrderOperation, Cell>> = {
  AUTHORIZED: { capture: true, refund: 'REFUND_NOT_ALLOWED', cancel: true, release: 'NOT_ALLOWED', extend: true },
  PART_CAPTURED: { capture: true, refund: true, cancel: 'CANCEL_NOT_ALLOWED', release: true, extend: true },
  CAPTURED: { capture: 'CAPTURE_NOT_ALLOWED', refund: true, cancel: 'CANCEL_NOT_ALLOWED', release: 'NOT_ALLOWED', extend: 'NOT_ALLOWED' },
  'CLOSED (fully refunded)': { capture: 'CAPTURE_NOT_ALLOWED', refund: 'REFUND_NOT_ALLOWED', cancel: 'CANCEL_NOT_ALLOWED', release: 'NOT_ALLOWED', extend: 'NOT_ALLOWED' },
  'CLOSED (partly refunded)': { capture: 'CAPTURE_NOT_ALLOWED', refund: true, cancel: 'CANCEL_NOT_ALLOWED', release: 'NOT_ALLOWED', extend: 'NOT_ALLOWED' },
  CANCELLED: { capture: 'CAPTURE_NOT_ALLOWED', refund: 'REFUND_NOT_ALLOWED', cancel: 'CANCEL_NOT_ALLOWED', release: 'NOT_ALLOWED', extend: 'NOT_ALLOWED' },
  EXPIRED: { capture: 'CAPTURE_NOT_ALLOWED', refund: 'REFUND_NOT_ALLOWED', cancel: 'CANCEL_NOT_ALLOWED', release: 'NOT_ALLOWED', extend: 'NOT_ALLOWED' },
  'AUTHORIZED past expires_at': { capture: 'CAPTURE_NOT_ALLOWED', refund: 'REFUND_NOT_ALLOWED', cancel: 'CANCEL_NOT_ALLOWED', release: 'NOT_ALLOWED', extend: 'NOT_ALLOWED' },
};

function run(order: OrderState, op: OrderOperation): void {
  switch (op) {
    case 'capture':
      return checkCapture(order, 1000, now);
    case 'refund':
      return checkRefund(order, 1000, now);
    case 'cancel':
      return checkCancel(order, now);
    case 'release':
      return checkRelease(order, now);
    case 'extend':
      checkExtend(order, now);
  }
}

function conflictOf(fn: () => unknown): StateConflictError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StateConflictError);
    return error as StateConflictError;
  }
  throw new Error('expected a StateConflictError');
}

describe('§4.3 operation table', () => {
  for (const [name, row] of Object.entries(table)) {
    const order = orders[name]!;
    for (const op of ORDER_OPERATIONS) {
      const cell = row[op];
      it(`${name}: ${op} → ${cell === true ? 'allowed' : cell}`, () => {
        if (cell === true) {
          expect(() => run(order, op)).not.toThrow();
          expect(allowedOrderOperations(order, now)).toContain(op);
        } else {
          const error = conflictOf(() => run(order, op));
          expect(error.details?.['errorCode']).toBe(cell);
          expect(error.details?.['operation']).toBe(op);
          expect(allowedOrderOperations(order, now)).not.toContain(op);
        }
      });
    }
  }
});

describe('effectiveOrderStatus', () => {
  it('derives EXPIRED from the clock for open orders only', () => {
    expect(effectiveOrderStatus(base, now)).toBe('AUTHORIZED');
    expect(effectiveOrderStatus({ ...base, expires_at: now.toISOString() }, now)).toBe('EXPIRED');
    expect(effectiveOrderStatus({ ...orders['PART_CAPTURED']!, expires_at: '2026-01-01T00:00:00Z' }, now)).toBe('EXPIRED');
    expect(effectiveOrderStatus({ ...orders['CAPTURED']!, expires_at: '2026-01-01T00:00:00Z' }, now)).toBe('CAPTURED');
  });
  it('rejects a bad timestamp', () => {
    expect(() => effectiveOrderStatus({ status: 'AUTHORIZED', expires_at: 'x' }, now)).toThrow(ValidationError);
  });
});

describe('messages say what is possible', () => {
  it('capture over the remaining amount names the remaining money', () => {
    const error = conflictOf(() => checkCapture(orders['PART_CAPTURED']!, 7000, now));
    expect(error.message).toBe(
      'cannot capture 70.00 SEK on order ord-1; only 60.00 SEK remains authorized. You can capture up to 60.00 SEK, refund up to 40.00 SEK, release the remaining authorization, extend the authorization.',
    );
    expect(error.details).toMatchObject({ errorCode: 'CAPTURE_NOT_ALLOWED', status: 'PART_CAPTURED' });
  });
  it('falls back to minor units without a currency', () => {
    const { purchase_currency: _omit, ...noCurrency } = orders['PART_CAPTURED']!;
    expect(conflictOf(() => checkCapture(noCurrency, 7000, now)).message).toMatch(/only 6000 \(minor units\) remains/);
  });
  it('refund over captured − refunded', () => {
    const error = conflictOf(() => checkRefund(orders['CLOSED (partly refunded)']!, 8000, now));
    expect(error.message).toBe(
      'cannot refund 80.00 SEK on order ord-1; only 70.00 SEK can be refunded (captured 100.00 SEK, already refunded 30.00 SEK). You can refund up to 70.00 SEK.',
    );
  });
  it('cancel with captures suggests release', () => {
    expect(conflictOf(() => checkCancel(orders['PART_CAPTURED']!, now)).message).toMatch(/has captures.*release the remaining authorization instead/);
  });
  it('release without captures suggests cancel', () => {
    expect(conflictOf(() => checkRelease(base, now)).message).toMatch(/no captures.*cancel the order instead.*You can capture up to 100\.00 SEK, cancel it, extend/);
  });
  it('a dead order says nothing further can be done', () => {
    expect(conflictOf(() => checkCapture(orders['CANCELLED']!, 100, now)).message).toBe(
      'order ord-1 is cancelled; nothing can be captured. Nothing further can be done with this order.',
    );
  });
  it('refund on an authorized order says there are no captures', () => {
    expect(conflictOf(() => checkRefund(base, 100, now)).message).toMatch(/^order ord-1 is authorized and has no captures/);
  });
});

describe('amount validation', () => {
  it.each([0, -1, 1.5, Number.NaN, 200_000_001])('rejects %d as a ValidationError', (amount) => {
    expect(() => checkCapture(base, amount, now)).toThrow(ValidationError);
    expect(() => checkRefund(orders['CAPTURED']!, amount, now)).toThrow(ValidationError);
  });
  it('allows capturing exactly the remaining amount', () => {
    expect(() => checkCapture(orders['PART_CAPTURED']!, 6000, now)).not.toThrow();
  });
});

describe('extension (§4.8)', () => {
  it('sets expiry to now + 28 days', () => {
    expect(AUTHORIZATION_DAYS).toBe(28);
    expect(checkExtend(base, now).toISOString()).toBe(new Date(now.getTime() + 28 * DAY).toISOString());
  });
  it('caps the window at created_at + 90 days', () => {
    expect(MAX_AUTHORIZATION_DAYS).toBe(90);
    const old = { ...base, created_at: '2025-12-15T12:00:00Z', expires_at: '2026-03-05T12:00:00Z' };
    expect(checkExtend(old, now).toISOString()).toBe('2026-03-15T12:00:00.000Z');
  });
  it('refuses an order already at the 90-day limit', () => {
    const atLimit = { ...base, created_at: '2025-12-15T12:00:00Z', expires_at: '2026-03-15T12:00:00Z' };
    const error = conflictOf(() => checkExtend(atLimit, now));
    expect(error.details?.['errorCode']).toBe('NOT_ALLOWED');
    expect(error.message).toMatch(/would not move it later/);
  });
  it('refuses orders created before 2025-09-25 and purchases in ES/FR/IT/PT', () => {
    expect(conflictOf(() => checkExtend({ ...base, created_at: '2025-09-24T23:59:59Z' }, now)).message).toMatch(/before 2025-09-25/);
    expect(conflictOf(() => checkExtend({ ...base, purchase_country: 'es' }, now)).message).toMatch(/ES, FR, IT or PT/);
    expect(() => checkExtend({ ...base, purchase_country: 'SE' }, now)).not.toThrow();
  });
  it('applyExtend writes the new expiry', () => {
    expect(applyExtend(base, now).expires_at).toBe('2026-03-29T12:00:00.000Z');
  });
});

describe('transitions', () => {
  it('partial then full capture', () => {
    const part = applyCapture(base, 4000, now);
    expect(part).toMatchObject({ status: 'PART_CAPTURED', captured_amount: 4000, remaining_authorized_amount: 6000, captures_count: 1 });
    const full = applyCapture(part, 6000, now);
    expect(full).toMatchObject({ status: 'CAPTURED', captured_amount: 10000, remaining_authorized_amount: 0, captures_count: 2 });
    expect(base.captured_amount).toBe(0); // inputs are not mutated
  });
  it('refunds: partial keeps CAPTURED, full closes', () => {
    const captured = orders['CAPTURED']!;
    const partly = applyRefund(captured, 3000, now);
    expect(partly).toMatchObject({ status: 'CAPTURED', refunded_amount: 3000 });
    expect(applyRefund(partly, 7000, now)).toMatchObject({ status: 'CLOSED', refunded_amount: 10000 });
  });
  it('refunding everything captured on a part-captured order keeps it open', () => {
    expect(applyRefund(orders['PART_CAPTURED']!, 4000, now)).toMatchObject({ status: 'PART_CAPTURED', refunded_amount: 4000 });
  });
  it('cancel and release', () => {
    expect(applyCancel(base, now)).toMatchObject({ status: 'CANCELLED', remaining_authorized_amount: 0 });
    expect(applyRelease(orders['PART_CAPTURED']!, now)).toMatchObject({ status: 'CAPTURED', remaining_authorized_amount: 0 });
    const refundedPart = { ...orders['PART_CAPTURED']!, refunded_amount: 4000 };
    expect(applyRelease(refundedPart, now)).toMatchObject({ status: 'CLOSED' });
  });
  it('apply* refuse like check*', () => {
    expect(() => applyCapture(orders['CANCELLED']!, 100, now)).toThrow(StateConflictError);
    expect(() => applyCancel(orders['CAPTURED']!, now)).toThrow(StateConflictError);
    expect(() => applyRelease(base, now)).toThrow(StateConflictError);
    expect(() => applyRefund(base, 1, now)).toThrow(StateConflictError);
  });
  it('refund still possible on a part-captured order that expired', () => {
    const lapsed = { ...orders['PART_CAPTURED']!, expires_at: '2026-02-01T00:00:00Z' };
    expect(allowedOrderOperations(lapsed, now)).toEqual(['refund']);
    expect(applyRefund(lapsed, 1000, now)).toMatchObject({ status: 'EXPIRED', refunded_amount: 1000 });
  });
});
