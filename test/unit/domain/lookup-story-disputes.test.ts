/** A dispute on the lookup timeline and in the next steps, against a fixed `now` (never the wall clock). */
import { describe, expect, it } from 'vitest';
import { nextActions, storyTimeline, type Settlement } from '../../../src/domain/lookup-story.js';
import type { Dispute } from '../../../src/domain/model/dispute.js';
import type { DisputeState } from '../../../src/domain/dispute-lifecycle.js';
import type { PaymentLink } from '../../../src/domain/model/payment-link.js';
import { ROLES, roleAllows } from '../../../src/domain/roles.js';

const NOW = new Date('2026-11-20T12:00:00Z');

function dispute(state: DisputeState, extra: Partial<Dispute> = {}): Dispute {
  return {
    dispute_id: `DSP-${state.toUpperCase()}`,
    order_id: 'o1',
    store_id: 'se-demo',
    short_order_id: 'K1',
    merchant_reference1: 'ORD-1',
    currency: 'SEK',
    amount: 4_000,
    reason: 'goods_not_received',
    state,
    opened_at: '2026-11-10T09:00:00Z',
    response_deadline: '2026-11-24T09:00:00Z',
    responded_at: null,
    response_text: null,
    evidence: [],
    decided_at: null,
    settled_in: null,
    ...extra,
  };
}

const disputeCommands = (disputes: Dispute[], now = NOW): string[] => nextActions(null, [], disputes, now, null);

describe('next steps for disputes', () => {
  it('an open dispute within its deadline: respond and accept', () => {
    expect(disputeCommands([dispute('open')])).toEqual(['merchant disputes respond DSP-OPEN --text "<your answer>"', 'merchant disputes accept DSP-OPEN']);
  });

  it('under review: accept only (the response is what is reviewed)', () => {
    expect(disputeCommands([dispute('under_review')])).toEqual(['merchant disputes accept DSP-UNDER_REVIEW']);
  });

  it.each(['won', 'lost', 'accepted', 'closed'] as const)('%s: nothing to answer', (state) => {
    expect(disputeCommands([dispute(state)])).toEqual([]);
  });

  it('from the deadline on, nothing (the instant itself included), whatever the state', () => {
    const deadline = new Date('2026-11-24T09:00:00Z');
    expect(disputeCommands([dispute('open')], new Date(deadline.getTime() - 1))).toHaveLength(2);
    expect(disputeCommands([dispute('open')], deadline)).toEqual([]);
    expect(disputeCommands([dispute('under_review')], deadline)).toEqual([]);
  });

  it("comes before the order's own commands", () => {
    const actions = nextActions({ order_id: 'o1', allowed_operations: ['refund'] }, [], [dispute('open')], NOW, null);
    expect(actions).toEqual(['merchant disputes respond DSP-OPEN --text "<your answer>"', 'merchant disputes accept DSP-OPEN', 'merchant orders refund o1 --amount <amount>']);
  });
});

describe("next steps follow the key's Portal role", () => {
  const link = { link_id: 'L1', status: 'created', messages: [] } as unknown as PaymentLink;
  const all = (role: Parameters<typeof nextActions>[4]) =>
    nextActions({ order_id: 'o1', allowed_operations: ['capture', 'refund', 'cancel'] }, [link], [dispute('open')], NOW, role);
  const kind = (action: string): string => action.split(' ')[1]!;

  it.each(ROLES)('%s: only what the role may do (disputes.respond, orders.manage, links.create)', (role) => {
    const kinds = new Set(all(role).map(kind));
    expect(kinds.has('disputes'), 'disputes').toBe(roleAllows(role, 'disputes.respond'));
    expect(kinds.has('orders'), 'orders').toBe(roleAllows(role, 'orders.manage'));
    expect(kinds.has('links'), 'links').toBe(roleAllows(role, 'links.create'));
  });

  it('a Settlement key is offered no dispute answer and no order change; an unknown role (the provider checks) everything', () => {
    expect(all('settlement').filter((a) => /disputes|orders/.test(a))).toEqual([]);
    expect(all(null).map(kind)).toEqual(['disputes', 'disputes', 'orders', 'orders', 'orders', 'links', 'links']);
  });
});

describe('dispute events on the timeline', () => {
  const payout: Settlement = { payment_reference: 'PAY-1', payout_date: '2026-11-22T00:00:00Z', currency: 'SEK', net_amount: -13_000, transaction_count: 4 };
  const timeline = (d: Dispute, settlements: Settlement[] = []) => storyTimeline({ links: [], order: null, events: [], settlements, disputes: [d] });

  it('opened, answered, lost, and the reversal on the payout date, in time order', () => {
    const lost = dispute('lost', { responded_at: '2026-11-12T10:00:00Z', evidence: [{ filename: 'a.pdf', content_type: 'application/pdf', size_bytes: 9 }], decided_at: '2026-11-18T10:00:00Z', settled_in: 'PAY-1' });
    expect(timeline(lost, [payout]).map((e) => [e.at, e.type, e.amount])).toEqual([
      ['2026-11-10T09:00:00Z', 'dispute_opened', 4_000],
      ['2026-11-12T10:00:00Z', 'dispute_responded', null],
      ['2026-11-18T10:00:00Z', 'dispute_lost', null],
      ['2026-11-22T00:00:00Z', 'settled', -13_000],
      ['2026-11-22T00:00:00Z', 'dispute_reversed', -4_000],
    ]);
    expect(timeline(lost, [payout]).find((e) => e.type === 'dispute_responded')!.detail).toContain('1 evidence file)');
  });

  it('a won or closed dispute, or one not yet paid out, has no reversal', () => {
    for (const state of ['won', 'closed'] as const) {
      expect(timeline(dispute(state, { decided_at: '2026-11-18T10:00:00Z' })).map((e) => e.type)).toEqual(['dispute_opened', `dispute_${state}`]);
    }
    expect(timeline(dispute('accepted', { decided_at: '2026-11-18T10:00:00Z' })).map((e) => e.type)).toEqual(['dispute_opened', 'dispute_accepted']);
  });
});
