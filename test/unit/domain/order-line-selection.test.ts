import { describe, expect, it } from 'vitest';
import { lineProgress, parseLineSelection, selectLines } from '../../../src/domain/order-line-selection.js';
import { computeOrder } from '../../../src/domain/order-lines.js';

const { order_lines: lines } = computeOrder([
  { type: 'physical', name: 'Shirt', reference: 'SKU-1', quantity: 3, unit_price: 1000, tax_rate: 2500 },
  { type: 'shipping_fee', name: 'Shipping', reference: 'SHIP', quantity: 1, unit_price: 499, tax_rate: 2500 },
]);
const none = () => ({ quantity: 0, amount: 0 });
const whole = (l: (typeof lines)[number]) => ({ quantity: l.quantity, amount: l.total_amount });

describe('parseLineSelection', () => {
  it('reads REF and REF:QTY', () => {
    expect(parseLineSelection('SKU-1')).toEqual({ reference: 'SKU-1' });
    expect(parseLineSelection('SKU-1:2')).toEqual({ reference: 'SKU-1', quantity: 2 });
  });
  it('refuses a zero or non-numeric quantity and an empty reference, naming the flag', () => {
    expect(() => parseLineSelection('SKU-1:0')).toThrow(/--line.*whole number ≥ 1/);
    expect(() => parseLineSelection('SKU-1:x')).toThrow(/quantity/);
    expect(() => parseLineSelection('')).toThrow(/--line/);
  });
});

describe('selectLines', () => {
  it('takes a proportional part of a line', () => {
    const r = selectLines(lines, [{ reference: 'SKU-1', quantity: 1 }], none, whole, 'capture');
    expect(r.amount).toBe(1000);
    expect(r.order_lines[0]).toMatchObject({ reference: 'SKU-1', quantity: 1, total_amount: 1000, total_tax_amount: 200 });
  });
  it('takes every open unit without a quantity, and what is left for the last units', () => {
    const r = selectLines(lines, [{ reference: 'SKU-1' }], () => ({ quantity: 1, amount: 1000 }), whole, 'capture');
    expect(r.order_lines[0]).toMatchObject({ quantity: 2, total_amount: 2000 });
  });
  it('reports every problem at once: unknown line, too many units, selected twice', () => {
    expect(() =>
      selectLines(lines, [{ reference: 'NOPE' }, { reference: 'SKU-1', quantity: 4 }, { reference: 'SHIP' }, { reference: 'SHIP' }], none, whole, 'capture'),
    ).toThrow(/NOPE[\s\S]*only 3 of 3[\s\S]*selected twice/);
  });
  it('refuses a fully taken line', () => {
    expect(() => selectLines(lines, [{ reference: 'SHIP' }], () => ({ quantity: 1, amount: 499 }), whole, 'refund')).toThrow(/nothing left to refund/);
  });
});

describe('lineProgress', () => {
  it('sums captured and refunded quantities per reference', () => {
    const part = { ...lines[0]!, quantity: 2, total_amount: 2000 };
    const p = lineProgress(lines, [[part]], [[{ ...part, quantity: 1, total_amount: 1000 }]]);
    expect(p[0]).toMatchObject({ captured_quantity: 2, captured_amount: 2000, refunded_quantity: 1, refunded_amount: 1000 });
    expect(p[1]).toMatchObject({ captured_quantity: 0, refunded_quantity: 0 });
  });
});
