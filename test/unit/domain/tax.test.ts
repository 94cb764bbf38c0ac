import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ValidationError } from '../../../src/errors.js';
import { formatTaxRate, isTaxWithinTolerance, lineTaxAmount, parseTaxRate } from '../../../src/domain/tax.js';

function ruleOf(fn: () => unknown): { field: string; rule: string } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues[0]!;
  }
  throw new Error('expected a ValidationError');
}

describe('parseTaxRate', () => {
  it.each([
    ['25', 2500],
    ['25%', 2500],
    ['25 %', 2500],
    ['12.5', 1250],
    ['12,5', 1250],
    ['6', 600],
    ['0', 0],
    ['0.01', 1],
    ['100', 10000],
    ['7.25%', 725],
  ])('%j → %d', (input, expected) => {
    expect(parseTaxRate(input)).toBe(expected);
  });
  it.each([
    ['2500', /over 100%.*not the API form 2500/],
    ['100.5', /over 100%/],
    ['12.345', /more than two decimals/],
    ['-5', /is not a tax rate/],
    ['', /is not a tax rate/],
    ['abc', /is not a tax rate/],
    ['25%%', /is not a tax rate/],
    ['0.25x', /is not a tax rate/],
  ])('rejects %j', (input, rule) => {
    const issue = ruleOf(() => parseTaxRate(input, 'lines[0].tax'));
    expect(issue.field).toBe('lines[0].tax');
    expect(issue.rule).toMatch(rule);
  });
  it('defaults the field to tax_rate', () => {
    expect(ruleOf(() => parseTaxRate('x')).field).toBe('tax_rate');
  });
});

describe('formatTaxRate', () => {
  it.each([
    [2500, '25%'],
    [1250, '12.5%'],
    [600, '6%'],
    [0, '0%'],
    [1, '0.01%'],
    [10000, '100%'],
  ])('%d → %s', (rate, text) => {
    expect(formatTaxRate(rate)).toBe(text);
    expect(parseTaxRate(text)).toBe(rate);
  });
});

describe('lineTaxAmount', () => {
  it.each([
    [22500, 2500, 4500],
    [4900, 2500, 980],
    [-1000, 2500, -200],
    [50000, 1000, 4545],
    [0, 2500, 0],
    [1000, 0, 0],
    [-1, 2500, 0],
    [10000, 10000, 5000],
    [1, 10000, 1], // 0.5 rounds half up (on the absolute value)
    [-1, 10000, -1], // and the sign is re-applied: symmetric, not toward +∞
  ])('%d at %d → %d', (total, rate, tax) => {
    const value = lineTaxAmount(total, rate);
    expect(value).toBe(tax);
    expect(Object.is(value, -0)).toBe(false);
  });
  it('rejects bad inputs', () => {
    expect(() => lineTaxAmount(1.5, 2500)).toThrow(ValidationError);
    expect(() => lineTaxAmount(100, 10001)).toThrow(ValidationError);
    expect(() => lineTaxAmount(100, -1)).toThrow(ValidationError);
  });
  it('is always within Kustom’s ±1 tolerance', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000_000, max: 200_000_000 }), fc.integer({ min: 0, max: 10000 }), (total, rate) => {
        expect(isTaxWithinTolerance(total, rate, lineTaxAmount(total, rate))).toBe(true);
      }),
    );
  });
  it('is symmetric under negation', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.integer({ min: 0, max: 10000 }), (total, rate) => {
        expect(lineTaxAmount(-total, rate)).toBe(-lineTaxAmount(total, rate) || 0);
      }),
    );
  });
  it('matches exact rational rounding for huge totals', () => {
    // 2^53 − 1 at 25 %: exact tax is (2^53 − 1)/5 = 1801439850948198.2 → 1801439850948198.
    expect(lineTaxAmount(Number.MAX_SAFE_INTEGER, 2500)).toBe(1801439850948198);
  });
});

describe('isTaxWithinTolerance', () => {
  it.each([
    [50000, 1000, 4545, true],
    [50000, 1000, 4546, true], // 4545.45 + 1 > 4546
    [50000, 1000, 4544, false], // exact 4545.45…: 4544 is 1.45 away
    [50000, 1000, 4547, false],
    [50000, 1000, 4543, false],
    [22500, 2500, 4501, true],
    [22500, 2500, 4499, true],
    [22500, 2500, 4502, false],
    [-1000, 2500, -200, true],
    [-1000, 2500, 200, false],
    [100, 0, 1, true],
    [100, 0, 2, false],
    [100, 10001, 50, false],
    [1.5, 2500, 0, false],
  ])('total %d rate %d tax %d → %s', (total, rate, tax, ok) => {
    expect(isTaxWithinTolerance(total, rate, tax)).toBe(ok);
  });
});
