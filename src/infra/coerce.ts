/**
 * Reading fields out of a provider's JSON, with one meaning everywhere: text is a non-empty string or
 * null; an amount is an integer in minor units. An amount that is absent is an error unless the caller
 * names the default the API documents for it — a missing amount never silently becomes 0, because a 0
 * where the provider meant "unknown" would be shown, reconciled or refunded as money that is not there.
 */
import { MerchantError } from '../errors.js';

/** A non-empty string, else null. */
export function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/**
 * An integer amount (minor units, or any integer count such as a quantity or a tax rate in basis points).
 * `absent` is used only when the field is missing (undefined or null); a value of the wrong type is
 * always an error. `field` names the field in the error ("order.captured_amount").
 */
export function amount(v: unknown, field: string, absent?: number): number {
  if ((v === undefined || v === null) && absent !== undefined) return absent;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  const got = v === undefined || v === null ? 'it is missing' : `got ${JSON.stringify(v).slice(0, 40)}`;
  throw new MerchantError('api', `The provider's response has no usable ${field} (${got}); expected an integer amount in minor units.`, {
    hint: 'Nothing was assumed for it. Try again; if it persists, report it with --debug output.',
  });
}
