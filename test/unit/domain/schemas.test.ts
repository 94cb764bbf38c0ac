import { describe, it, expect } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import {
  formatIssuePath,
  linesFileSchema,
  orderLineInputSchema,
  orderLineSchema,
  parseLinesFile,
  parseWith,
} from '../../../src/domain/schemas.js';
import { computeOrder, validateOrderLines } from '../../../src/domain/order-lines.js';

const line = { type: 'physical', name: 'T-shirt', quantity: 2, unit_price: 12500, tax_rate: 2500 };

function issuesOf(fn: () => unknown): readonly { field: string; rule: string }[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
}

describe('lines file', () => {
  it('accepts a bare array or an object with order_lines, in API units', () => {
    expect(parseLinesFile([line])).toEqual([line]);
    expect(parseLinesFile({ order_lines: [line], order_amount: 25000 })).toEqual([line]);
    expect(linesFileSchema.parse([line])).toEqual([line]);
    expect(computeOrder(parseLinesFile([line])).order_amount).toBe(25000);
  });
  it('reports bad fields with Kustom paths', () => {
    const issues = issuesOf(() => parseLinesFile([line, { ...line, unit_price: '125.00' }]));
    expect(issues.map((i) => i.field)).toEqual(['order_lines[1].unit_price']);
    const wrapped = issuesOf(() => parseLinesFile({ order_lines: [{ ...line, tax_rate: 25.5 }] }));
    expect(wrapped.map((i) => i.field)).toEqual(['order_lines[0].tax_rate']);
  });
  it('rejects typos (unknown keys), an empty list and non-lists', () => {
    expect(issuesOf(() => parseLinesFile([{ ...line, unitprice: 1 }]))[0]!.field).toBe('order_lines[0]');
    expect(issuesOf(() => parseLinesFile([]))[0]!.field).toBe('order_lines');
    expect(issuesOf(() => parseLinesFile('nope'))[0]!.field).toBe('order_lines');
  });
  it('rejects a bad type', () => {
    expect(orderLineInputSchema.safeParse({ ...line, type: 'return_fee' }).success).toBe(false);
  });
});

describe('provider order line', () => {
  it('fills type and reference defaults and drops extra keys', () => {
    const parsed = orderLineSchema.parse({ name: 'X', quantity: 1, unit_price: 100, tax_rate: 0, total_amount: 100, total_tax_amount: 0, product_url: 'https://x' });
    expect(parsed).toEqual({ type: 'physical', reference: '', name: 'X', quantity: 1, unit_price: 100, tax_rate: 0, total_discount_amount: 0, total_amount: 100, total_tax_amount: 0 });
  });
  it('requires the totals', () => {
    expect(orderLineSchema.safeParse(line).success).toBe(false);
  });
  it('feeds validateOrderLines', () => {
    const lines = [orderLineSchema.parse({ ...line, total_amount: 25000, total_tax_amount: 5000 })];
    expect(validateOrderLines({ order_amount: 25000, order_tax_amount: 5000, order_lines: lines as never })).toEqual([]);
  });
});

describe('helpers', () => {
  it('formats paths', () => {
    expect(formatIssuePath(['order_lines', 2, 'unit_price'])).toBe('order_lines[2].unit_price');
    expect(formatIssuePath([1, 'name'], 'lines')).toBe('lines[1].name');
    expect(formatIssuePath([])).toBe('(input)');
  });
  it('parseWith throws one ValidationError naming every field', () => {
    const issues = issuesOf(() => parseWith(orderLineInputSchema, { type: 'physical' }, 'line'));
    expect(issues.map((i) => i.field).sort()).toEqual(['line.name', 'line.quantity', 'line.tax_rate', 'line.unit_price']);
  });
});

describe('parseLinesFile: Kustom\'s own line shape', () => {
  const line = { type: 'physical', reference: 'SKU-1', name: 'Tee', quantity: 2, unit_price: 12500, tax_rate: 2500, total_discount_amount: 1000 };

  it('accepts total_amount and total_tax_amount that match the line, as a bare array and under order_lines', () => {
    const kustom = { ...line, total_amount: 24000, total_tax_amount: 4800 };
    expect(parseLinesFile([kustom])).toEqual([line]);
    expect(parseLinesFile({ order_lines: [kustom] })).toEqual([line]);
  });

  it('names each given total that does not match, with the amount the fields make', () => {
    let caught: unknown;
    try {
      parseLinesFile([line, { ...line, total_amount: 25000, total_tax_amount: 100 }]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const issues = (caught as ValidationError).issues;
    expect(issues.map((i) => i.field)).toEqual(['order_lines[1].total_amount', 'order_lines[1].total_tax_amount']);
    expect(issues[0]?.rule).toContain('24000');
  });

  it('still refuses unknown keys (a typo is reported, not ignored)', () => {
    expect(() => parseLinesFile([{ ...line, totalamount: 1 }])).toThrow(ValidationError);
  });
});
