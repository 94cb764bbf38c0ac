import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ValidationError } from '../../../src/errors.js';
import type { Issue } from '../../../src/errors.js';
import {
  assertValidOrderLines,
  computeLine,
  computeOrder,
  discountLine,
  OM_ORDER_LINE_TYPES,
  ORDER_LINE_TYPES,
  validateOrderLines,
} from '../../../src/domain/order-lines.js';
import type { OrderLine, OrderLineInput, OrderTotals } from '../../../src/domain/order-lines.js';
import { isTaxWithinTolerance } from '../../../src/domain/tax.js';

function issuesOf(fn: () => unknown): readonly Issue[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
}

const tshirt: OrderLineInput = {
  type: 'physical',
  reference: 'TS-RED-M',
  name: 'T-shirt',
  quantity: 2,
  quantity_unit: 'pcs',
  unit_price: 12500,
  tax_rate: 2500,
  total_discount_amount: 2500,
};
const shipping: OrderLineInput = { type: 'shipping_fee', reference: 'SHIP', name: 'Postal delivery', quantity: 1, unit_price: 4900, tax_rate: 2500 };
const coupon: OrderLineInput = discountLine('Welcome coupon', 1000, 2500, 'WELCOME10');

/** The reference's worked example (§2.4), exactly as Kustom documents it. */
const referenceOrder: OrderTotals = {
  order_amount: 26400,
  order_tax_amount: 5280,
  order_lines: [
    { type: 'physical', reference: 'TS-RED-M', name: 'T-shirt', quantity: 2, quantity_unit: 'pcs', unit_price: 12500, tax_rate: 2500, total_discount_amount: 2500, total_amount: 22500, total_tax_amount: 4500 },
    { type: 'shipping_fee', reference: 'SHIP', name: 'Postal delivery', quantity: 1, unit_price: 4900, tax_rate: 2500, total_discount_amount: 0, total_amount: 4900, total_tax_amount: 980 },
    { type: 'discount', reference: 'WELCOME10', name: 'Welcome coupon', quantity: 1, unit_price: -1000, tax_rate: 2500, total_discount_amount: 0, total_amount: -1000, total_tax_amount: -200 },
  ],
};

describe('type lists', () => {
  it('has the eight checkout types and return_fee for OM only', () => {
    expect(ORDER_LINE_TYPES).toHaveLength(8);
    expect(ORDER_LINE_TYPES).not.toContain('return_fee');
    expect(OM_ORDER_LINE_TYPES).toContain('return_fee');
  });
});

describe('computeLine', () => {
  it('computes the reference T-shirt line', () => {
    const line = computeLine(tshirt);
    expect(line).toEqual(referenceOrder.order_lines[0]);
    expect(Object.keys(line)).toEqual([
      'type', 'reference', 'name', 'quantity', 'quantity_unit', 'unit_price', 'tax_rate', 'total_discount_amount', 'total_amount', 'total_tax_amount',
    ]);
  });
  it('defaults reference to "" and discount to 0, and omits an absent quantity_unit', () => {
    const line = computeLine({ type: 'digital', name: 'E-book', quantity: 1, unit_price: 9900, tax_rate: 600 });
    expect(line.reference).toBe('');
    expect(line.total_discount_amount).toBe(0);
    expect('quantity_unit' in line).toBe(false);
    expect(line.total_amount).toBe(9900);
    expect(line.total_tax_amount).toBe(560); // 9900·600/10600 = 560.38
  });
  it('builds a negative discount line', () => {
    expect(coupon).toEqual({ type: 'discount', reference: 'WELCOME10', name: 'Welcome coupon', quantity: 1, unit_price: -1000, tax_rate: 2500 });
    expect(computeLine(coupon)).toMatchObject({ total_amount: -1000, total_tax_amount: -200 });
    expect(issuesOf(() => discountLine('x', 0, 2500))[0]).toMatchObject({ field: 'discount' });
    expect(issuesOf(() => discountLine('x', -5, 2500))[0]!.rule).toMatch(/positive/);
  });
  it('allows gift cards and store credit with either sign', () => {
    expect(computeLine({ type: 'gift_card', name: 'Gift card', quantity: 1, unit_price: -5000, tax_rate: 0 }).total_amount).toBe(-5000);
    expect(computeLine({ type: 'store_credit', name: 'Credit', quantity: 1, unit_price: 5000, tax_rate: 0 }).total_amount).toBe(5000);
  });

  const bad: [string, Partial<OrderLineInput> | Record<string, unknown>, string, RegExp][] = [
    ['unknown type', { type: 'return_fee' }, 'type', /must be one of physical, discount/],
    ['empty name', { name: '' }, 'name', /non-empty/],
    ['blank name', { name: '   ' }, 'name', /non-empty/],
    ['long name', { name: 'x'.repeat(256) }, 'name', /256 characters; at most 255/],
    ['long reference', { reference: 'r'.repeat(256) }, 'reference', /at most 255/],
    ['zero quantity', { quantity: 0 }, 'quantity', /whole number ≥ 1/],
    ['fractional quantity', { quantity: 1.5 }, 'quantity', /whole number/],
    ['empty unit', { quantity_unit: '' }, 'quantity_unit', /1–8 characters/],
    ['long unit', { quantity_unit: 'kilograms' }, 'quantity_unit', /1–8 characters/],
    ['float price', { unit_price: 12.5 }, 'unit_price', /whole number of minor units/],
    ['huge price', { unit_price: 100_000_001 }, 'unit_price', /per-line limit/],
    ['negative physical', { unit_price: -100 }, 'unit_price', /must not be negative for a physical line/],
    ['tax 10001', { tax_rate: 10001 }, 'tax_rate', /0 to 10000/],
    ['tax 25.5', { tax_rate: 25.5 }, 'tax_rate', /0 to 10000/],
    ['negative discount', { total_discount_amount: -1 }, 'total_discount_amount', /≥ 0/],
    ['discount above gross', { quantity: 1, unit_price: 100, total_discount_amount: 101 }, 'total_discount_amount', /101 exceeds quantity × unit_price \(100\)/],
    ['line total over limit', { quantity: 2, unit_price: 60_000_000, total_discount_amount: 0 }, 'total_amount', /per-line limit/],
  ];
  it.each(bad)('rejects %s', (_label, patch, key, rule) => {
    const issues = issuesOf(() => computeLine({ ...tshirt, ...patch }, 3));
    expect(issues).toContainEqual({ field: `order_lines[3].${key}`, rule: expect.stringMatching(rule) });
  });
  it('rejects a discount line with a positive price', () => {
    const issues = issuesOf(() => computeLine({ type: 'discount', name: 'd', quantity: 1, unit_price: 100, tax_rate: 0 }));
    expect(issues).toEqual([{ field: 'order_lines[0].unit_price', rule: expect.stringMatching(/negative unit_price/) as string }]);
  });
  it('collects every issue before throwing', () => {
    const issues = issuesOf(() => computeLine({ type: 'physical', name: '', quantity: 0, unit_price: -1, tax_rate: 20000 }, 2));
    expect(issues.map((i) => i.field)).toEqual(['order_lines[2].name', 'order_lines[2].quantity', 'order_lines[2].unit_price', 'order_lines[2].tax_rate']);
  });
});

describe('computeOrder', () => {
  it('reproduces the reference SEK example: 26400 / 5280', () => {
    const order = computeOrder([tshirt, shipping, coupon]);
    expect(order).toEqual(referenceOrder);
    expect(validateOrderLines(order)).toEqual([]);
  });
  it('handles mixed rates 25/12/6/0', () => {
    const order = computeOrder([
      { type: 'physical', name: 'Lamp', quantity: 1, unit_price: 49900, tax_rate: 2500 },
      { type: 'physical', name: 'Coffee', quantity: 3, unit_price: 5990, tax_rate: 1200 },
      { type: 'physical', name: 'Book', quantity: 1, unit_price: 19900, tax_rate: 600 },
      { type: 'gift_card', name: 'Gift card', quantity: 1, unit_price: 10000, tax_rate: 0 },
    ]);
    expect(order.order_lines.map((l) => l.total_tax_amount)).toEqual([9980, 1925, 1126, 0]);
    expect(order.order_amount).toBe(49900 + 17970 + 19900 + 10000);
    expect(order.order_tax_amount).toBe(9980 + 1925 + 1126);
    expect(validateOrderLines(order)).toEqual([]);
  });
  it('computes a JPY order (no minor unit)', () => {
    const order = computeOrder([
      { type: 'physical', name: 'Tea set', quantity: 2, unit_price: 3300, tax_rate: 1000 },
      { type: 'shipping_fee', name: 'Shipping', quantity: 1, unit_price: 550, tax_rate: 1000 },
    ]);
    expect(order).toMatchObject({ order_amount: 7150, order_tax_amount: 650 });
  });
  it('rejects a discount exceeding the order', () => {
    const issues = issuesOf(() => computeOrder([shipping, discountLine('Too generous', 5000, 2500)]));
    expect(issues).toEqual([{ field: 'order_amount', rule: expect.stringMatching(/discounts \(5000\) exceed the rest of the order \(4900\)/) as string }]);
  });
  it('allows a discount exactly covering the order', () => {
    expect(computeOrder([shipping, discountLine('Free', 4900, 2500)])).toMatchObject({ order_amount: 0, order_tax_amount: 0 });
  });
  it('rejects an order whose tax would be negative', () => {
    const issues = issuesOf(() =>
      computeOrder([{ type: 'physical', name: 'Zero-rated', quantity: 1, unit_price: 1000, tax_rate: 0 }, discountLine('d', 500, 2500)]),
    );
    expect(issues[0]).toMatchObject({ field: 'order_tax_amount' });
  });
  it('rejects an empty cart, too many lines, and an order over 200 000 000', () => {
    expect(issuesOf(() => computeOrder([]))[0]).toMatchObject({ field: 'order_lines', rule: 'must contain at least one line' });
    expect(issuesOf(() => computeOrder(Array.from({ length: 1001 }, () => shipping)))[0]!.rule).toMatch(/1001 lines; at most 1000/);
    const big: OrderLineInput = { type: 'physical', name: 'Big', quantity: 1, unit_price: 100_000_000, tax_rate: 0 };
    expect(computeOrder([big, big]).order_amount).toBe(200_000_000);
    expect(issuesOf(() => computeOrder([big, big, shipping]))[0]).toMatchObject({ field: 'order_amount' });
  });
  it('reports issues from several lines with their indexes', () => {
    const issues = issuesOf(() => computeOrder([tshirt, { ...shipping, tax_rate: -1 }, { ...coupon, unit_price: 1000 }]));
    expect(issues.map((i) => i.field)).toEqual(['order_lines[1].tax_rate', 'order_lines[2].unit_price']);
  });
  it('always produces totals that validate (property)', () => {
    const lineArb = fc.record({
      type: fc.constantFrom('physical' as const, 'digital' as const, 'shipping_fee' as const, 'surcharge' as const),
      name: fc.constant('Item'),
      quantity: fc.integer({ min: 1, max: 20 }),
      unit_price: fc.integer({ min: 0, max: 1_000_000 }),
      tax_rate: fc.constantFrom(0, 600, 1000, 1200, 2500, 2550),
    });
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 10 }), (lines) => {
        const order = computeOrder(lines);
        expect(validateOrderLines(order)).toEqual([]);
        for (const line of order.order_lines) expect(isTaxWithinTolerance(line.total_amount, line.tax_rate, line.total_tax_amount)).toBe(true);
      }),
    );
  });
});

describe('validateOrderLines', () => {
  function broken(mutate: (order: { order_amount: number; order_tax_amount: number; order_lines: OrderLine[] }) => void) {
    const order = structuredClone(referenceOrder);
    mutate(order);
    return validateOrderLines(order);
  }

  it('accepts the reference example and tax off by one', () => {
    expect(validateOrderLines(referenceOrder)).toEqual([]);
    expect(
      broken((o) => {
        o.order_lines[1]!.total_tax_amount = 981;
        o.order_tax_amount = 5281;
      }),
    ).toEqual([]);
  });
  it('accepts quantity 0 on given lines', () => {
    const order = { order_amount: 0, order_tax_amount: 0, order_lines: [{ ...referenceOrder.order_lines[1]!, quantity: 0, total_amount: 0, total_tax_amount: 0 }] };
    expect(validateOrderLines(order)).toEqual([]);
  });

  const cases: [string, (o: { order_amount: number; order_tax_amount: number; order_lines: OrderLine[] }) => void, Issue[]][] = [
    ['wrong line total', (o) => { o.order_lines[0]!.total_amount = 25000; o.order_amount = 28900; o.order_lines[0]!.total_tax_amount = 5000; o.order_tax_amount = 5780; },
      [{ field: 'order_lines[0].total_amount', rule: 'is 25000; quantity × unit_price − total_discount_amount = 22500' }]],
    ['tax off by two', (o) => { o.order_lines[1]!.total_tax_amount = 982; o.order_tax_amount = 5282; },
      [{ field: 'order_lines[1].total_tax_amount', rule: 'is 982; at tax_rate 2500 the tax in 4900 is 980 (±1 accepted)' }]],
    ['order amount not the sum', (o) => { o.order_amount = 26401; },
      [{ field: 'order_amount', rule: "is 26401; the sum of the lines' total_amount is 26400" }]],
    ['order tax not the sum', (o) => { o.order_tax_amount = 5279; },
      [{ field: 'order_tax_amount', rule: "is 5279; the sum of the lines' total_tax_amount is 5280" }]],
    ['positive discount line', (o) => { const d = o.order_lines[2]!; d.unit_price = 1000; d.total_amount = 1000; d.total_tax_amount = 200; o.order_amount = 28400; o.order_tax_amount = 5680; },
      [
        { field: 'order_lines[2].unit_price', rule: 'discount lines must have a negative unit_price; got 1000' },
        { field: 'order_lines[2].total_amount', rule: 'discount lines must have a negative total_amount; got 1000' },
        { field: 'order_lines[2].total_tax_amount', rule: 'discount lines must have a negative total_tax_amount; got 200' },
      ]],
    ['bad tax rate', (o) => { o.order_lines[0]!.tax_rate = 25; },
      [{ field: 'order_lines[0].total_tax_amount', rule: 'is 4500; at tax_rate 25 the tax in 22500 is 56 (±1 accepted)' }]],
    ['return_fee in checkout', (o) => { (o.order_lines[1] as { type: string }).type = 'return_fee'; },
      [{ field: 'order_lines[1].type', rule: expect.stringMatching(/must be one of/) as string }]],
    ['negative order amount', (o) => { o.order_amount = -1; },
      [{ field: 'order_amount', rule: 'must be a whole number of minor units ≥ 0; got -1' }]],
    ['float total', (o) => { o.order_lines[0]!.total_amount = 22500.5; },
      [{ field: 'order_lines[0].total_amount', rule: 'must be a whole number of minor units; got 22500.5' }]],
  ];
  it.each(cases)('catches %s', (_label, mutate, expected) => {
    expect(broken(mutate)).toEqual(expected);
  });

  it('allows return_fee and 10-char units in Order Management context', () => {
    const order = {
      order_amount: 500,
      order_tax_amount: 100,
      order_lines: [{ type: 'return_fee', reference: '', name: 'Return', quantity: 1, quantity_unit: 'shipments', unit_price: 500, tax_rate: 2500, total_discount_amount: 0, total_amount: 500, total_tax_amount: 100 }],
    } as unknown as OrderTotals;
    expect(validateOrderLines(order, { context: 'order_management' })).toEqual([]);
    expect(validateOrderLines(order).map((i) => i.field)).toEqual(['order_lines[0].type', 'order_lines[0].quantity_unit']);
  });
  it('reports garbage lines without crashing', () => {
    const order = { order_amount: 0, order_tax_amount: 0, order_lines: [null, 'x'] } as unknown as OrderTotals;
    expect(validateOrderLines(order).map((i) => i.field)).toEqual(['order_lines[0]', 'order_lines[1]']);
  });
  it('assertValidOrderLines throws all issues', () => {
    expect(() => assertValidOrderLines(referenceOrder)).not.toThrow();
    const order = structuredClone(referenceOrder);
    order.order_amount = 1;
    order.order_tax_amount = 1;
    expect(issuesOf(() => assertValidOrderLines(order)).map((i) => i.field)).toEqual(['order_amount', 'order_tax_amount']);
  });
});
