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

export function findKeyUse(db: Db, key: string): KeyUse | undefined {
  const capture = db.prepare<[string], { order_id: string; capture_id: string }>(`SELECT order_id, capture_id FROM captures WHERE idempotency_key = ?`).get(key);
  if (capture) return { operation: 'capture', order_id: capture.order_id, result_id: capture.capture_id };
  const refund = db.prepare<[string], { order_id: string; refund_id: string }>(`SELECT order_id, refund_id FROM refunds WHERE idempotency_key = ?`).get(key);
  if (refund) return { operation: 'refund', order_id: refund.order_id, result_id: refund.refund_id };
  const op = db.prepare<[string], { order_id: string; operation: string }>(`SELECT order_id, operation FROM idempotent_operations WHERE idempotency_key = ?`).get(key);
  if (op) return { operation: op.operation as KeyedOperation, order_id: op.order_id, result_id: null };
  return undefined;
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
