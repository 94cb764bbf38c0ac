import { describe, it, expect } from 'vitest';
import { StateConflictError, ValidationError } from '../../../src/errors.js';
import {
  allowedLinkOperations,
  assertLinkOperation,
  effectiveLinkStatus,
  HPP_SESSION_STATUSES,
  isFinalLinkStatus,
  LINK_OPERATIONS,
  LINK_STATUSES,
  linkStatusFromSession,
} from '../../../src/domain/link-lifecycle.js';
import type { LinkOperation, LinkStatus } from '../../../src/domain/link-lifecycle.js';

const now = new Date('2026-03-01T12:00:00Z');
const future = '2026-03-02T12:00:00Z';
const past = '2026-03-01T11:59:59.999Z';

describe('linkStatusFromSession', () => {
  it.each([
    ['WAITING', 'created'],
    ['IN_PROGRESS', 'in_progress'],
    ['BACK', 'in_progress'],
    ['ERROR', 'in_progress'],
    ['MANUAL_ID_CHECK', 'in_progress'],
    ['FAILED', 'failed'],
    ['COMPLETED', 'completed'],
    ['CANCELLED', 'cancelled'],
    ['DISABLED', 'cancelled'],
    ['TIMEOUT', 'expired'],
    ['completed', 'completed'],
  ])('%s → %s', (session, status) => {
    expect(linkStatusFromSession(session)).toBe(status);
  });
  it('maps every known session status to a link status', () => {
    for (const s of HPP_SESSION_STATUSES) expect(LINK_STATUSES).toContain(linkStatusFromSession(s));
  });
  it('rejects unknown statuses', () => {
    expect(() => linkStatusFromSession('PAID')).toThrow(ValidationError);
  });
});

describe('effectiveLinkStatus', () => {
  it.each<[LinkStatus, string, LinkStatus]>([
    ['created', future, 'created'],
    ['created', past, 'expired'],
    ['in_progress', past, 'expired'],
    ['failed', past, 'expired'],
    ['created', now.toISOString(), 'expired'], // expires_at ≤ now
    ['completed', past, 'completed'],
    ['cancelled', past, 'cancelled'],
    ['disabled', past, 'disabled'],
    ['expired', future, 'expired'],
  ])('%s with expires_at %s → %s', (status, expires_at, expected) => {
    expect(effectiveLinkStatus({ status, expires_at }, now)).toBe(expected);
  });
  it('follows the clock, not a stored flag', () => {
    const link = { status: 'created' as const, expires_at: '2026-03-03T00:00:00Z' };
    expect(effectiveLinkStatus(link, new Date('2026-03-02T23:59:59Z'))).toBe('created');
    expect(effectiveLinkStatus(link, new Date('2026-03-03T00:00:00Z'))).toBe('expired');
  });
  it('rejects an unparseable expires_at', () => {
    expect(() => effectiveLinkStatus({ status: 'created', expires_at: 'soon' }, now)).toThrow(ValidationError);
  });
});

describe('finality', () => {
  it.each<[LinkStatus, boolean]>([
    ['created', false],
    ['in_progress', false],
    ['failed', false],
    ['completed', true],
    ['cancelled', true],
    ['expired', true],
    ['disabled', true],
  ])('%s final=%s', (status, final) => {
    expect(isFinalLinkStatus(status)).toBe(final);
  });
});

describe('allowed link operations', () => {
  const table: Record<LinkStatus, LinkOperation[]> = {
    created: ['cancel', 'resend', 'pay', 'open'],
    in_progress: ['cancel', 'resend', 'pay', 'open'],
    failed: ['cancel', 'resend', 'pay', 'open'],
    cancelled: ['duplicate'],
    expired: ['duplicate'],
    disabled: ['duplicate'],
    completed: [],
  };
  it('covers every status', () => {
    expect(Object.keys(table).sort()).toEqual([...LINK_STATUSES].sort());
  });
  for (const status of LINK_STATUSES) {
    for (const op of LINK_OPERATIONS) {
      const ok = table[status].includes(op);
      it(`${status}: ${op} ${ok ? 'allowed' : 'refused'}`, () => {
        expect(allowedLinkOperations(status).includes(op)).toBe(ok);
        const link = { id: 'L-123', status, expires_at: future };
        if (ok) expect(assertLinkOperation(link, op, now)).toBe(status);
        else expect(() => assertLinkOperation(link, op, now)).toThrow(StateConflictError);
      });
    }
  }
});

describe('assertLinkOperation messages', () => {
  function messageOf(fn: () => unknown): StateConflictError {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(StateConflictError);
      return error as StateConflictError;
    }
    throw new Error('expected a StateConflictError');
  }
  it('says a completed link allows nothing', () => {
    const error = messageOf(() => assertLinkOperation({ id: 'L-123', status: 'completed', expires_at: future }, 'cancel', now));
    expect(error.message).toBe('link L-123 is completed; it cannot be cancelled. Nothing further can be done with a completed link.');
    expect(error.details).toMatchObject({ status: 'completed', operation: 'cancel', allowed: [] });
  });
  it('uses the clock: an open link past expiry can only be duplicated', () => {
    const error = messageOf(() => assertLinkOperation({ link_id: 'L-9', status: 'created', expires_at: past }, 'resend', now));
    expect(error.message).toBe('link L-9 is expired; it cannot be resent. It can only be duplicated into a new link.');
    expect(assertLinkOperation({ link_id: 'L-9', status: 'created', expires_at: past }, 'duplicate', now)).toBe('expired');
  });
  it('explains why a live link is not duplicated', () => {
    const error = messageOf(() => assertLinkOperation({ id: 'L-1', status: 'in_progress', expires_at: future }, 'duplicate', now));
    expect(error.message).toBe('link L-1 is in_progress; it cannot be duplicated while it can still be paid. It can still be: cancelled, resent, paid, opened.');
  });
});
