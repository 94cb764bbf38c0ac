/**
 * What one refund IS, as capture-identity.ts says for captures: the order plus the refund reference (the
 * return's name), or — without one — the order plus what it refunds (the amount paid back and the lines).
 * The idempotency key and the check against the order's existing refunds derive from it, so two commands
 * naming the same return, at the same time or a week apart, refund once. A deliberate further refund of
 * content the order already has (`--another`) adds `repeat`, the number of such refunds it had then.
 */
import type { RefundRequest } from '../../backends/backend.js';
import type { Order, Refund } from '../../domain/model/order.js';
import { operationKey } from './idempotency-key.js';
import { linesSignature } from './pending-operation.js';

export interface RefundIdentity {
  order_id: string;
  reference: string | null;
  /** Minor units paid back (after any return fee). */
  amount: number;
  /** linesSignature of the refunded lines ('' for a refund by amount). */
  lines: string;
  repeat?: number | undefined;
}

export function refundIdentity(orderId: string, request: RefundRequest): RefundIdentity {
  return { order_id: orderId, reference: request.reference ?? null, amount: request.refunded_amount, lines: linesSignature(request.order_lines) };
}

export function refundKey(id: RefundIdentity): string {
  if (id.reference !== null) return operationKey(['refund', id.order_id, 'reference', id.reference]);
  const repeat = id.repeat !== undefined && id.repeat > 0 ? ['repeat', id.repeat] : [];
  return operationKey(['refund', id.order_id, 'content', id.amount, id.lines, ...repeat]);
}

/** Every refund on `order` with this identity's content: the one with the reference, or unreferenced ones of the same amount and lines. */
export function refundsOf(order: Order, id: RefundIdentity): Refund[] {
  if (id.reference !== null) return order.refunds.filter((r) => r.reference === id.reference);
  return order.refunds.filter((r) => r.reference === null && r.refunded_amount === id.amount && linesSignature(r.order_lines) === id.lines);
}

/** The refund made by `request` among the order's refunds, leaving out those that existed before it was sent. */
export function matchingRefund(order: Order, request: RefundRequest, knownIds: readonly string[]): Refund | undefined {
  return order.refunds.find(
    (r) =>
      !knownIds.includes(r.refund_id) &&
      r.refunded_amount === request.refunded_amount &&
      (r.reference ?? undefined) === (request.reference ?? undefined) &&
      (!request.order_lines || request.order_lines.length === 0 || linesSignature(r.order_lines) === linesSignature(request.order_lines)),
  );
}
