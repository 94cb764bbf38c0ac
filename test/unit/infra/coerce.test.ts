import { describe, expect, it } from 'vitest';
import { MerchantError } from '../../../src/errors.js';
import { amount, str } from '../../../src/infra/coerce.js';
import { toOrderLine } from '../../../src/backends/kustom/orders/map-order.js';

describe('str', () => {
  it.each([
    ['abc', 'abc'],
    ['', null],
    [undefined, null],
    [null, null],
    [12, null],
  ])('%j → %j', (input, expected) => expect(str(input)).toBe(expected));
});

describe('amount: a missing amount never becomes 0 by itself', () => {
  it('passes integers through', () => expect(amount(-1250, 'x')).toBe(-1250));

  it.each([undefined, null])('refuses %j when no default is named, naming the field', (input) => {
    expect(() => amount(input, 'order.captured_amount')).toThrow(MerchantError);
    expect(() => amount(input, 'order.captured_amount')).toThrow(/no usable order\.captured_amount \(it is missing\)/);
  });

  it('takes the default the caller names only when the field is absent', () => {
    expect(amount(undefined, 'tax_rate', 0)).toBe(0);
    expect(amount(null, 'tax_rate', 0)).toBe(0);
  });

  it.each(['100', 12.5, Number.NaN, Number.POSITIVE_INFINITY, true, {}])('refuses %j even with a default', (input) => {
    expect(() => amount(input, 'x', 0)).toThrow(/no usable x \(got /);
  });

  it('an order line without its total is refused, not read as 0', () => {
    expect(() => toOrderLine({ name: 'Hat', quantity: 1, unit_price: 100 })).toThrow(/order_lines\[\]\.total_amount/);
    expect(toOrderLine({ name: 'Hat', quantity: 1, unit_price: 100, total_amount: 100 }).tax_rate).toBe(0);
  });
});
