import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../../src/domain/link-fields.js';
import { compactPhone, DIALLING, localToE164 } from '../../../src/domain/phone.js';
import { phoneToE164 } from '../../../src/domain/identifier.js';

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

// The same number as people write it: with `+`, with `00`, with the calling code but no `+`, or local; with
// any mix of spaces, dashes, dots, slashes and parentheses, and the `(0)` some write after the code.
describe('the calling code without +', () => {
  const writings = (spellings: string[]): string[] =>
    spellings.flatMap((n) => [n, n.replace(/ /g, ''), n.replace(/ /g, '-'), n.replace(/ /g, '.'), ` ${n} `]);
  const cases: [string, string, string[]][] = [
    ['SE', '+46701234567', ['+46 70 123 45 67', '0046 70 123 45 67', '46 70 123 45 67', '46 070 123 45 67', '46 (0)70 123 45 67', '0046 (0)70 123 45 67', '070 123 45 67', '(070) 123 45 67']],
    ['DE', '+4915123456789', ['+49 151 23456789', '0049 151 23456789', '49 151 23456789', '49 (0)151 23456789', '0151 23456789', '0151/23456789']],
    ['GB', '+447911123456', ['+44 7911 123456', '44 7911 123456', '44 (0)7911 123456', '07911 123456']],
    ['NO', '+4741234567', ['+47 41 23 45 67', '47 41 23 45 67', '41 23 45 67', '0047 41 23 45 67']],
    ['NO', '+4747123456', ['47 12 34 56']],
    ['DK', '+4520123456', ['45 20 12 34 56', '20 12 34 56']],
    ['US', '+12125550100', ['1 212 555 0100', '1 (212) 555-0100', '(212) 555-0100', '001 212 555 0100']],
    ['FI', '+358401234567', ['358 40 123 4567', '040 123 4567']],
  ];
  it.each(cases)('in %s, %s however it is written', (country, expected, spellings) => {
    for (const typed of writings(spellings)) {
      expect([typed, localToE164(compactPhone(typed).replace(/^\+/, '00'), country)]).toEqual([typed, expected]);
      expect([typed, phoneToE164(typed, country)]).toEqual([typed, expected]);
      expect([typed, normalizePhone(typed, 'phone', country)]).toEqual([typed, expected]);
    }
  });

  it('a national number of a length the country does not use is read as local, not as the calling code', () => {
    // Norway's numbers have 8 digits: `47 12 34 56` is a local number starting 47, not +47 and 6 digits.
    expect(localToE164('47123456', 'NO')).toBe('+4747123456');
    // Sweden's local numbers start with the trunk 0, so digits starting 46 of a Swedish length are +46…
    expect(localToE164('46701234567', 'SE')).toBe('+46701234567');
    // … and too few digits after 46 is no Swedish number either way.
    expect(localToE164('46123456', 'SE')).toBeUndefined();
    // Another country's code is not read as international without + or 00: the store's country decides.
    expect(localToE164('4915123456789', 'SE')).toBeUndefined();
    expect(() => normalizePhone('4915123456789', 'phone', 'SE')).toThrow(/or a local SE number/);
  });

  it('every country knows its national lengths within E.164 (at most 15 digits with the code)', () => {
    for (const [country, d] of Object.entries(DIALLING)) {
      expect([country, d.national[0] <= d.national[1] && d.code.length + d.national[1] <= 15]).toEqual([country, true]);
    }
  });
});
