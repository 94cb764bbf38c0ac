/**
 * Order Management state rules: which operation each order status allows, and the
 * state an operation leads to. Checks mirror the provider's refusals — same `error_code` in
 * `details.errorCode` — so the CLI can refuse locally with a message that also says what IS possible,
 * and a sandbox backend can apply exactly the same rules.
 *
 * Decisions where Kustom's documentation does not settle the behaviour:
 *   - Expiry comes from the clock: AUTHORIZED or PART_CAPTURED past `expires_at` is EXPIRED.
 *   - Refunds depend on money actually captured, not on the status label: allowed whenever
 *     captured − refunded > 0 and the order is not CANCELLED (this covers a part-captured order that later
 *     expired, and CLOSED orders that are only partly refunded).
 *   - A refund that brings refunded up to captured on a CAPTURED order closes it (CLOSED = fully refunded).
 *     A part-captured order stays PART_CAPTURED: its remainder can still be captured.
 *   - Releasing the remainder of a PART_CAPTURED order gives CAPTURED (or CLOSED if everything captured was
 *     already refunded), as a fully refunded capture closes an order.
 *   - Extension: new expiry = now + 28 days, capped at created_at + 90 days; refused when that would not
 *     move the expiry later (already at the 90-day limit), for orders created before 2025-09-25, and for
 *     purchases in ES, FR, IT, PT when the country is known. The payment-method rule (Klarna only) is left to
 *     the provider because the snapshot does not carry the method.
 */
import { StateConflictError, ValidationError } from '../errors.js';
import { isSupportedCurrency } from './currency.js';
import { formatMoney } from './money.js';

export const ORDER_STATUSES = ['AUTHORIZED', 'PART_CAPTURED', 'CAPTURED', 'CANCELLED', 'EXPIRED', 'CLOSED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const AUTHORIZATION_DAYS = 28;
export const MAX_AUTHORIZATION_DAYS = 90;
/** Kustom only extends orders created on or after this date. */
export const EXTENSION_MIN_CREATED_AT = '2025-09-25T00:00:00Z';
export const EXTENSION_EXCLUDED_COUNTRIES: readonly string[] = ['ES', 'FR', 'IT', 'PT'];
/** Largest amount one capture or refund may carry (Kustom refuses more in one request). */
export const MAX_OPERATION_AMOUNT = 200_000_000;

const DAY_MS = 86_400_000;

export interface OrderState {
  order_id: string;
  status: OrderStatus;
  order_amount: number;
  captured_amount: number;
  refunded_amount: number;
  remaining_authorized_amount: number;
  expires_at: string;
  created_at: string;
  captures_count?: number;
  /** Lets messages show amounts as money; without it they are given in minor units. */
  purchase_currency?: string;
  /** Lets the extension check apply Kustom's country exclusions. */
  purchase_country?: string;
}

export const ORDER_OPERATIONS = ['capture', 'refund', 'cancel', 'release', 'extend'] as const;
export type OrderOperation = (typeof ORDER_OPERATIONS)[number];

export type OrderErrorCode = 'CAPTURE_NOT_ALLOWED' | 'CANCEL_NOT_ALLOWED' | 'REFUND_NOT_ALLOWED' | 'NOT_ALLOWED';

function parseTime(value: string, field: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw ValidationError.single(field, `${JSON.stringify(value)} is not an ISO 8601 time`);
  return ms;
}

/** The status as of `now`: an open order (AUTHORIZED, PART_CAPTURED) past `expires_at` is EXPIRED. */
export function effectiveOrderStatus(order: Pick<OrderState, 'status' | 'expires_at'>, now: Date): OrderStatus {
  if (order.status !== 'AUTHORIZED' && order.status !== 'PART_CAPTURED') return order.status;
  return parseTime(order.expires_at, 'expires_at') <= now.getTime() ? 'EXPIRED' : order.status;
}

function money(order: OrderState, minor: number): string {
  const currency = order.purchase_currency;
  if (currency !== undefined && isSupportedCurrency(currency)) {
    return formatMoney(minor, currency);
  }
  return `${minor} (minor units)`;
}

const STATUS_WORDS: Record<OrderStatus, string> = {
  AUTHORIZED: 'authorized',
  PART_CAPTURED: 'partly captured',
  CAPTURED: 'fully captured',
  CANCELLED: 'cancelled',
  EXPIRED: 'expired',
  CLOSED: 'closed',
};

interface Refusal {
  code: OrderErrorCode;
  message: string;
}

function refundable(order: OrderState): number {
  return order.captured_amount - order.refunded_amount;
}

/** What the order allows next, in words, for the end of a refusal message. */
function possibleText(order: OrderState, now: Date): string {
  const ops = allowedOrderOperations(order, now);
  if (ops.length === 0) return 'Nothing further can be done with this order.';
  const parts = ops.map((op) => {
    if (op === 'capture') return `capture up to ${money(order, order.remaining_authorized_amount)}`;
    if (op === 'refund') return `refund up to ${money(order, refundable(order))}`;
    if (op === 'release') return 'release the remaining authorization';
    if (op === 'extend') return 'extend the authorization';
    return 'cancel it';
  });
  return `You can ${parts.join(', ')}.`;
}

function captureRefusal(order: OrderState, now: Date, amount?: number): Refusal | null {
  const status = effectiveOrderStatus(order, now);
  const head = `order ${order.order_id} is ${STATUS_WORDS[status]}`;
  if (status !== 'AUTHORIZED' && status !== 'PART_CAPTURED') {
    return { code: 'CAPTURE_NOT_ALLOWED', message: `${head}; nothing can be captured.` };
  }
  if (order.remaining_authorized_amount <= 0) {
    return { code: 'CAPTURE_NOT_ALLOWED', message: `${head} but nothing remains authorized to capture.` };
  }
  if (amount !== undefined && amount > order.remaining_authorized_amount) {
    return {
      code: 'CAPTURE_NOT_ALLOWED',
      message: `cannot capture ${money(order, amount)} on order ${order.order_id}; only ${money(order, order.remaining_authorized_amount)} remains authorized.`,
    };
  }
  return null;
}

function refundRefusal(order: OrderState, now: Date, amount?: number): Refusal | null {
  const status = effectiveOrderStatus(order, now);
  const head = `order ${order.order_id} is ${STATUS_WORDS[status]}`;
  if (status === 'CANCELLED') return { code: 'REFUND_NOT_ALLOWED', message: `${head}; nothing was captured, so nothing can be refunded.` };
  if (order.captured_amount <= 0) {
    return { code: 'REFUND_NOT_ALLOWED', message: `${head} and has no captures; only captured money can be refunded.` };
  }
  if (refundable(order) <= 0) {
    return { code: 'REFUND_NOT_ALLOWED', message: `${head}; everything captured (${money(order, order.captured_amount)}) has already been refunded.` };
  }
  if (amount !== undefined && amount > refundable(order)) {
    return {
      code: 'REFUND_NOT_ALLOWED',
      message: `cannot refund ${money(order, amount)} on order ${order.order_id}; only ${money(order, refundable(order))} can be refunded (captured ${money(order, order.captured_amount)}, already refunded ${money(order, order.refunded_amount)}).`,
    };
  }
  return null;
}

function cancelRefusal(order: OrderState, now: Date): Refusal | null {
  const status = effectiveOrderStatus(order, now);
  const head = `order ${order.order_id} is ${STATUS_WORDS[status]}`;
  if (status === 'CANCELLED') return { code: 'CANCEL_NOT_ALLOWED', message: `${head} already.` };
  if (status === 'AUTHORIZED' && order.captured_amount === 0) return null;
  if (status === 'AUTHORIZED' || status === 'PART_CAPTURED') {
    return {
      code: 'CANCEL_NOT_ALLOWED',
      message: `${head} and has captures, so it cannot be cancelled; release the remaining authorization instead.`,
    };
  }
  return { code: 'CANCEL_NOT_ALLOWED', message: `${head}; it cannot be cancelled.` };
}

function releaseRefusal(order: OrderState, now: Date): Refusal | null {
  const status = effectiveOrderStatus(order, now);
  const head = `order ${order.order_id} is ${STATUS_WORDS[status]}`;
  if (status === 'PART_CAPTURED') return null;
  if (status === 'AUTHORIZED') {
    return { code: 'NOT_ALLOWED', message: `${head} and has no captures, so there is nothing to release; cancel the order instead.` };
  }
  return { code: 'NOT_ALLOWED', message: `${head}; only a partly captured order has a remaining authorization to release.` };
}

function extensionTarget(order: OrderState, now: Date): { refusal: Refusal | null; expiresAt: Date } {
  const status = effectiveOrderStatus(order, now);
  const head = `order ${order.order_id} is ${STATUS_WORDS[status]}`;
  const created = parseTime(order.created_at, 'created_at');
  const current = parseTime(order.expires_at, 'expires_at');
  const cap = created + MAX_AUTHORIZATION_DAYS * DAY_MS;
  const target = new Date(Math.min(now.getTime() + AUTHORIZATION_DAYS * DAY_MS, cap));
  const refuse = (message: string): { refusal: Refusal; expiresAt: Date } => ({
    refusal: { code: 'NOT_ALLOWED', message },
    expiresAt: target,
  });
  if (status !== 'AUTHORIZED' && status !== 'PART_CAPTURED') {
    return refuse(`${head}; only an open (authorized or partly captured) order can have its authorization extended.`);
  }
  if (created < Date.parse(EXTENSION_MIN_CREATED_AT)) {
    return refuse(`order ${order.order_id} was created before 2025-09-25; Kustom only extends newer orders.`);
  }
  const country = order.purchase_country?.trim().toUpperCase();
  if (country !== undefined && EXTENSION_EXCLUDED_COUNTRIES.includes(country)) {
    return refuse(`order ${order.order_id} is a purchase in ${country}; Kustom does not extend authorizations in ES, FR, IT or PT.`);
  }
  if (target.getTime() <= current) {
    return refuse(
      `order ${order.order_id} already expires at ${new Date(current).toISOString()}; an extension (now + ${AUTHORIZATION_DAYS} days, at most ${MAX_AUTHORIZATION_DAYS} days after purchase) would not move it later.`,
    );
  }
  return { refusal: null, expiresAt: target };
}

function assertAmount(amount: number, field: string): void {
  if (!Number.isSafeInteger(amount) || amount < 1) {
    throw ValidationError.single(field, `must be a whole number of minor units ≥ 1; got ${String(amount)}`);
  }
  if (amount > MAX_OPERATION_AMOUNT) {
    throw ValidationError.single(field, `${amount} exceeds the per-operation maximum of 200 000 000 minor units`);
  }
}

function raise(order: OrderState, now: Date, refusal: Refusal, operation: OrderOperation): never {
  throw new StateConflictError(`${refusal.message} ${possibleText(order, now)}`, {
    details: {
      errorCode: refusal.code,
      orderId: order.order_id,
      status: effectiveOrderStatus(order, now),
      operation,
      allowed: allowedOrderOperations(order, now),
    },
  });
}

/** Throws unless `amount` (minor units, ≥ 1) can be captured now. */
export function checkCapture(order: OrderState, amount: number, now: Date): void {
  assertAmount(amount, 'amount');
  const refusal = captureRefusal(order, now, amount);
  if (refusal) raise(order, now, refusal, 'capture');
}

/** Throws unless `amount` (minor units, ≥ 1) ≤ captured − refunded and the order is not cancelled. */
export function checkRefund(order: OrderState, amount: number, now: Date): void {
  assertAmount(amount, 'amount');
  const refusal = refundRefusal(order, now, amount);
  if (refusal) raise(order, now, refusal, 'refund');
}

/** Throws unless the order is AUTHORIZED with nothing captured (cancel always covers the whole order). */
export function checkCancel(order: OrderState, now: Date): void {
  const refusal = cancelRefusal(order, now);
  if (refusal) raise(order, now, refusal, 'cancel');
}

/** Throws unless the order is PART_CAPTURED (and not expired). */
export function checkRelease(order: OrderState, now: Date): void {
  const refusal = releaseRefusal(order, now);
  if (refusal) raise(order, now, refusal, 'release');
}

/** Throws unless the authorization can be extended; returns the new expiry. */
export function checkExtend(order: OrderState, now: Date): Date {
  const { refusal, expiresAt } = extensionTarget(order, now);
  if (refusal) raise(order, now, refusal, 'extend');
  return expiresAt;
}

/** Operations the order allows as of `now`, in a stable order. */
export function allowedOrderOperations(order: OrderState, now: Date): OrderOperation[] {
  const ops: OrderOperation[] = [];
  if (!captureRefusal(order, now)) ops.push('capture');
  if (!refundRefusal(order, now)) ops.push('refund');
  if (!cancelRefusal(order, now)) ops.push('cancel');
  if (!releaseRefusal(order, now)) ops.push('release');
  if (!extensionTarget(order, now).refusal) ops.push('extend');
  return ops;
}

/** The order after capturing `amount`: CAPTURED when nothing remains, else PART_CAPTURED. */
export function applyCapture(order: OrderState, amount: number, now: Date): OrderState {
  checkCapture(order, amount, now);
  const remaining = order.remaining_authorized_amount - amount;
  return {
    ...order,
    status: remaining === 0 ? 'CAPTURED' : 'PART_CAPTURED',
    captured_amount: order.captured_amount + amount,
    remaining_authorized_amount: remaining,
    captures_count: (order.captures_count ?? 0) + 1,
  };
}

/** The order after refunding `amount`: a CAPTURED order refunded in full becomes CLOSED. */
export function applyRefund(order: OrderState, amount: number, now: Date): OrderState {
  checkRefund(order, amount, now);
  const status = effectiveOrderStatus(order, now);
  const refunded = order.refunded_amount + amount;
  const closes = status === 'CAPTURED' && refunded === order.captured_amount;
  return { ...order, status: closes ? 'CLOSED' : status, refunded_amount: refunded };
}

/** The order after cancelling: CANCELLED, nothing left to capture. */
export function applyCancel(order: OrderState, now: Date): OrderState {
  checkCancel(order, now);
  return { ...order, status: 'CANCELLED', remaining_authorized_amount: 0 };
}

/** The order after releasing the remaining authorization: CAPTURED (CLOSED if all captured money was refunded). */
export function applyRelease(order: OrderState, now: Date): OrderState {
  checkRelease(order, now);
  const status: OrderStatus = order.refunded_amount >= order.captured_amount ? 'CLOSED' : 'CAPTURED';
  return { ...order, status, remaining_authorized_amount: 0 };
}

/** The order after extending its authorization (new `expires_at`). */
export function applyExtend(order: OrderState, now: Date): OrderState {
  const expiresAt = checkExtend(order, now);
  return { ...order, status: effectiveOrderStatus(order, now), expires_at: expiresAt.toISOString() };
}
