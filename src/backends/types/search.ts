/** Finding links and orders by any identifier (`merchant lookup`, and commands that accept any identifier). */
import type { IdentifierKind, IdentifierQuery } from '../../domain/identifier.js';
import type { Order } from '../../domain/model/order.js';
import type { PaymentLink } from '../../domain/model/payment-link.js';
export type { IdentifierKind } from '../../domain/identifier.js';

/**
 * The classified identifier (`classifyIdentifier`): `text` as typed, matched exactly and case-insensitively
 * as a reference or ID, by prefix as a name; `link_id` parsed from a URL; `email` lower-cased; `phone` E.164.
 * A backend skips the kinds it does not hold.
 */
export interface SearchQuery extends IdentifierQuery {
  store_id?: string | undefined;
  /** At most this many matches in all. */
  limit: number;
}

export interface OrderMatch {
  order: Order;
  /** The kind of identifier that matched (the first, when several did). */
  kind: IdentifierKind;
}

export interface LinkMatch {
  link: PaymentLink;
  kind: IdentifierKind;
}

/**
 * The errors a search threw while reading the provider's payouts (the search of settlement transactions for
 * a capture or refund not seen here), not while reading an order. The error itself is kept as it is (its
 * class, kind, message and details end a command as before); only this mark says where it came from, so a
 * lookup can tell the orders found another way and name the gap.
 */
const payoutSearchFailures = new WeakSet<Error>();

/** Marks `error` as a failed read of payouts during a search, and returns it (to be thrown). */
export function payoutSearchFailure<E>(error: E): E {
  if (error instanceof Error) payoutSearchFailures.add(error);
  return error;
}

/** Whether a search failed while reading payouts (see payoutSearchFailure). */
export function isPayoutSearchFailure(error: unknown): boolean {
  return error instanceof Error && payoutSearchFailures.has(error);
}
