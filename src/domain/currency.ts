/**
 * Currencies the tool knows how to turn into minor units.
 *
 * The exponent is the number of decimals in the currency's minor unit (ISO 4217). It is the only thing
 * money arithmetic needs: 12.50 SEK → 1250, 500 JPY → 500, 1.250 BHD → 1250. Kustom's core markets all
 * use two decimals, but the table also carries zero- and three-decimal currencies so the
 * parsing rules are exercised for every exponent instead of silently assuming 2.
 */
import { ValidationError } from '../errors.js';

export interface CurrencyInfo {
  readonly exponent: 0 | 2 | 3;
  readonly name: string;
}

export const CURRENCIES = {
  SEK: { exponent: 2, name: 'Swedish krona' },
  NOK: { exponent: 2, name: 'Norwegian krone' },
  DKK: { exponent: 2, name: 'Danish krone' },
  EUR: { exponent: 2, name: 'Euro' },
  GBP: { exponent: 2, name: 'Pound sterling' },
  USD: { exponent: 2, name: 'US dollar' },
  CHF: { exponent: 2, name: 'Swiss franc' },
  PLN: { exponent: 2, name: 'Polish złoty' },
  AUD: { exponent: 2, name: 'Australian dollar' },
  CAD: { exponent: 2, name: 'Canadian dollar' },
  CZK: { exponent: 2, name: 'Czech koruna' },
  HUF: { exponent: 2, name: 'Hungarian forint' },
  JPY: { exponent: 0, name: 'Japanese yen' },
  ISK: { exponent: 0, name: 'Icelandic króna' },
  KRW: { exponent: 0, name: 'South Korean won' },
  BHD: { exponent: 3, name: 'Bahraini dinar' },
  KWD: { exponent: 3, name: 'Kuwaiti dinar' },
  JOD: { exponent: 3, name: 'Jordanian dinar' },
  OMR: { exponent: 3, name: 'Omani rial' },
  TND: { exponent: 3, name: 'Tunisian dinar' },
} as const satisfies Record<string, CurrencyInfo>;

/** An upper-case ISO 4217 code. Kept as `string` because provider responses may carry codes we do not list. */
export type CurrencyCode = string;

export const SUPPORTED_CURRENCY_CODES: readonly CurrencyCode[] = Object.keys(CURRENCIES);

function lookup(code: string): CurrencyInfo | undefined {
  // Provider examples sometimes send lower-case codes, so look up case-insensitively.
  const key = code.trim().toUpperCase();
  return Object.hasOwn(CURRENCIES, key) ? CURRENCIES[key as keyof typeof CURRENCIES] : undefined;
}

/** True for a code in {@link CURRENCIES}; case and surrounding spaces are ignored. */
export function isSupportedCurrency(code: string): boolean {
  return lookup(code) !== undefined;
}

function unsupported(code: string, field: string): ValidationError {
  return ValidationError.single(
    field,
    `unsupported currency ${code}; supported: ${SUPPORTED_CURRENCY_CODES.join(', ')}`,
  );
}

/** Decimals of the currency's minor unit; throws a ValidationError (field `currency`) for unknown codes. */
export function currencyExponent(code: string, field = 'currency'): number {
  const info = lookup(code);
  if (!info) throw unsupported(code, field);
  return info.exponent;
}

/** Trims and upper-cases user input and checks the result is a supported currency. */
export function normalizeCurrency(input: string, field = 'currency'): CurrencyCode {
  const code = input.trim().toUpperCase();
  if (code === '') throw ValidationError.single(field, `is empty; expected a currency code such as SEK or EUR`);
  if (!/^[A-Z]{3}$/.test(code)) {
    throw ValidationError.single(
      field,
      `${JSON.stringify(input)} is not a three-letter ISO 4217 code; supported: ${SUPPORTED_CURRENCY_CODES.join(', ')}`,
    );
  }
  if (!lookup(code)) throw unsupported(code, field);
  return code;
}
