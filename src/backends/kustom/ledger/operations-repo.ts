/** The ledger's record of Order Management writes by idempotency key (see the `om_operations` table). */
import { StateConflictError } from '../../../errors.js';
import type { LedgerDb } from './database.js';

export interface OperationRow {
  idempotency_key: string;
  order_id: string;
  operation: string;
  result_id: string | null;
  created_at: string;
}

export interface OperationsRepo {
  /**
   * The earlier use of `key` for this same order and operation (a retry), if any. Throws StateConflictError
   * when the key was used for another order or operation.
   */
  find(key: string, orderId: string, operation: string): OperationRow | undefined;
  /** Records the key before the request is sent (idempotent for the same order and operation). */
  claim(key: string, orderId: string, operation: string, at: string): void;
  /**
   * `find` and `claim` as one step, for a caller whose checks already passed: the key's earlier use (a
   * retry; nothing is written), or undefined once this call has recorded it. Throws StateConflictError,
   * writing nothing, when the key was used for another order or operation.
   */
  claimOrFind(key: string, orderId: string, operation: string, at: string): OperationRow | undefined;
  setResult(key: string, resultId: string): void;
}

export function keyReusedElsewhere(key: string, existing: OperationRow, operation: string): StateConflictError {
  return new StateConflictError(
    `idempotency key ${key} was already used to ${existing.operation} order ${existing.order_id}; Kustom would repeat that result instead of doing this ${operation}.`,
    { hint: 'Use a new idempotency key for a new operation.', details: { idempotencyKey: key, orderId: existing.order_id, operation: existing.operation } },
  );
}

export function createOperationsRepo(db: LedgerDb): OperationsRepo {
  const one = db.prepare<[string], OperationRow>(`SELECT * FROM om_operations WHERE idempotency_key = ?`);
  const find = (key: string, orderId: string, operation: string): OperationRow | undefined => {
    const existing = one.get(key);
    if (existing && (existing.order_id !== orderId || existing.operation !== operation)) throw keyReusedElsewhere(key, existing, operation);
    return existing;
  };
  // Prepared once: a bulk capture claims and settles a key per order.
  const insert = db.prepare(`INSERT INTO om_operations (idempotency_key, order_id, operation, created_at) VALUES (?, ?, ?, ?)`);
  const result = db.prepare(`UPDATE om_operations SET result_id = ? WHERE idempotency_key = ?`);
  const claimHere = (key: string, orderId: string, operation: string, at: string): OperationRow | undefined => {
    const earlier = find(key, orderId, operation);
    if (!earlier) insert.run(key, orderId, operation, at);
    return earlier;
  };
  const claim = db.transaction(claimHere);
  // Inside a caller's transaction (the ledger's group commit) the check and the insert are already one
  // unit; a nested transaction would only add a savepoint.
  const claimOrFind = (key: string, orderId: string, operation: string, at: string): OperationRow | undefined =>
    db.inTransaction ? claimHere(key, orderId, operation, at) : claim.immediate(key, orderId, operation, at);
  return {
    find,
    claim(key, orderId, operation, at) {
      claimOrFind(key, orderId, operation, at);
    },
    claimOrFind,
    setResult(key, resultId) {
      result.run(resultId, key);
    },
  };
}
