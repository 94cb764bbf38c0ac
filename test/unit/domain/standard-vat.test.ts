import { describe, expect, it } from 'vitest';
import { suggestedTaxRate } from '../../../src/domain/standard-vat.js';
import { parseTaxRate } from '../../../src/domain/tax.js';

describe('suggestedTaxRate', () => {
  it('suggests the market standard rate in the form a person types, which parses back', () => {
    expect(suggestedTaxRate('se')).toBe('25');
    expect(suggestedTaxRate('DE')).toBe('19');
    expect(suggestedTaxRate('FI')).toBe('25.5');
    expect(suggestedTaxRate('CH')).toBe('8.1');
    expect(parseTaxRate(suggestedTaxRate('FI'))).toBe(2550);
  });
  it('falls back to 25 for an unknown country', () => {
    expect(suggestedTaxRate('XX')).toBe('25');
  });
});
