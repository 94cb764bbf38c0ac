/**
 * `orders refund <id>`: by lines (amount = those lines) or by amount, with an optional return fee that
 * is kept back from the refund (sent as a `return_fee` line, so the settlement shows it). Checked
 * locally against what was captured and already refunded before anything is sent. A refund is identified
 * by refund-identity.ts: by order + reference, or order + content, with `--another` for a deliberate
 * second refund of the same content; it is sent once under a recorded intent.
 */
import type { Backend, RefundRequest } from '../../backends/backend.js';
import type { Order, Refund } from '../../domain/model/order.js';
import { checkRefund } from '../../domain/order-lifecycle.js';
import { lineKey, lineProgress, parseLineSelection, selectLines, type LineSelection } from '../../domain/order-line-selection.js';
import { formatMoney, parseAmount } from '../../domain/money.js';
import type { OrderLine } from '../../domain/order-lines.js';
import { StateConflictError, UsageError, ValidationError } from '../../errors.js';
import { ordersApi, resolveOrder } from './orders-api.js';
import { intentId, pendingRecordOf, sendRecorded, settle } from './pending-operation.js';
import type { PendingStore } from './pending-store.js';
import { matchingRefund, refundIdentity, refundKey, refundsOf } from './refund-identity.js';

export interface RefundIntent {
  amount?: number | undefined;
  lines?: LineSelection[] | undefined;
  returnFee?: number | undefined;
  reference?: string | undefined;
  description?: string | undefined;
}

export interface PreparedRefund {
  order: Order;
  request: RefundRequest;
  idempotencyKey: string;
  /** The order and flags as typed: under it the request is recorded while its outcome is open. */
  intent: string;
  /** True when this re-sends the request of an earlier run whose outcome was unknown. */
  resumed: boolean;
  /** Refunds the order had when this request was computed. */
  knownIds: string[];
  /** Set when the refund already exists at the provider: nothing is sent. */
  existing?: { refund: Refund; why: 'reconciled' | 'same_reference' };
}

export function buildRefundRequest(order: Order, intent: RefundIntent, now: Date): RefundRequest {
  const hasLines = Boolean(intent.lines && intent.lines.length > 0);
  if (hasLines === (intent.amount !== undefined)) throw new UsageError('Give what to refund: --amount <amount> or one or more --line <reference>[:qty] (not both).');
  let gross = intent.amount ?? 0;
  let lines: OrderLine[] = [];
  if (hasLines) {
    checkRefund(order, 1, now);
    const progress = lineProgress(order.order_lines, order.captures.map((c) => c.order_lines), order.refunds.map((r) => r.order_lines));
    const chosen = selectLines(
      order.order_lines,
      intent.lines ?? [],
      (key) => {
        const p = progress.find((x) => x.key === key);
        return { quantity: p?.refunded_quantity ?? 0, amount: p?.refunded_amount ?? 0 };
      },
      (line) => {
        const p = progress.find((x) => x.key === lineKey(line));
        return { quantity: p?.captured_quantity ?? 0, amount: p?.captured_amount ?? 0 };
      },
      'refund',
    );
    gross = chosen.amount;
    lines = chosen.order_lines;
  }
  const fee = intent.returnFee ?? 0;
  if (fee < 0 || fee >= gross) throw ValidationError.single('--return-fee', `${formatMoney(fee, order.purchase_currency)} must be less than the refund (${formatMoney(gross, order.purchase_currency)})`);
  const amount = gross - fee;
  checkRefund(order, amount, now);
  if (fee > 0 && lines.length > 0) {
    lines.push({ type: 'return_fee' as OrderLine['type'], reference: 'return-fee', name: 'Return fee', quantity: 1, unit_price: -fee, tax_rate: 0, total_discount_amount: 0, total_amount: -fee, total_tax_amount: 0 });
  }
  return {
    refunded_amount: amount,
    ...(intent.description ? { description: intent.description } : {}),
    ...(intent.reference ? { reference: intent.reference } : {}),
    ...(lines.length > 0 ? { order_lines: lines } : {}),
  };
}

export interface RefundFlags {
  amount?: string | undefined;
  lines?: string[] | undefined;
  returnFee?: string | undefined;
  reference?: string | undefined;
  description?: string | undefined;
  /** A deliberate further refund of the same content as one the order already has. */
  another?: boolean | undefined;
}

export async function prepareRefund(backend: Backend, idOrReference: string, flags: RefundFlags, storeId?: string, pendingStore?: PendingStore): Promise<PreparedRefund> {
  const selections = flags.lines?.map((l) => parseLineSelection(l));
  const order = await resolveOrder(ordersApi(backend, 'orders.refund', 'refund orders'), idOrReference, storeId);
  const cur = order.purchase_currency;
  const intent: RefundIntent = {
    amount: flags.amount === undefined ? undefined : parseAmount(flags.amount, cur, { field: '--amount', allowZero: false }),
    lines: selections,
    returnFee: flags.returnFee === undefined ? undefined : parseAmount(flags.returnFee, cur, { field: '--return-fee', allowZero: false }),
    reference: flags.reference,
    description: flags.description,
  };
  const intentKey = intentId('refund', order.order_id, {
    amount: intent.amount,
    lines: flags.lines,
    returnFee: intent.returnFee,
    reference: flags.reference,
    description: flags.description,
    another: flags.another === true ? true : undefined,
  });
  const knownIds = order.refunds.map((r) => r.refund_id);
  // A re-run after an unknown outcome: the order's state decides first, else the recorded request is
  // re-sent with its recorded key (see pending-operation.ts).
  const pending = await pendingStore?.read<RefundRequest>('refund', intentKey);
  if (pending && pending.order_id === order.order_id) {
    const found = matchingRefund(order, pending.request, pending.known_ids ?? []);
    const base = { order, request: pending.request, idempotencyKey: pending.idempotency_key, intent: intentKey, resumed: true, knownIds: pending.known_ids ?? [] };
    return found ? { ...base, existing: { refund: found, why: 'reconciled' } } : base;
  }
  if (flags.reference !== undefined) {
    const used = order.refunds.find((r) => r.reference === flags.reference);
    if (used) {
      const request = usedReferenceRequest(order, intent, used);
      return { order, request, idempotencyKey: refundKey(refundIdentity(order.order_id, request)), intent: intentKey, resumed: false, knownIds, existing: { refund: used, why: 'same_reference' } };
    }
  }
  const request = buildRefundRequest(order, intent, backend.clock.now());
  const identity = refundIdentity(order.order_id, request);
  const twins = identity.reference !== null ? [] : refundsOf(order, identity);
  if (twins.length > 0 && flags.another !== true) {
    const first = twins[0] as Refund;
    throw new StateConflictError(
      `Order ${order.order_id} already has a refund of ${formatMoney(request.refunded_amount, cur)} (refund ${first.refund_id}, ${first.refunded_at}); nothing was sent, so this cannot refund twice.`,
      {
        hint: `If that refund is this one, there is nothing to do. To refund another ${formatMoney(request.refunded_amount, cur)} on purpose, add --another, or give the refund its own --reference.`,
        details: { refund_id: first.refund_id },
      },
    );
  }
  const key = refundKey(flags.another === true ? { ...identity, repeat: twins.length } : identity);
  return { order, request, idempotencyKey: key, intent: intentKey, resumed: false, knownIds };
}

function referenceTaken(order: Order, used: Refund): StateConflictError {
  return new StateConflictError(
    `Refund reference ${JSON.stringify(used.reference)} is already used on order ${order.order_id} (refund ${used.refund_id}, ${formatMoney(used.refunded_amount, order.purchase_currency)}).`,
    { hint: 'A reference names one return: give this refund its own --reference.', details: { refund_id: used.refund_id } },
  );
}

/** A refund reference names one return: used again with another amount, it is refused. */
function usedReferenceRequest(order: Order, intent: RefundIntent, used: Refund): RefundRequest {
  const asked = intent.amount === undefined ? undefined : intent.amount - (intent.returnFee ?? 0);
  if (asked !== undefined && asked !== used.refunded_amount) throw referenceTaken(order, used);
  return { refunded_amount: used.refunded_amount, ...(used.reference ? { reference: used.reference } : {}) };
}

export interface RefundOutcome {
  refund: Refund;
  /** `refunded`: made now; `already_refunded`: it existed (found after an unknown outcome, or by reference). */
  status: 'refunded' | 'already_refunded';
}

/** The write in words, for the live-write banner and the confirmation: "refund 120.00 SEK on order 123". */
export const refundAction = (prepared: PreparedRefund): string =>
  `refund ${formatMoney(prepared.request.refunded_amount, prepared.order.purchase_currency)} on order ${prepared.order.order_id}`;

export async function executeRefund(backend: Backend, prepared: PreparedRefund, pendingStore?: PendingStore): Promise<RefundOutcome> {
  if (prepared.existing) {
    if (prepared.resumed) await settle(pendingStore, 'refund', prepared.intent);
    return { refund: prepared.existing.refund, status: 'already_refunded' };
  }
  const api = ordersApi(backend, 'orders.refund', 'refund orders');
  const orderId = prepared.order.order_id;
  const record = pendingRecordOf(prepared, backend.clock.now());
  const refund = await sendRecorded(pendingStore, 'refund', prepared.intent, record, `refund on order ${orderId}`, () =>
    api.refund(orderId, prepared.request, {
      idempotencyKey: prepared.idempotencyKey,
      target: prepared.order.store_id,
      action: refundAction(prepared),
    }),
  );
  // The key is the reference's: another command naming it (another amount) sent first, and the provider
  // answered with that refund. This command moved nothing; it is refused as if it had read that first.
  if (refund.refunded_amount !== prepared.request.refunded_amount) throw referenceTaken(prepared.order, refund);
  return { refund, status: 'refunded' };
}
