/**
 * Money as integer minor units, and the conversions to and from what people type and read.
 *
 * Every amount in the tool is a safe-integer count of the currency's minor unit (öre, cent, fils…),
 * exactly as the Kustom JSON APIs carry it. Conversions never pass through a float: parsing works on the
 * digit string and BigInt, formatting on the integer's decimal digits, so `0.1 + 0.2` problems cannot
 * creep into a capture amount.
 *
 * Accepted input for {@link parseAmount} (decided here, once, for every command):
 *   - digits with an optional decimal part: `12`, `12.5`, `12.50`;
 *   - a decimal comma instead of a point: `12,50` (common in the Nordics and Germany);
 *   - digit-group separators in the integer part only: space, NBSP (U+00A0), narrow NBSP (U+202F),
 *     `_` and `'` — one separator between digit runs (`1 234,50`, `1_000.00`, `1'000`); group size is
 *     not checked, because people group differently and the value is unambiguous either way;
 *   - a leading `-` only when the caller allows negatives.
 * Rejected, each with a rule saying what is wrong and what is accepted:
 *   - both `.` and `,` (`1,234.50` — is the comma a group or a decimal separator? we refuse to guess);
 *   - more than one decimal separator; a separator without digits on both sides (`.5`, `12.`);
 *   - more decimals than the currency has (`12.345` SEK; any decimals for JPY) — never rounded;
 *   - exponents (`1e3`), `NaN`, `Infinity`, hex (`0x10`), a leading `+`, empty input, other characters;
 *   - negatives unless allowed, zero when disallowed, and results above Number.MAX_SAFE_INTEGER.
 * Note that `1,234` (no point) is read as a decimal comma: for a two-decimal currency it has too many
 * decimals and is rejected, so it can never silently become 1.23.
 */
import { shown as quoted } from './text-rules.js';
import { ValidationError } from '../errors.js';
import { currencyExponent } from './currency.js';

export interface ParseAmountOptions {
  /** Field name used in validation issues; default `amount`. */
  field?: string;
  /** Accept a leading `-` (e.g. for discounts given as signed amounts); default false. */
  allowNegative?: boolean;
  /** Accept zero; default true. */
  allowZero?: boolean;
}

const GROUP_SEPARATORS = " \u00A0\u202F_'";
const ACCEPTED = 'expected an amount such as 12, 12.50 or 12,50 (digit groups may be separated by space, _ or \')';

function decimalsText(n: number): string {
  return `${n} decimal${n === 1 ? '' : 's'}`;
}

/** Parses a decimal amount typed by a person into integer minor units of `currency`. */
export function parseAmount(input: string, currency: string, opts: ParseAmountOptions = {}): number {
  const field = opts.field ?? 'amount';
  const allowNegative = opts.allowNegative ?? false;
  const allowZero = opts.allowZero ?? true;
  const exponent = currencyExponent(currency);
  const code = currency.trim().toUpperCase();
  const fail = (rule: string): never => {
    throw ValidationError.single(field, rule);
  };
  const shown = quoted(input);

  let text = input.trim();
  if (text === '') fail(`is empty; ${ACCEPTED}`);

  if (text.startsWith('+')) fail(`${shown} has a leading '+'; write the amount without a sign`);
  let negative = false;
  if (text.startsWith('-')) {
    if (!allowNegative) fail(`${shown} is negative; the amount must not be negative`);
    negative = true;
    text = text.slice(1);
    if (text === '') fail(`${shown} has a sign but no digits; ${ACCEPTED}`);
  }

  if (/^[+-]?(nan|infinity|inf)$/i.test(text)) fail(`${shown} is not a number; ${ACCEPTED}`);
  if (/^0x/i.test(text)) fail(`${shown} is hexadecimal; ${ACCEPTED}`);
  if (/^[\d.,]+e[+-]?\d+$/i.test(text)) fail(`${shown} uses exponent notation; write the digits out, e.g. 1000`);
  const stray = [...text].find((ch) => !/[\d.,]/.test(ch) && !GROUP_SEPARATORS.includes(ch));
  if (stray !== undefined) fail(`${shown} contains ${JSON.stringify(stray)}; ${ACCEPTED}`);

  if (text.includes('.') && text.includes(',')) {
    fail(`${shown} mixes '.' and ','; use one decimal separator and no other punctuation, e.g. 1234.50 or 1 234,50`);
  }
  const parts = text.split(/[.,]/);
  if (parts.length > 2) fail(`${shown} has more than one decimal separator; ${ACCEPTED}`);
  const intPart = parts[0] ?? '';
  const fracPart = parts[1];

  if (fracPart !== undefined && !/^\d*$/.test(fracPart)) {
    fail(`${shown} has a group separator after the decimal separator; separators are allowed only in the whole part`);
  }
  if (intPart === '') fail(`${shown} has no digits before the decimal separator; write e.g. 0.50`);
  if (fracPart === '') fail(`${shown} has no digits after the decimal separator; write e.g. 12 or 12.00`);
  if (!/^\d+(?:[ \u00A0\u202F_']\d+)*$/.test(intPart)) {
    fail(`${shown} has a misplaced digit-group separator; use a single separator between digits, e.g. 1 234 or 1_000`);
  }

  const decimals = fracPart?.length ?? 0;
  if (decimals > exponent) {
    fail(
      exponent === 0
        ? `${shown} has ${decimalsText(decimals)}; ${code} has no minor unit, so only whole amounts are allowed`
        : `${shown} has ${decimalsText(decimals)}; ${code} allows at most ${exponent}`,
    );
  }

  const digits = intPart.replace(/[^\d]/g, '') + (fracPart ?? '').padEnd(exponent, '0');
  const magnitude = BigInt(digits);
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) {
    fail(`${shown} is too large; the maximum is ${formatAmount(Number.MAX_SAFE_INTEGER, code)} ${code}`);
  }
  if (magnitude === 0n) {
    if (!allowZero) fail(`${shown} is zero; the amount must be greater than zero`);
    return 0; // never -0, even for "-0"
  }
  const value = Number(magnitude);
  return negative ? -value : value;
}

/** Throws unless `value` is a safe integer — the only acceptable representation of minor units. */
export function assertMinorUnits(value: number, field: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw ValidationError.single(field, `must be a whole number of minor units (a safe integer); got ${String(value)}`);
  }
}

function splitMinor(minor: number, currency: string): { sign: string; whole: string; fraction: string } {
  assertMinorUnits(minor, 'amount');
  return splitDigits(minor, currencyExponent(currency));
}

function splitDigits(minor: number, exponent: number): { sign: string; whole: string; fraction: string } {
  // A safe integer's String() is its plain decimal digits (never exponent notation), so no BigInt is needed.
  const digits = String(minor < 0 ? -minor : minor).padStart(exponent + 1, '0');
  const cut = digits.length - exponent;
  return { sign: minor < 0 ? '-' : '', whole: digits.slice(0, cut), fraction: digits.slice(cut) };
}

export interface FormatAmountOptions {
  decimalSeparator?: '.' | ',';
}

/**
 * Plain machine-friendly form: no grouping, always the currency's number of decimals
 * (123450 SEK → `1234.50`, -5 SEK → `-0.05`, 500 JPY → `500`). It parses back with {@link parseAmount}.
 */
export function formatAmount(minor: number, currency: string, opts: FormatAmountOptions = {}): string {
  assertMinorUnits(minor, 'amount');
  return plainAmount(minor, currencyExponent(currency), opts.decimalSeparator ?? '.');
}

function plainAmount(minor: number, exponent: number, separator: string): string {
  const { sign, whole, fraction } = splitDigits(minor, exponent);
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}${separator}${fraction}`;
}

/**
 * {@link formatAmount} for one currency, its exponent looked up once (for columns of millions of amounts).
 * Throws as formatAmount does: for an unknown currency here, for an amount that is not minor units per call.
 */
export function amountFormatter(currency: string, opts: FormatAmountOptions = {}): (minor: number) => string {
  const exponent = currencyExponent(currency);
  const separator = opts.decimalSeparator ?? '.';
  const unit = 10 ** exponent;
  return (minor) => {
    assertMinorUnits(minor, 'amount');
    if (exponent === 0) return String(minor);
    const magnitude = minor < 0 ? -minor : minor;
    // Both are exact on safe integers: the remainder, and a division that leaves none.
    const fraction = magnitude % unit;
    const whole = (magnitude - fraction) / unit;
    return `${minor < 0 ? '-' : ''}${whole}${separator}${String(fraction).padStart(exponent, '0')}`;
  };
}

/** Human display with comma thousands grouping and the code: `1,234.50 SEK`, `-0.05 EUR`, `500 JPY`. */
export function formatMoney(minor: number, currency: string): string {
  const { sign, whole, fraction } = splitMinor(minor, currency);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const code = currency.trim().toUpperCase();
  return `${sign}${grouped}${fraction === '' ? '' : `.${fraction}`} ${code}`;
}

/** Sum of minor-unit amounts; throws if any value or the running sum leaves the safe-integer range. */
export function sumMinor(values: readonly number[], field = 'amount'): number {
  let total = 0;
  for (const value of values) {
    assertMinorUnits(value, field);
    total += value;
    // Both operands are safe, so a result that is still safe is exact; anything else has lost precision.
    if (!Number.isSafeInteger(total)) {
      throw ValidationError.single(field, `the sum exceeds the largest safe amount (${Number.MAX_SAFE_INTEGER} minor units)`);
    }
  }
  return total;
}
