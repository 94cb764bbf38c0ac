/**
 * The sandbox's disputes: read and answered by the merchant (DisputesApi), opened by the customer and
 * decided by the provider (SandboxDisputesControlApi). Every change runs in one IMMEDIATE transaction and
 * asks the pure state machine (domain/dispute-lifecycle.ts) with the sandbox clock, so two processes
 * cannot both answer one dispute and nothing is answered after its deadline.
 */
import { randomBytes } from '../../../infra/lazy-crypto.js';
import { formatMoney } from '../../../domain/money.js';
import { StateConflictError, ValidationError } from '../../../errors.js';
import { disputableAmount, merchantAction, providerDecision, responseDeadline, type DisputeState, type Verdict } from '../../../domain/dispute-lifecycle.js';
import type { Clock, Page } from '../../backend.js';
import type { Dispute, DisputeQuery, DisputesApi, SandboxDisputesControlApi } from '../../types/disputes.js';
import type { SandboxAccess } from '../access.js';
import type { Db } from '../database.js';
import { loadRow } from '../orders/order-rows.js';
import { settleUpTo } from '../settlements/settle.js';
import { DISPUTE_SELECT, loadDisputeRow, toDispute, type DisputeRow } from './dispute-rows.js';

const MAX_PAGE = 500;
const ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newDisputeId(): string {
  return `DSP-${[...randomBytes(8)].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('')}`;
}

function refuse(verdict: Verdict, disputeId: string): asserts verdict is Extract<Verdict, { ok: true }> {
  if (!verdict.ok) throw new StateConflictError(`Refused: ${verdict.reason}`, { hint: `See: merchant disputes show ${disputeId}` });
}

export function createSandboxDisputes(db: Db, clock: Clock, access: SandboxAccess): DisputesApi {
  // A decided dispute names the payout it went into: payouts up to the clock are settled before a read,
  // as every settlements read does, so `settled_in` is never empty for a payout that has happened.
  const settle = () => settleUpTo(db, clock.now());
  const load = (id: string, permission: 'disputes.view' | 'disputes.respond'): DisputeRow => {
    const row = loadDisputeRow(db, id);
    access.require(permission, row.store_id);
    return row;
  };
  /** Runs a merchant action under the write lock, re-reading the row inside it. */
  const act = (id: string, action: 'respond' | 'accept', apply: (row: DisputeRow, now: string) => void): Dispute =>
    db.transaction(() => {
      const row = load(id, 'disputes.respond');
      if (action === 'accept' && row.state === 'accepted') return toDispute(row);
      const now = clock.now();
      refuse(merchantAction(row, action, now), row.dispute_id);
      apply(row, now.toISOString());
      return toDispute(loadDisputeRow(db, row.dispute_id));
    }).immediate();

  return {
    async list(query: DisputeQuery): Promise<Page<Dispute>> {
      access.require('disputes.view', query.store_id ?? null);
      settle();
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (query.store_id) {
        where.push('d.store_id = ?');
        args.push(query.store_id);
      }
      if (query.order_id) {
        where.push('d.order_id = ?');
        args.push(query.order_id);
      }
      if (query.states?.length) {
        where.push(`d.state IN (${query.states.map(() => '?').join(', ')})`);
        args.push(...query.states);
      }
      const size = Math.min(MAX_PAGE, Math.max(1, query.pageSize ?? 50));
      const offset = query.cursor ? Number(query.cursor) : 0;
      const rows = db
        .prepare<(string | number)[], DisputeRow>(`${DISPUTE_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.opened_at DESC, d.dispute_id LIMIT ? OFFSET ?`)
        .all(...args, size + 1, offset);
      return { items: rows.slice(0, size).map(toDispute), nextCursor: rows.length > size ? String(offset + size) : undefined };
    },

    async get(disputeId: string): Promise<Dispute> {
      settle();
      return toDispute(load(disputeId, 'disputes.view'));
    },

    async respond(disputeId, response) {
      return act(disputeId, 'respond', (row, now) => {
        const evidence = response.evidence.map(({ filename, content_type, size_bytes }) => ({ filename, content_type, size_bytes }));
        db.prepare(`UPDATE disputes SET state = 'under_review', responded_at = ?, response_text = ?, evidence = ? WHERE dispute_id = ?`).run(
          now, response.text, JSON.stringify(evidence), row.dispute_id,
        );
      });
    },

    async accept(disputeId) {
      return act(disputeId, 'accept', (row, now) => {
        db.prepare(`UPDATE disputes SET state = 'accepted', decided_at = ? WHERE dispute_id = ?`).run(now, row.dispute_id);
      });
    },
  };
}

export function createSandboxDisputeControl(db: Db, clock: Clock, access: SandboxAccess): SandboxDisputesControlApi {
  return {
    async open(input) {
      return db.transaction(() => {
        const order = loadRow(db, input.order_id);
        access.require('orders.view', order.store_id);
        if (order.captured_amount === 0) {
          throw new StateConflictError(`Order ${order.order_id} has no captures; only a captured order can be disputed.`, { hint: `See: merchant orders show ${order.order_id}` });
        }
        const others = db.prepare<[string], { amount: number; state: DisputeState }>(`SELECT amount, state FROM disputes WHERE order_id = ?`).all(order.order_id);
        const open = disputableAmount(order, others);
        const amount = input.amount ?? open;
        const money = (minor: number): string => formatMoney(minor, order.purchase_currency);
        const what = 'captured, less refunds and other disputes';
        if (open <= 0) throw ValidationError.single('amount', `nothing is left to dispute on order ${order.order_id} (${what})`);
        if (amount <= 0) throw ValidationError.single('amount', `must be more than 0; at most ${money(open)} can be disputed on order ${order.order_id}`);
        if (amount > open) throw ValidationError.single('amount', `${money(amount)} is more than can be disputed on order ${order.order_id}: at most ${money(open)} (${what})`);
        const now = clock.now();
        const id = newDisputeId();
        db.prepare(
          `INSERT INTO disputes (dispute_id, order_id, store_id, amount, reason, state, opened_at, response_deadline) VALUES (?, ?, ?, ?, ?, 'open', ?, ?)`,
        ).run(id, order.order_id, order.store_id, amount, input.reason, now.toISOString(), responseDeadline(now));
        return toDispute(loadDisputeRow(db, id));
      }).immediate();
    },

    async decide(disputeId, decision) {
      return db.transaction(() => {
        const row = loadDisputeRow(db, disputeId);
        access.require('orders.view', row.store_id);
        refuse(providerDecision(row, decision), row.dispute_id);
        db.prepare(`UPDATE disputes SET state = ?, decided_at = ? WHERE dispute_id = ?`).run(decision, clock.now().toISOString(), row.dispute_id);
        return toDispute(loadDisputeRow(db, row.dispute_id));
      }).immediate();
    },
  };
}
