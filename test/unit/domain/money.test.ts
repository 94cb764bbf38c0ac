import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ValidationError } from '../../../src/errors.js';
import {
  amountFormatter,
  assertMinorUnits,
  formatAmount,
  formatMoney,
  parseAmount,
  sumMinor,
} from '../../../src/domain/money.js';
import { currencyExponent, isSupportedCurrency, normalizeCurrency, CURRENCIES } from '../../../src/domain/currency.js';

function issueOf(fn: () => unknown): { field: string; rule: string } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues;
    expect(issues).toHaveLength(1);
    return issues[0]!;
  }
  throw new Error('expected a ValidationError');
}

describe('currency', () => {
  it('knows exponents for 0, 2 and 3 decimal currencies', () => {
    expect(currencyExponent('SEK')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('sek')).toBe(2);
    expect(Object.keys(CURRENCIES)).toHaveLength(20);
  });
  it('rejects unknown currencies naming the supported ones', () => {
    const issue = issueOf(() => currencyExponent('XYZ'));
    expect(issue.field).toBe('currency');
    expect(issue.rule).toMatch(/^unsupported currency XYZ; supported: SEK, NOK/);
    expect(isSupportedCurrency('XYZ')).toBe(false);
    expect(isSupportedCurrency('eur')).toBe(true);
  });
  it('normalizes case and spaces', () => {
    expect(normalizeCurrency(' sek ')).toBe('SEK');
    expect(issueOf(() => normalizeCurrency('SE', 'purchase_currency')).field).toBe('purchase_currency');
    expect(issueOf(() => normalizeCurrency('')).rule).toMatch(/empty/);
    expect(issueOf(() => normalizeCurrency('ABC')).rule).toMatch(/unsupported currency ABC/);
  });
});

describe('parseAmount accepts', () => {
  const cases: [string, string, number, Parameters<typeof parseAmount>[2]?][] = [
    ['12', 'SEK', 1200],
    ['12.5', 'SEK', 1250],
    ['12.50', 'SEK', 1250],
    ['12,50', 'SEK', 1250],
    ['0.05', 'EUR', 5],
    ['0', 'SEK', 0],
    ['  7  ', 'SEK', 700],
    ['1 234,50', 'SEK', 123450],
    ['1\u00A0234,50', 'SEK', 123450],
    ['1\u202F234.50', 'EUR', 123450],
    ['1_000.00', 'USD', 100000],
    ["1'000", 'CHF', 100000],
    ['1 000 000', 'NOK', 100000000],
    ['007.10', 'SEK', 710],
    ['500', 'JPY', 500],
    ['1.250', 'BHD', 1250],
    ['1,5', 'KWD', 1500],
    ['-12.50', 'SEK', -1250, { allowNegative: true }],
    ['-0', 'SEK', 0, { allowNegative: true }],
    ['90071992547409.91', 'SEK', Number.MAX_SAFE_INTEGER],
  ];
  it.each(cases)('%j %s → %d', (input, currency, expected, opts) => {
    const value = parseAmount(input, currency, opts);
    expect(value).toBe(expected);
    expect(Object.is(value, -0)).toBe(false);
  });
});

describe('parseAmount rejects', () => {
  const cases: [string, string, RegExp, Parameters<typeof parseAmount>[2]?][] = [
    ['', 'SEK', /is empty; expected an amount such as 12/],
    ['   ', 'SEK', /is empty/],
    ['1,234.50', 'SEK', /mixes '\.' and ','/],
    ['1.234,50', 'EUR', /mixes '\.' and ','/],
    ['1.2.3', 'SEK', /more than one decimal separator/],
    ['1,2,3', 'SEK', /more than one decimal separator/],
    ['12.345', 'SEK', /^"12\.345" has 3 decimals; SEK allows at most 2$/],
    ['1,234', 'SEK', /has 3 decimals; SEK allows at most 2/],
    ['12.5', 'JPY', /has 1 decimal; JPY has no minor unit, so only whole amounts are allowed/],
    ['1.2345', 'BHD', /has 4 decimals; BHD allows at most 3/],
    ['1e3', 'SEK', /exponent notation/],
    ['1.5E2', 'SEK', /exponent notation/],
    ['NaN', 'SEK', /is not a number/],
    ['Infinity', 'SEK', /is not a number/],
    ['-Infinity', 'SEK', /is not a number/, { allowNegative: true }],
    ['0x10', 'SEK', /hexadecimal/],
    ['+12', 'SEK', /leading '\+'/],
    ['-12', 'SEK', /is negative; the amount must not be negative/],
    ['-', 'SEK', /sign but no digits/, { allowNegative: true }],
    ['--12', 'SEK', /contains "-"/, { allowNegative: true }],
    ['0', 'SEK', /is zero; the amount must be greater than zero/, { allowZero: false }],
    ['0.00', 'SEK', /is zero/, { allowZero: false }],
    ['90071992547409.92', 'SEK', /too large; the maximum is 90071992547409\.91 SEK/],
    ['99999999999999999999', 'JPY', /too large/],
    ['.5', 'SEK', /no digits before the decimal separator/],
    ['12.', 'SEK', /no digits after the decimal separator/],
    ['12.5 0', 'SEK', /separator after the decimal separator/],
    ['1  234', 'SEK', /misplaced digit-group separator/],
    ['_1000', 'SEK', /misplaced digit-group separator/],
    ['1000_', 'SEK', /misplaced digit-group separator/],
    ['12 kr', 'SEK', /contains "k"/],
    ['$12', 'USD', /contains "\$"/],
    ['１２', 'SEK', /contains "１"/],
  ];
  it.each(cases)('%j %s', (input, currency, rule, opts) => {
    const issue = issueOf(() => parseAmount(input, currency, opts));
    expect(issue.field).toBe('amount');
    expect(issue.rule).toMatch(rule);
  });

  it('uses the given field name', () => {
    expect(issueOf(() => parseAmount('abc', 'SEK', { field: 'unit_price' })).field).toBe('unit_price');
  });
  it('rejects an unsupported currency on the currency field', () => {
    expect(issueOf(() => parseAmount('12', 'XXX')).field).toBe('currency');
  });
});

describe('formatAmount', () => {
  it.each([
    [123450, 'SEK', '1234.50'],
    [-5, 'SEK', '-0.05'],
    [5, 'EUR', '0.05'],
    [0, 'EUR', '0.00'],
    [500, 'JPY', '500'],
    [-500, 'JPY', '-500'],
    [1250, 'BHD', '1.250'],
    [1, 'KWD', '0.001'],
    [Number.MAX_SAFE_INTEGER, 'SEK', '90071992547409.91'],
  ])('%d %s → %s', (minor, currency, expected) => {
    expect(formatAmount(minor, currency)).toBe(expected);
  });
  it('can use a decimal comma', () => {
    expect(formatAmount(123450, 'SEK', { decimalSeparator: ',' })).toBe('1234,50');
  });
  it('refuses non-integers', () => {
    expect(issueOf(() => formatAmount(1.5, 'SEK')).rule).toMatch(/safe integer/);
  });
  it('amountFormatter writes what formatAmount writes, in every currency, and refuses what it refuses', () => {
    const codes = Object.keys(CURRENCIES);
    fc.assert(
      fc.property(fc.constantFrom(...codes), fc.constantFrom<'.' | ','>('.', ','), fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -2000, max: 2000 })), (code, separator, minor) => {
        expect(amountFormatter(code, { decimalSeparator: separator })(minor)).toBe(formatAmount(minor, code, { decimalSeparator: separator }));
      }),
    );
    expect(issueOf(() => amountFormatter('SEK')(1.5)).rule).toMatch(/safe integer/);
    expect(issueOf(() => amountFormatter('SEK')(Number.MAX_SAFE_INTEGER + 1)).rule).toMatch(/safe integer/);
    expect(issueOf(() => amountFormatter('XXX')).rule).toMatch(/unsupported currency/);
    for (const code of ['SEK', 'JPY', 'BHD']) expect(amountFormatter(code)(-0)).toBe(formatAmount(-0, code));
  });

  const exponents = Object.entries(CURRENCIES).map(([code]) => code);
  it('round-trips through parseAmount for random safe integers in every currency', () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger().filter((n) => n > Number.MIN_SAFE_INTEGER),
        fc.constantFrom(...exponents),
        fc.constantFrom<'.' | ','>('.', ','),
        (minor, currency, sep) => {
          const text = formatAmount(minor, currency, { decimalSeparator: sep });
          expect(parseAmount(text, currency, { allowNegative: true })).toBe(minor === 0 ? 0 : minor);
        },
      ),
    );
  });
  it('round-trips small amounts too', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), fc.constantFrom('SEK', 'JPY', 'BHD'), (minor, currency) => {
        expect(parseAmount(formatAmount(minor, currency), currency, { allowNegative: true })).toBe(minor);
      }),
    );
  });
});

describe('formatMoney', () => {
  it.each([
    [123450, 'SEK', '1,234.50 SEK'],
    [-5, 'EUR', '-0.05 EUR'],
    [500, 'JPY', '500 JPY'],
    [123456789, 'JPY', '123,456,789 JPY'],
    [100000000, 'USD', '1,000,000.00 USD'],
    [99999, 'GBP', '999.99 GBP'],
    [1234567, 'KWD', '1,234.567 KWD'],
  ])('%d %s → %s', (minor, currency, expected) => {
    expect(formatMoney(minor, currency)).toBe(expected);
  });
});

describe('assertMinorUnits and sumMinor', () => {
  it('accepts safe integers and rejects the rest', () => {
    expect(() => assertMinorUnits(42, 'x')).not.toThrow();
    for (const bad of [1.5, Number.NaN, Infinity, 2 ** 53]) {
      expect(issueOf(() => assertMinorUnits(bad, 'captured_amount')).field).toBe('captured_amount');
    }
  });
  it('sums and refuses to leave the safe range', () => {
    expect(sumMinor([100, -30, 5])).toBe(75);
    expect(sumMinor([])).toBe(0);
    expect(issueOf(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).rule).toMatch(/largest safe amount/);
    expect(issueOf(() => sumMinor([1, 0.5], 'order_amount')).field).toBe('order_amount');
  });
});
