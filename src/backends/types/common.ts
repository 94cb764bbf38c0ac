/** Shapes shared by every part of the backend interface. */
import type { Order } from '../../domain/model/order.js';

/** One page of a list, with an opaque cursor for the next one (absent at the end). */
export interface Page<T> {
  items: T[];
  nextCursor?: string | undefined;
}

export interface PageRequest {
  /** At most this many items in this page (the backend may return fewer). */
  pageSize?: number;
  cursor?: string | undefined;
}

/** Options carried by every request that moves money or creates something at the provider. */
export interface WriteOptions {
  /**
   * Derived from the logical operation (never random per attempt), so a retry of the same operation
   * can never act twice.
   */
  idempotencyKey: string;
  /**
   * The store the write changes, when the caller knows it from the object (an order's store). The checks
   * every write passes (the live guard) refuse a write whose store differs from the one named.
   */
  target?: string | undefined;
  /** The store the caller named for this write (a store picked on a terminal), when not the setting. */
  store?: string | undefined;
  /** What is about to happen, in words, for the live banner: "capture 120.00 SEK on order 123". */
  action?: string | undefined;
  /**
   * The order as the caller read it a moment ago (a bulk plan's snapshot). A backend that would read the
   * order before writing checks against this instead, and on a confirmed write builds the result from the
   * request and the provider's ID instead of reading it back; it still reads when the outcome is unknown.
   */
  snapshot?: Order | undefined;
  /**
   * Awaited by a backend that declares `gatesSends` right before each request the write sends (after its
   * own records, such as the ledger's claim of the key): a bulk run hands out its --concurrency slots here,
   * so a row's bookkeeping is done before it holds one. It throws to stop the write: nothing is sent.
   */
  beforeSend?: (() => Promise<void>) | undefined;
  /**
   * Called by such a backend once the write's last request has its answer and nothing more will be sent for
   * it: the slot a bulk run handed out in `beforeSend` goes to the next row while this write's own
   * bookkeeping (its ledger records, the developer log) finishes.
   */
  afterSend?: (() => void) | undefined;
}

