import { describe, it, expect } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import type { Issue } from '../../../src/errors.js';
import {
  assertCountryAllowed,
  assertCurrencyAllowed,
  defaultCurrencyFor,
  localeFor,
  MARKETS,
  normalizeCountry,
  SETTLEMENT_CURRENCIES,
  validateStoreMarket,
} from '../../../src/domain/markets.js';

function issueOf(fn: () => unknown): Issue {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues[0]!;
  }
  throw new Error('expected a ValidationError');
}

describe('markets', () => {
  it.each([
    ['SE', 'SEK', 'sv-SE'],
    ['NO', 'NOK', 'nb-NO'],
    ['FI', 'EUR', 'fi-FI'],
    ['DK', 'DKK', 'da-DK'],
    ['GB', 'GBP', 'en-GB'],
    ['DE', 'EUR', 'de-DE'],
    ['NL', 'EUR', 'nl-NL'],
    ['AT', 'EUR', 'de-AT'],
    ['CH', 'CHF', 'de-CH'],
    ['US', 'USD', 'en-US'],
    ['ES', 'EUR', 'es-ES'],
    ['FR', 'EUR', 'fr-FR'],
    ['BE', 'EUR', 'nl-BE'],
    ['PL', 'PLN', 'pl-PL'],
  ])('%s → %s, %s', (country, currency, locale) => {
    expect(defaultCurrencyFor(country)).toBe(currency);
    expect(localeFor(country)).toBe(locale);
    expect(SETTLEMENT_CURRENCIES).toContain(currency);
  });
  it('has exactly the 14 core countries', () => {
    expect(Object.keys(MARKETS)).toHaveLength(14);
  });
  it('overrides the language', () => {
    expect(localeFor('se', 'EN')).toBe('en-SE');
    expect(issueOf(() => localeFor('SE', 'english')).field).toBe('locale');
  });
  it('normalizes and rejects countries, listing the allowed ones', () => {
    expect(normalizeCountry(' se ')).toBe('SE');
    const unknown = issueOf(() => normalizeCountry('IT'));
    expect(unknown).toEqual({ field: 'purchase_country', rule: 'IT is not a supported purchase country; supported: SE, NO, FI, DK, GB, DE, NL, AT, CH, US, ES, FR, BE, PL' });
    expect(issueOf(() => normalizeCountry('SWE', 'country')).field).toBe('country');
    expect(issueOf(() => normalizeCountry('SWE')).rule).toMatch(/two-letter ISO 3166-1/);
  });
});

describe('validateStoreMarket', () => {
  it('accepts a sane store', () => {
    expect(validateStoreMarket({ purchase_country: 'SE', currencies: ['SEK', 'EUR'] })).toEqual([]);
  });
  it.each([
    [{ purchase_country: 'SE', currencies: [] }, [{ field: 'currencies', rule: 'must list at least one currency, e.g. SEK' }]],
    [{ purchase_country: 'SE', currencies: ['EUR'] }, [{ field: 'currencies', rule: 'must include SEK, the currency of SE' }]],
    [{ purchase_country: 'SE', currencies: ['SEK', 'JPY'] }, [{ field: 'currencies[1]', rule: expect.stringMatching(/JPY is not a Kustom settlement currency/) }]],
    [{ purchase_country: 'SE', currencies: ['SEK', 'XXX'] }, [{ field: 'currencies[1]', rule: expect.stringMatching(/unsupported currency XXX/) }]],
    [{ purchase_country: 'ZZ', currencies: ['SEK'] }, [{ field: 'purchase_country', rule: expect.stringMatching(/ZZ is not a supported purchase country/) }]],
  ])('reports %j', (store, expected) => {
    expect(validateStoreMarket(store)).toEqual(expected);
  });
});

describe('store agreement checks', () => {
  const store = { id: 'se-demo', purchase_country: 'SE', currencies: ['SEK'] };
  it('allows the agreed currency and refuses others with the allowed list', () => {
    expect(assertCurrencyAllowed(store, 'sek')).toBe('SEK');
    expect(issueOf(() => assertCurrencyAllowed(store, 'EUR'))).toEqual({ field: 'currency', rule: "EUR is not in store se-demo's agreement; allowed: SEK" });
    expect(issueOf(() => assertCurrencyAllowed(store, 'XXX', 'purchase_currency')).field).toBe('purchase_currency');
  });
  it('allows the agreed countries', () => {
    expect(assertCountryAllowed(store, 'se')).toBe('SE');
    expect(issueOf(() => assertCountryAllowed(store, 'NO'))).toEqual({ field: 'purchase_country', rule: "NO is not in store se-demo's agreement; allowed: SE" });
    const nordic = { ...store, countries: ['SE', 'NO', 'FI'] };
    expect(assertCountryAllowed(nordic, 'FI')).toBe('FI');
    expect(issueOf(() => assertCountryAllowed(nordic, 'DK')).rule).toBe("DK is not in store se-demo's agreement; allowed: SE, NO, FI");
  });
});
