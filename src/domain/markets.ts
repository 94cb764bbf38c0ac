/**
 * Kustom's core markets: which purchase countries we support, their currency, and the
 * currencies a store (one MID = one agreement) may settle in. Kustom does no currency conversion, so a
 * payment in a currency outside the store's agreement is refused locally, before any API call.
 */
import { ValidationError } from '../errors.js';
import type { Issue } from '../errors.js';
import { isSupportedCurrency, normalizeCurrency } from './currency.js';
import type { CurrencyCode } from './currency.js';

export interface MarketInfo {
  readonly currency: CurrencyCode;
  readonly name: string;
  /** Language used for `locale` when none is given (ISO 639-1). */
  readonly language: string;
}

export const MARKETS = {
  SE: { currency: 'SEK', name: 'Sweden', language: 'sv' },
  NO: { currency: 'NOK', name: 'Norway', language: 'nb' },
  FI: { currency: 'EUR', name: 'Finland', language: 'fi' },
  DK: { currency: 'DKK', name: 'Denmark', language: 'da' },
  GB: { currency: 'GBP', name: 'Great Britain', language: 'en' },
  DE: { currency: 'EUR', name: 'Germany', language: 'de' },
  NL: { currency: 'EUR', name: 'Netherlands', language: 'nl' },
  AT: { currency: 'EUR', name: 'Austria', language: 'de' },
  CH: { currency: 'CHF', name: 'Switzerland', language: 'de' },
  US: { currency: 'USD', name: 'United States', language: 'en' },
  ES: { currency: 'EUR', name: 'Spain', language: 'es' },
  FR: { currency: 'EUR', name: 'France', language: 'fr' },
  BE: { currency: 'EUR', name: 'Belgium', language: 'nl' },
  PL: { currency: 'PLN', name: 'Poland', language: 'pl' },
} as const satisfies Record<string, MarketInfo>;

export type CountryCode = string;

export const PURCHASE_COUNTRIES: readonly CountryCode[] = Object.keys(MARKETS);

/** Currencies Kustom can settle (pay out) in: the Klarna-era posting list plus PLN. */
export const SETTLEMENT_CURRENCIES = ['DKK', 'EUR', 'GBP', 'NOK', 'SEK', 'USD', 'CHF', 'CAD', 'AUD', 'PLN'] as const;

export function isSupportedCountry(code: string): boolean {
  return Object.hasOwn(MARKETS, code.trim().toUpperCase());
}

export function isSettlementCurrency(code: string): boolean {
  return (SETTLEMENT_CURRENCIES as readonly string[]).includes(code.trim().toUpperCase());
}

function market(country: string): MarketInfo {
  return MARKETS[country as keyof typeof MARKETS];
}

/** Trims and upper-cases an ISO 3166-1 alpha-2 code and checks it is a supported purchase country. */
export function normalizeCountry(input: string, field = 'purchase_country'): CountryCode {
  const code = input.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) {
    throw ValidationError.single(
      field,
      `${JSON.stringify(input)} is not a two-letter ISO 3166-1 country code; supported: ${PURCHASE_COUNTRIES.join(', ')}`,
    );
  }
  if (!isSupportedCountry(code)) {
    throw ValidationError.single(field, `${code} is not a supported purchase country; supported: ${PURCHASE_COUNTRIES.join(', ')}`);
  }
  return code;
}

/** The local currency of a purchase country (SE → SEK, FI → EUR). */
export function defaultCurrencyFor(country: string): CurrencyCode {
  return market(normalizeCountry(country)).currency;
}

/**
 * Checkout `locale` (RFC 1766) for a country: `sv-SE`, `en-GB`, `de-DE`; `language` (ISO 639-1, e.g. `en`)
 * overrides the country's default language, giving e.g. `en-SE`.
 */
export function localeFor(country: string, language?: string): string {
  const code = normalizeCountry(country);
  const lang = (language ?? market(code).language).trim().toLowerCase();
  if (!/^[a-z]{2}$/.test(lang)) {
    throw ValidationError.single('locale', `${JSON.stringify(language)} is not a two-letter ISO 639-1 language code, e.g. en or sv`);
  }
  return `${lang}-${code}`;
}

/** Issues with a store's market setup: a supported country and a non-empty list of settleable currencies including the local one. */
export function validateStoreMarket(store: { purchase_country: string; currencies: readonly string[] }): Issue[] {
  const issues: Issue[] = [];
  let country: string | undefined;
  try {
    country = normalizeCountry(store.purchase_country);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    issues.push(...error.issues);
  }
  if (store.currencies.length === 0) {
    issues.push({ field: 'currencies', rule: `must list at least one currency, e.g. ${country ? market(country).currency : 'SEK'}` });
  }
  store.currencies.forEach((raw, index) => {
    const code = raw.trim().toUpperCase();
    if (!isSupportedCurrency(code)) {
      issues.push({ field: `currencies[${index}]`, rule: `unsupported currency ${raw}; settlement currencies: ${SETTLEMENT_CURRENCIES.join(', ')}` });
    } else if (!isSettlementCurrency(code)) {
      issues.push({ field: `currencies[${index}]`, rule: `${code} is not a Kustom settlement currency; use one of ${SETTLEMENT_CURRENCIES.join(', ')}` });
    }
  });
  if (country && store.currencies.length > 0) {
    const local = market(country).currency;
    if (!store.currencies.some((c) => c.trim().toUpperCase() === local)) {
      issues.push({ field: 'currencies', rule: `must include ${local}, the currency of ${country}` });
    }
  }
  return issues;
}

/** Normalizes `currency` and checks it is in the store's agreement; returns the normalized code. */
export function assertCurrencyAllowed(
  store: { id: string; currencies: readonly string[] },
  currency: string,
  field = 'currency',
): CurrencyCode {
  const code = normalizeCurrency(currency, field);
  const allowed = store.currencies.map((c) => c.trim().toUpperCase());
  if (!allowed.includes(code)) {
    throw ValidationError.single(field, `${code} is not in store ${store.id}'s agreement; allowed: ${allowed.join(', ') || '(none)'}`);
  }
  return code;
}

/**
 * Normalizes `country` and checks the store may sell there: `store.countries` when given, otherwise just
 * its purchase country. Returns the normalized code.
 */
export function assertCountryAllowed(
  store: { id: string; purchase_country: string; countries?: readonly string[] },
  country: string,
  field = 'purchase_country',
): CountryCode {
  const code = normalizeCountry(country, field);
  const issue = countryAgreementIssue(store, code, field);
  if (issue) throw new ValidationError([issue]);
  return code;
}

/**
 * Whether the store sells to `country` (`store.countries` when given, otherwise its purchase country),
 * without asking whether the market is one this tool knows: a store's own markets were checked when it
 * was defined.
 */
export function countryAgreementIssue(
  store: { id: string; purchase_country: string; countries?: readonly string[] },
  country: string,
  field = 'purchase_country',
): Issue | undefined {
  const code = country.trim().toUpperCase();
  const allowed = (store.countries ?? [store.purchase_country]).map((c) => c.trim().toUpperCase());
  return allowed.includes(code) ? undefined : { field, rule: `${code} is not in store ${store.id}'s agreement; allowed: ${allowed.join(', ') || '(none)'}` };
}
