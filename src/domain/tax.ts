/**
 * Tax rates and per-line tax, in Kustom's integer conventions.
 *
 * A tax rate is percent × 100 (25 % → 2500, 12.5 % → 1250), and prices are tax-inclusive, so a line's
 * tax is `total − total·10000/(10000+rate)` = `total·rate/(10000+rate)`. Kustom accepts
 * any value within ±1 minor unit of that exact fraction. We compute it with BigInt so the rounding
 * decision is made on the exact rational, never on a float that may sit a hair on the wrong side of .5.
 */
import { shown as quoted } from './text-rules.js';
import { ValidationError } from '../errors.js';
import { assertMinorUnits } from './money.js';

export const MAX_TAX_RATE = 10000;

const FORMS = 'expected a percentage from 0 to 100 with at most two decimals, e.g. 25, 12.5 or 25%';

/** Parses `25`, `25%`, `12.5`, `12,5 %` into percent × 100 (2500, 1250). */
export function parseTaxRate(input: string, field = 'tax_rate'): number {
  const text = input.trim();
  const shown = quoted(input);
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?\s?%?$/.exec(text);
  if (!match) {
    if (/^\d+[.,]\d{3,}\s?%?$/.test(text)) {
      throw ValidationError.single(field, `${shown} has more than two decimals; ${FORMS}`);
    }
    if (/^\d{4,}(?:[.,]\d*)?\s?%?$/.test(text)) {
      throw ValidationError.single(field, `${shown} is over 100%; give the percentage (25 for 25%), not the API form 2500`);
    }
    throw ValidationError.single(field, `${shown} is not a tax rate; ${FORMS}`);
  }
  const whole = Number(match[1]);
  const hundredths = Number((match[2] ?? '').padEnd(2, '0'));
  const rate = whole * 100 + hundredths;
  if (rate > MAX_TAX_RATE) {
    throw ValidationError.single(field, `${shown} is over 100%; give the percentage (25 for 25%), not the API form 2500`);
  }
  return rate;
}

/** 2500 → `25%`, 1250 → `12.5%`, 1 → `0.01%`. */
export function formatTaxRate(rate: number): string {
  assertTaxRate(rate, 'tax_rate');
  const whole = Math.trunc(rate / 100);
  const fraction = String(rate % 100).padStart(2, '0').replace(/0+$/, '');
  return fraction === '' ? `${whole}%` : `${whole}.${fraction}%`;
}

/** Throws unless `rate` is an integer from 0 to 10000 (percent × 100). */
export function assertTaxRate(rate: number, field: string): void {
  if (!Number.isInteger(rate) || rate < 0 || rate > MAX_TAX_RATE) {
    throw ValidationError.single(field, `must be an integer from 0 to 10000 (percent × 100, 25% = 2500); got ${String(rate)}`);
  }
}

/**
 * Tax contained in a tax-inclusive `totalAmount` at `taxRate`: the exact fraction rounded half-up on the
 * absolute value, then signed — so a discount line's tax mirrors the same positive line exactly and we
 * never produce `-0` (which `Math.round(-0.5)` would).
 */
export function lineTaxAmount(totalAmount: number, taxRate: number): number {
  assertMinorUnits(totalAmount, 'total_amount');
  assertTaxRate(taxRate, 'tax_rate');
  const magnitude = BigInt(Math.abs(totalAmount));
  const rate = BigInt(taxRate);
  const denominator = 10000n + rate;
  // floor((2·|total|·rate + den) / (2·den)) = round-half-up of |total|·rate/den.
  const rounded = (2n * magnitude * rate + denominator) / (2n * denominator);
  if (rounded === 0n) return 0;
  const value = Number(rounded);
  return totalAmount < 0 ? -value : value;
}

/**
 * Whether `totalTaxAmount` is within ±1 minor unit of the exact tax of `totalAmount` at `taxRate`
 * (Kustom's acceptance rule). Checked by cross-multiplying: |tax·den − total·rate| ≤ den.
 */
export function isTaxWithinTolerance(totalAmount: number, taxRate: number, totalTaxAmount: number): boolean {
  if (!Number.isSafeInteger(totalAmount) || !Number.isSafeInteger(totalTaxAmount)) return false;
  if (!Number.isInteger(taxRate) || taxRate < 0 || taxRate > MAX_TAX_RATE) return false;
  const denominator = 10000n + BigInt(taxRate);
  const difference = BigInt(totalTaxAmount) * denominator - BigInt(totalAmount) * BigInt(taxRate);
  return (difference < 0n ? -difference : difference) <= denominator;
}
