/**
 * The life of a dispute, as a pure state machine. The merchant acts while it is `open` and the response
 * deadline has not passed: `respond` (text and evidence) puts it `under_review`; `accept` concedes it
 * (`accepted`). The provider decides an open or reviewed dispute: `won`, `lost`, or `closed` (the customer
 * withdrew). Every state but `open` and `under_review` is final.
 *
 * The merchant may still accept a dispute under review (conceding before the decision), but not respond
 * twice: the response is what is reviewed. Both merchant actions are refused once the deadline passed.
 */
export const DISPUTE_STATES = ['open', 'under_review', 'won', 'lost', 'accepted', 'closed'] as const;
export type DisputeState = (typeof DISPUTE_STATES)[number];

export const DISPUTE_REASONS = ['goods_not_received', 'faulty_goods', 'incorrect_invoice', 'returned_goods', 'unauthorized_purchase', 'other'] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

export const DISPUTE_DECISIONS = ['won', 'lost', 'closed'] as const;
export type DisputeDecision = (typeof DISPUTE_DECISIONS)[number];

export type MerchantDisputeAction = 'respond' | 'accept';

/** The merchant has this long from the opening to respond or accept. */
export const RESPONSE_WINDOW_DAYS = 14;
const DAY_MS = 86_400_000;

export const FINAL_STATES: ReadonlySet<DisputeState> = new Set(['won', 'lost', 'accepted', 'closed']);

export interface DisputeFacts {
  dispute_id: string;
  state: DisputeState;
  response_deadline: string;
}

export type Verdict = { ok: true; next: DisputeState } | { ok: false; reason: string };

export function responseDeadline(openedAt: Date): string {
  return new Date(openedAt.getTime() + RESPONSE_WINDOW_DAYS * DAY_MS).toISOString();
}

/** May the merchant respond to or accept this dispute now, and which state follows. */
export function merchantAction(d: DisputeFacts, action: MerchantDisputeAction, now: Date): Verdict {
  const verb = action === 'respond' ? 'respond to' : 'accept';
  if (FINAL_STATES.has(d.state)) return { ok: false, reason: `dispute ${d.dispute_id} is ${words(d.state)}; a decided dispute cannot be changed.` };
  if (now.getTime() >= Date.parse(d.response_deadline)) {
    return { ok: false, reason: `the response deadline of dispute ${d.dispute_id} passed at ${d.response_deadline}; it can no longer be answered.` };
  }
  if (action === 'respond' && d.state === 'under_review') {
    return { ok: false, reason: `dispute ${d.dispute_id} is already under review (a response was sent); you can still accept it, but not ${verb} it again.` };
  }
  return { ok: true, next: action === 'respond' ? 'under_review' : 'accepted' };
}

/** May the provider decide this dispute, and which state follows. */
export function providerDecision(d: DisputeFacts, decision: DisputeDecision): Verdict {
  if (FINAL_STATES.has(d.state)) return { ok: false, reason: `dispute ${d.dispute_id} is already ${words(d.state)}.` };
  return { ok: true, next: decision };
}

/** The merchant loses the money in these states: it leaves the next payout. */
export function reversesMoney(state: DisputeState): boolean {
  return state === 'lost' || state === 'accepted';
}

/**
 * How much of an order can still be disputed: what was captured, less what was refunded and what other
 * disputes already claim (open, under review, lost or accepted ones; won or closed ones gave it back).
 */
export function disputableAmount(order: { captured_amount: number; refunded_amount: number }, otherDisputes: readonly { amount: number; state: DisputeState }[]): number {
  const claimed = otherDisputes.filter((d) => d.state !== 'won' && d.state !== 'closed').reduce((sum, d) => sum + d.amount, 0);
  return Math.max(0, order.captured_amount - order.refunded_amount - claimed);
}

export function words(state: DisputeState): string {
  return state === 'under_review' ? 'under review' : state;
}
