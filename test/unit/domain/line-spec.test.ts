import { describe, expect, it } from 'vitest';
import { ValidationError, type Issue } from '../../../src/errors.js';
import { parseDiscountSpec, parseKeyValues, parseLineSpec } from '../../../src/domain/line-spec.js';

function issues(fn: () => unknown): Issue[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return [...(error as ValidationError).issues];
  }
  throw new Error('expected a ValidationError');
}

describe('parseLineSpec', () => {
  it('parses every key into API units', () => {
    expect(parseLineSpec('name=T-shirt,ref=TS-1,qty=2,price=125.00,tax=25,type=physical,discount=25.00,unit=pcs', 'SEK')).toEqual({
      type: 'physical',
      reference: 'TS-1',
      name: 'T-shirt',
      quantity: 2,
      quantity_unit: 'pcs',
      unit_price: 12500,
      tax_rate: 2500,
      total_discount_amount: 2500,
    });
  });
  it('defaults qty to 1 and type to physical; "\\," writes a comma', () => {
    expect(parseLineSpec('name=Socks\\, wool,price=99,tax=12.5', 'SEK')).toEqual({ type: 'physical', name: 'Socks, wool', quantity: 1, unit_price: 9900, tax_rate: 1250 });
  });
  it('requires name, price and tax, naming the line number', () => {
    expect(issues(() => parseLineSpec('qty=2', 'SEK', 1)).map((i) => i.field)).toEqual(['line[2].name', 'line[2].price', 'line[2].tax']);
  });
  it('refuses unknown keys, duplicates, a non key=value part, a bad quantity, type and amounts', () => {
    expect(issues(() => parseLineSpec('name=A,prize=1', 'SEK'))[0]?.rule).toContain('unknown key "prize"');
    expect(issues(() => parseLineSpec('name=A,name=B', 'SEK'))[0]?.rule).toBe('name is given twice');
    expect(issues(() => parseLineSpec('name=A,oops', 'SEK'))[0]?.rule).toContain('not key=value');
    expect(issues(() => parseLineSpec('name=A,price=1,tax=25,qty=0', 'SEK'))[0]?.field).toBe('line[1].qty');
    expect(issues(() => parseLineSpec('name=A,price=1,tax=25,type=service', 'SEK'))[0]?.field).toBe('line[1].type');
    expect(issues(() => parseLineSpec('name=A,price=1.234,tax=25', 'SEK'))[0]?.field).toBe('line[1].price');
    expect(issues(() => parseLineSpec('name=A,price=1,tax=2500', 'SEK'))[0]?.rule).toContain('over 100%');
  });
  it('reads amounts in the link currency, with digit groups', () => {
    expect(parseLineSpec('name=A,price=1 234.50,tax=25', 'EUR').unit_price).toBe(123450);
  });
});

describe('parseDiscountSpec', () => {
  it('takes a bare amount with the lines\' single tax rate', () => {
    expect(parseDiscountSpec('50', 'SEK', [2500, 2500])).toEqual({ type: 'discount', name: 'Discount', quantity: 1, unit_price: -5000, tax_rate: 2500 });
  });
  it('takes amount, name, tax and ref', () => {
    expect(parseDiscountSpec('amount=10.50,name=Loyalty,tax=12,ref=D1', 'SEK', [2500, 1200])).toMatchObject({ reference: 'D1', name: 'Loyalty', unit_price: -1050, tax_rate: 1200 });
  });
  it('requires tax when the lines have several rates, and a positive amount', () => {
    expect(issues(() => parseDiscountSpec('50', 'SEK', [2500, 1200]))[0]?.field).toBe('discount[1].tax');
    expect(issues(() => parseDiscountSpec('0', 'SEK', [2500]))[0]?.field).toBe('discount[1].amount');
  });
});

describe('parseKeyValues', () => {
  it('ignores empty parts and lower-cases keys', () => {
    expect(parseKeyValues('Name=A,,PRICE=1', 'x', ['name', 'price'])).toEqual({ name: 'A', price: '1' });
  });
});
