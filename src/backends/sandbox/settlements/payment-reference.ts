/**
 * Payment references are derived from what the payout is (store, currency, cutoff), not drawn at random:
 * two processes settling the same period compute the same reference, and the UNIQUE constraint on
 * payouts makes the second one a no-op instead of a duplicate payout.
 */
import { createHash } from '../../../infra/lazy-crypto.js';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function paymentReference(storeId: string, currency: string, payoutDate: string): string {
  const digest = createHash('sha256').update(`${storeId}\u0000${currency}\u0000${payoutDate}`).digest();
  let out = '';
  for (let i = 0; i < 10; i++) out += ALPHABET[(digest[i] ?? 0) % ALPHABET.length];
  return out;
}
