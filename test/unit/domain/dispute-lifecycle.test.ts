import { describe, expect, it } from 'vitest';
import {
  DISPUTE_STATES,
  FINAL_STATES,
  disputableAmount,
  merchantAction,
  providerDecision,
  responseDeadline,
  reversesMoney,
  type DisputeState,
} from '../../../src/domain/dispute-lifecycle.js';
import { disputeFeeMinor, disputeTransactions } from '../../../src/domain/dispute-fees.js';

const opened = new Date('2026-11-01T10:00:00Z');
const deadline = responseDeadline(opened);
const dispute = (state: DisputeState) => ({ dispute_id: 'DSP-1', state, response_deadline: deadline });
const before = new Date(Date.parse(deadline) - 1);
const at = new Date(deadline);

describe('dispute lifecycle', () => {
  it('gives the merchant 14 days to answer', () => {
    expect(deadline).toBe('2026-11-15T10:00:00.000Z');
  });

  it('respond moves an open dispute under review; accept concedes it', () => {
    expect(merchantAction(dispute('open'), 'respond', before)).toEqual({ ok: true, next: 'under_review' });
    expect(merchantAction(dispute('open'), 'accept', before)).toEqual({ ok: true, next: 'accepted' });
  });

  it('a dispute under review may be accepted but not answered twice', () => {
    expect(merchantAction(dispute('under_review'), 'accept', before)).toEqual({ ok: true, next: 'accepted' });
    const again = merchantAction(dispute('under_review'), 'respond', before);
    expect(again.ok).toBe(false);
    expect(!again.ok && again.reason).toMatch(/already under review/);
  });

  it.each(['respond', 'accept'] as const)('%s is refused from the deadline on, in every open state', (action) => {
    for (const state of ['open', 'under_review'] as const) {
      const verdict = merchantAction(dispute(state), action, at);
      expect(verdict.ok, `${state} ${action}`).toBe(false);
      expect(!verdict.ok && verdict.reason).toMatch(/deadline .* passed/);
    }
  });

  it.each([...FINAL_STATES])('a %s dispute can be neither answered nor decided again', (state) => {
    for (const action of ['respond', 'accept'] as const) {
      const verdict = merchantAction(dispute(state), action, before);
      expect(verdict.ok).toBe(false);
    }
    expect(providerDecision(dispute(state), 'won').ok).toBe(false);
  });

  it('the provider decides open and reviewed disputes, before or after the deadline', () => {
    expect(providerDecision(dispute('open'), 'lost')).toEqual({ ok: true, next: 'lost' });
    expect(providerDecision(dispute('under_review'), 'won')).toEqual({ ok: true, next: 'won' });
    expect(providerDecision(dispute('under_review'), 'closed')).toEqual({ ok: true, next: 'closed' });
  });

  it('only lost and accepted disputes take money back', () => {
    expect(DISPUTE_STATES.filter(reversesMoney)).toEqual(['lost', 'accepted']);
  });

  it('what can be disputed: captured, less refunds and the disputes still claiming money', () => {
    const order = { captured_amount: 10_000, refunded_amount: 2_000 };
    expect(disputableAmount(order, [])).toBe(8_000);
    expect(disputableAmount(order, [{ amount: 3_000, state: 'open' }, { amount: 1_000, state: 'lost' }])).toBe(4_000);
    expect(disputableAmount(order, [{ amount: 3_000, state: 'won' }, { amount: 1_000, state: 'closed' }])).toBe(8_000);
    expect(disputableAmount(order, [{ amount: 9_000, state: 'accepted' }])).toBe(0);
  });
});

describe('dispute money in a payout', () => {
  it('a lost dispute: the reversal, the fixed dispute fee and VAT on the fee, all leaving the payout', () => {
    const rows = disputeTransactions(4_000, 'SEK', 'SE', 'lost');
    expect(rows.map((r) => [r.type, r.detailed_type, r.amount])).toEqual([
      ['REVERSAL', 'REVERSAL', -4_000],
      ['FEE', 'DISPUTE_FEE', -15_000],
      ['TAX', 'DISPUTE_FEE', -3_750],
    ]);
  });

  it('an accepted dispute reverses the amount with no fee', () => {
    expect(disputeTransactions(4_000, 'EUR', 'DE', 'accepted').map((r) => [r.type, r.amount])).toEqual([['REVERSAL', -4_000]]);
  });

  it('no VAT row where no VAT is charged on fees; an unknown currency gets the default fee', () => {
    expect(disputeTransactions(100, 'USD', 'US', 'lost').map((r) => r.type)).toEqual(['REVERSAL', 'FEE']);
    expect(disputeFeeMinor('JPY')).toBe(1_500);
    expect(disputeFeeMinor('eur')).toBe(1_500);
  });
});
