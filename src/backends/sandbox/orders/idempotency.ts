/**
 * Kustom decides by the idempotency key alone, whatever the order or operation: a repeat returns the first result. The
 * sandbox is stricter in one way so mistakes surface: a key that was used for a different order or a
 * different operation is refused instead of silently answering with an unrelated result.
 */
import { StateConflictError } from '../../../errors.js';
import type { Db } from '../database.js';

export type KeyedOperation = 'capture' | 'refund' | 'cancel' | 'release' | 'extend' | 'shipping_info';

export interface KeyUse {
  operation: KeyedOperation;
  order_id: string;
  /** capture_id / refund_id for those operations. */
  result_id: string | null;
}

/**
 * One statement for the three places a key may have been used (a capture, a refund, another keyed
 * operation), in that order of precedence: a bulk capture asks once per row, and each statement costs
 * about as much as a small write.
 */
const KEY_USE_SQL = `SELECT operation, order_id, result_id FROM (
    SELECT 1 AS rank, 'capture' AS operation, order_id, capture_id AS result_id FROM captures WHERE idempotency_key = ?
    UNION ALL SELECT 2, 'refund', order_id, refund_id FROM refunds WHERE idempotency_key = ?
    UNION ALL SELECT 3, operation, order_id, NULL FROM idempotent_operations WHERE idempotency_key = ?
  ) ORDER BY rank LIMIT 1`;

export function findKeyUse(db: Db, key: string): KeyUse | undefined {
  return db.prepare<[string, string, string], KeyUse>(KEY_USE_SQL).get(key, key, key);
}

/** Returns the earlier use of `key` for the same order and operation, refuses any other use. */
export function priorUse(db: Db, key: string, operation: KeyedOperation, orderId: string): KeyUse | undefined {
  if (key.trim() === '') throw new StateConflictError('An idempotency key is required for this operation.');
  const use = findKeyUse(db, key);
  if (!use) return undefined;
  if (use.operation !== operation || use.order_id !== orderId) {
    throw new StateConflictError(
      `Idempotency key ${key} was already used for ${use.operation} on order ${use.order_id}; it cannot be reused for ${operation} on order ${orderId}.`,
      { details: { errorCode: 'IDEMPOTENCY_KEY_REUSED', idempotencyKey: key, usedFor: use } },
    );
  }
  return use;
}
