/** Shapes shared by every part of the backend interface. */

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
}

export interface Clock {
  now(): Date;
}
