/**
 * `disputes respond` and `disputes accept`. The dispute's state and deadline are checked (the pure rule,
 * with the provider's clock) before evidence is read or anything is asked or sent; the provider checks
 * again when it applies the answer, so a dispute answered elsewhere meanwhile is still refused there.
 */
import type { Backend, Dispute, EvidenceFile } from '../../backends/backend.js';
import { StateConflictError, ValidationError } from '../../errors.js';
import { merchantAction, type MerchantDisputeAction } from '../../domain/dispute-lifecycle.js';
import { readPdfFile } from '../files/read-pdf.js';
import { disputesApi } from './disputes-api.js';

/** A response is read by a person at the provider: enough room for an explanation, not a novel. */
export const MAX_RESPONSE_TEXT = 5000;
/** Evidence files per response. */
export const MAX_EVIDENCE_FILES = 5;

export interface RespondOptions {
  text: string;
  /** Paths of evidence files (PDF, at most 5 MB each). */
  evidence: readonly string[];
}

function assertMayAnswer(backend: Backend, dispute: Dispute, action: MerchantDisputeAction): void {
  const verdict = merchantAction(dispute, action, backend.clock.now());
  if (!verdict.ok) throw new StateConflictError(`Refused: ${verdict.reason}`, { hint: `See: merchant disputes show ${dispute.dispute_id}` });
}

export function readEvidence(paths: readonly string[]): EvidenceFile[] {
  if (paths.length > MAX_EVIDENCE_FILES) throw ValidationError.single('evidence', `${paths.length} files given; at most ${MAX_EVIDENCE_FILES} are allowed per response`);
  return paths.map((p) => readPdfFile(p, 'evidence'));
}

export async function respondToDispute(backend: Backend, disputeId: string, options: RespondOptions): Promise<Dispute> {
  const api = disputesApi(backend, 'disputes.respond', 'respond to disputes');
  const text = options.text.trim();
  if (text === '') throw ValidationError.single('text', 'is empty; say why the dispute should be decided for you');
  if (text.length > MAX_RESPONSE_TEXT) throw ValidationError.single('text', `is ${text.length} characters; at most ${MAX_RESPONSE_TEXT} are allowed`);
  const evidence = readEvidence(options.evidence);
  const dispute = await api.get(disputeId);
  assertMayAnswer(backend, dispute, 'respond');
  return api.respond(dispute.dispute_id, { text, evidence });
}

export interface AcceptOptions {
  /** Asks (or checks --yes) once the dispute may be accepted; throws to stop. */
  confirm: (dispute: Dispute) => Promise<void>;
}

export interface AcceptResult {
  dispute: Dispute;
  /** True when it was accepted already (nothing was sent again). */
  already: boolean;
}

export async function acceptDispute(backend: Backend, disputeId: string, options: AcceptOptions): Promise<AcceptResult> {
  const api = disputesApi(backend, 'disputes.respond', 'accept disputes');
  const dispute = await api.get(disputeId);
  if (dispute.state === 'accepted') return { dispute, already: true };
  assertMayAnswer(backend, dispute, 'accept');
  await options.confirm(dispute);
  return { dispute: await api.accept(dispute.dispute_id), already: false };
}
