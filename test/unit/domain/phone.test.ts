import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../../src/domain/link-fields.js';
import { localToE164 } from '../../../src/domain/phone.js';

describe('local phone numbers with a country', () => {
  it.each([
    ['0701112233', 'SE', '+46701112233'],
    ['07911 123456', 'GB', '+447911123456'],
    ['0151 23456789', 'DE', '+4915123456789'],
    ['41234567', 'NO', '+4741234567'],
    ['0046701112233', 'DE', '+46701112233'],
    ['(212) 555-0100', 'US', '+12125550100'],
  ])('%s in %s is %s', (input, country, expected) => {
    expect(normalizePhone(input, 'phone', country)).toBe(expected);
  });

  it('an E.164 number ignores the country', () => {
    expect(normalizePhone('+4741234567', 'phone', 'SE')).toBe('+4741234567');
  });

  it('without a country, or written as that country does not write local numbers, it is refused', () => {
    expect(() => normalizePhone('0701112233')).toThrow(/leading \+/);
    expect(() => normalizePhone('701112233', 'phone', 'SE')).toThrow(/or a local SE number/);
    expect(localToE164('041234567', 'NO')).toBeUndefined();
    expect(localToE164('0701112233', 'XX')).toBeUndefined();
  });
});
