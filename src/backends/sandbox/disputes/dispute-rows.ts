/** Reading dispute rows (with the order facts they are shown with) in the sandbox. */
import { NotFoundError } from '../../../errors.js';
import type { DisputeState } from '../../../domain/dispute-lifecycle.js';
import type { Dispute, DisputeEvidence } from '../../../domain/model/dispute.js';
import type { Db } from '../database.js';

export interface DisputeRow {
  dispute_id: string;
  order_id: string;
  store_id: string;
  amount: number;
  reason: string;
  state: DisputeState;
  opened_at: string;
  response_deadline: string;
  responded_at: string | null;
  response_text: string | null;
  evidence: string;
  decided_at: string | null;
  settled_in: string | null;
  short_order_id: string | null;
  merchant_reference1: string | null;
  currency: string;
}

export const DISPUTE_SELECT = `SELECT d.*, o.klarna_reference AS short_order_id, o.merchant_reference1, o.purchase_currency AS currency
  FROM disputes d JOIN orders o ON o.order_id = d.order_id`;

export function toDispute(row: DisputeRow): Dispute {
  return {
    dispute_id: row.dispute_id,
    order_id: row.order_id,
    store_id: row.store_id,
    short_order_id: row.short_order_id,
    merchant_reference1: row.merchant_reference1,
    currency: row.currency,
    amount: row.amount,
    reason: row.reason,
    state: row.state,
    opened_at: row.opened_at,
    response_deadline: row.response_deadline,
    responded_at: row.responded_at,
    response_text: row.response_text,
    evidence: JSON.parse(row.evidence) as DisputeEvidence[],
    decided_at: row.decided_at,
    settled_in: row.settled_in,
  };
}

export function loadDisputeRow(db: Db, disputeId: string): DisputeRow {
  const row = db.prepare<[string], DisputeRow>(`${DISPUTE_SELECT} WHERE d.dispute_id = ?`).get(disputeId.trim().toUpperCase());
  if (!row) throw new NotFoundError('Dispute', disputeId, { hint: 'See: merchant disputes list' });
  return row;
}
