/**
 * Payment link statuses and what can be done with a link in each.
 *
 * A link is an HPP session over a KCO order. We show our own, merchant-friendly statuses
 * and map the provider's session status onto them:
 *
 *   WAITING → created            IN_PROGRESS, BACK, ERROR, MANUAL_ID_CHECK → in_progress
 *   COMPLETED → completed        FAILED → failed (declined, but the consumer may retry: still payable)
 *   CANCELLED → cancelled        DISABLED → cancelled            TIMEOUT → expired
 *
 * Decision: DISABLED is what the provider reports after the merchant cancels a link (DELETE session),
 * so it is shown as `cancelled` — the word the merchant used. A consumer's definitive CANCELLED is also
 * `cancelled`: either way the link is dead and can only be duplicated. `disabled` stays in the status list
 * for links a store marks disabled by other means (e.g. the sandbox or Portal); it behaves like cancelled.
 *
 * Expiry is never a stored flag: {@link effectiveLinkStatus} derives it from `expires_at` and the clock,
 * so a link read from history an hour after it lapsed is shown as expired without anyone updating it.
 */
import { StateConflictError, ValidationError } from '../errors.js';

export const LINK_STATUSES = ['created', 'in_progress', 'completed', 'cancelled', 'expired', 'disabled', 'failed'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

export const HPP_SESSION_STATUSES = [
  'WAITING',
  'IN_PROGRESS',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'BACK',
  'ERROR',
  'DISABLED',
  'MANUAL_ID_CHECK',
  'TIMEOUT',
] as const;
export type HppSessionStatus = (typeof HPP_SESSION_STATUSES)[number];

const SESSION_TO_LINK: Record<HppSessionStatus, LinkStatus> = {
  WAITING: 'created',
  IN_PROGRESS: 'in_progress',
  BACK: 'in_progress',
  ERROR: 'in_progress',
  MANUAL_ID_CHECK: 'in_progress',
  FAILED: 'failed',
  COMPLETED: 'completed',
  CANCELLED: 'cancelled',
  DISABLED: 'cancelled',
  TIMEOUT: 'expired',
};

export function isLinkStatus(value: string): value is LinkStatus {
  return (LINK_STATUSES as readonly string[]).includes(value);
}

/** Maps an HPP session status (any case) to our link status; unknown values are a ValidationError on `status`. */
export function linkStatusFromSession(status: string): LinkStatus {
  const key = status.trim().toUpperCase();
  if (!Object.hasOwn(SESSION_TO_LINK, key)) {
    throw ValidationError.single('status', `unknown payment session status ${JSON.stringify(status)}; known: ${HPP_SESSION_STATUSES.join(', ')}`);
  }
  return SESSION_TO_LINK[key as HppSessionStatus];
}

const FINAL_LINK_STATUSES: readonly LinkStatus[] = ['completed', 'cancelled', 'expired', 'disabled'];

/** Final statuses never change again; `failed` is not final because the consumer may try another way to pay. */
export function isFinalLinkStatus(status: LinkStatus): boolean {
  return FINAL_LINK_STATUSES.includes(status);
}

/** The status as of `now`: a non-final link whose `expires_at` has passed is `expired`. */
export function effectiveLinkStatus(link: { status: LinkStatus; expires_at: string }, now: Date): LinkStatus {
  if (isFinalLinkStatus(link.status)) return link.status;
  const expires = Date.parse(link.expires_at);
  if (Number.isNaN(expires)) throw ValidationError.single('expires_at', `${JSON.stringify(link.expires_at)} is not an ISO 8601 time`);
  return expires <= now.getTime() ? 'expired' : link.status;
}

export const LINK_OPERATIONS = ['cancel', 'resend', 'duplicate', 'pay', 'open'] as const;
export type LinkOperation = (typeof LINK_OPERATIONS)[number];

const ACTIVE_OPERATIONS: readonly LinkOperation[] = ['cancel', 'resend', 'pay', 'open'];
const DEAD_OPERATIONS: readonly LinkOperation[] = ['duplicate'];

/**
 * Operations allowed in a status. Payable links (created, in_progress, failed) can be cancelled, resent,
 * paid and opened, but not duplicated — two live links for one cart invite a double payment. Dead links
 * (cancelled, expired, disabled) can only be duplicated into a fresh one. Completed links allow nothing:
 * the money is authorized and the order now lives in Order Management; selling the same cart again should
 * be a deliberate new link, not a one-word mistake.
 */
export function allowedLinkOperations(status: LinkStatus): LinkOperation[] {
  switch (status) {
    case 'created':
    case 'in_progress':
    case 'failed':
      return [...ACTIVE_OPERATIONS];
    case 'cancelled':
    case 'expired':
    case 'disabled':
      return [...DEAD_OPERATIONS];
    case 'completed':
      return [];
  }
}

const PAST_TENSE: Record<LinkOperation, string> = {
  cancel: 'cancelled',
  resend: 'resent',
  duplicate: 'duplicated',
  pay: 'paid',
  open: 'opened',
};

export interface LinkRef {
  id?: string;
  link_id?: string;
  status: LinkStatus;
  expires_at: string;
}

/**
 * Throws a StateConflictError unless `op` is allowed for the link's status as of `now`. The message says the
 * status and what IS possible. Returns the effective status.
 */
export function assertLinkOperation(link: LinkRef, op: LinkOperation, now: Date): LinkStatus {
  const status = effectiveLinkStatus(link, now);
  const allowed = allowedLinkOperations(status);
  if (allowed.includes(op)) return status;
  const id = link.id ?? link.link_id ?? '(unknown)';
  let next: string;
  if (allowed.length === 0) next = `Nothing further can be done with a ${status} link.`;
  else if (allowed.length === 1 && allowed[0] === 'duplicate') next = 'It can only be duplicated into a new link.';
  else next = `It can still be: ${allowed.map((o) => PAST_TENSE[o]).join(', ')}.`;
  const why = op === 'duplicate' && !isFinalLinkStatus(status) ? ' while it can still be paid' : '';
  throw new StateConflictError(`link ${id} is ${status}; it cannot be ${PAST_TENSE[op]}${why}. ${next}`, {
    details: { linkId: id, status, operation: op, allowed },
  });
}
