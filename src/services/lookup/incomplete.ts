/**
 * A part of a lookup that is not shown, and why. The order and its links are the answer; payouts,
 * disputes, the search by a payout's payment reference and the search of payouts for a capture or refund
 * not seen here (Kustom) come from other reads, so when one of those
 * is hidden from the key's Portal role (`not_visible`) or cannot be read (`read_failed`: the provider
 * failed or could not be reached within the transport's retry budget), the rest is still told and the
 * gap is named (README "Lookup": `incomplete`).
 */
import { isMerchantError, type ErrorKind } from '../../errors.js';

export type IncompletePart = 'settlements' | 'disputes' | 'payment_reference' | 'capture_search';

/** Each part in words, for messages. */
export const PART_WORDS: Readonly<Record<IncompletePart, string>> = {
  settlements: 'settlements',
  disputes: 'disputes',
  payment_reference: "the search by a payout's payment reference",
  capture_search: 'the search of payouts for a capture or refund',
};

export interface Incomplete {
  part: IncompletePart;
  cause: 'not_visible' | 'read_failed';
  reason: string;
}

/** Failures of a read that leave the rest of the story standing (never a bug, a bad input or a cancel). */
const READ_FAILURES: readonly ErrorKind[] = ['transient', 'rate_limited', 'api'];

/** A failed read that leaves the rest of the story standing. */
export function isReadFailure(error: unknown): boolean {
  return isMerchantError(error) && READ_FAILURES.includes(error.kind);
}

/** The part as read; on a refusal by role or a failed read, `fallback` and an entry in `incomplete`. */
export async function readPart<T>(part: IncompletePart, read: () => Promise<T>, incomplete: Incomplete[], fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!isMerchantError(error)) throw error;
    if (error.kind === 'auth') incomplete.push({ part, cause: 'not_visible', reason: `not visible with this key: ${error.message}` });
    else if (isReadFailure(error)) incomplete.push({ part, cause: 'read_failed', reason: `could not be read: ${error.message}` });
    else throw error;
    return fallback;
  }
}
