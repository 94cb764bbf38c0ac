/**
 * Disputes (the Portal's Disputes section). Kustom documents no disputes API, so only the sandbox has
 * this part (capabilities `disputes.read`, `disputes.respond`); it checks the key's Portal role.
 */
import type { DisputeDecision, DisputeState } from '../../domain/dispute-lifecycle.js';
import type { Dispute, DisputeEvidence } from '../../domain/model/dispute.js';
import type { Page, PageRequest } from './common.js';
export type { Dispute, DisputeEvidence } from '../../domain/model/dispute.js';

export interface DisputeQuery extends PageRequest {
  store_id?: string | undefined;
  states?: DisputeState[] | undefined;
  order_id?: string | undefined;
}

/** An evidence file as sent: its description plus the bytes, base64. */
export interface EvidenceFile extends DisputeEvidence {
  data_base64: string;
}

export interface DisputeResponse {
  text: string;
  evidence: EvidenceFile[];
}

export interface DisputesApi {
  /** Newest first. */
  list(query: DisputeQuery): Promise<Page<Dispute>>;
  get(disputeId: string): Promise<Dispute>;
  /** Sends the merchant's answer: the dispute goes under review. */
  respond(disputeId: string, response: DisputeResponse): Promise<Dispute>;
  /** Concedes: the disputed amount leaves the next payout. Accepting an accepted dispute returns it unchanged. */
  accept(disputeId: string): Promise<Dispute>;
}

/** What only the sandbox can do: act as the customer opening a dispute, and as the provider deciding it. */
export interface SandboxDisputesControlApi {
  open(input: { order_id: string; amount?: number | undefined; reason: string }): Promise<Dispute>;
  decide(disputeId: string, decision: DisputeDecision): Promise<Dispute>;
}
