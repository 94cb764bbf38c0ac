/** A dispute: the customer challenges all or part of a captured order (the Portal's Disputes section). */
import type { DisputeState } from '../dispute-lifecycle.js';

/** An evidence file sent with a response: only its description is kept and shown, never its bytes. */
export interface DisputeEvidence {
  filename: string;
  content_type: 'application/pdf';
  size_bytes: number;
}

export interface Dispute {
  dispute_id: string;
  order_id: string;
  store_id: string;
  /** Kustom's short order reference and the merchant's own, to find the order again. */
  short_order_id: string | null;
  merchant_reference1: string | null;
  currency: string;
  /** Minor units disputed (all or part of what was captured). */
  amount: number;
  reason: string;
  state: DisputeState;
  opened_at: string;
  /** After this instant the merchant can no longer respond or accept. */
  response_deadline: string;
  responded_at: string | null;
  response_text: string | null;
  evidence: DisputeEvidence[];
  /** When it was won, lost, accepted or closed. */
  decided_at: string | null;
  /** Lost or accepted: the reversal and fee, once in a payout (its payment reference). */
  settled_in: string | null;
}
