/**
 * Turns what the merchant asked for (everything, some lines, or an amount; reference; shipping) into a
 * capture request, checked locally against the order's state and remaining amount before anything is
 * sent. Shared by `orders capture` and bulk capture so both refuse the same things with the same words.
 */
import type { CaptureRequest } from '../../backends/backend.js';
import type { Order, ShippingInfo } from '../../domain/model/order.js';
import { checkCapture } from '../../domain/order-lifecycle.js';
import { lineKey, lineProgress, selectLines, type LineSelection } from '../../domain/order-line-selection.js';
import { MAX_REFERENCE_LENGTH } from '../../domain/order-lines.js';
import { ValidationError } from '../../errors.js';

export interface CaptureIntent {
  /** Minor units; absent with no lines = everything still authorized. */
  amount?: number | undefined;
  lines?: LineSelection[] | undefined;
  reference?: string | undefined;
  description?: string | undefined;
  carrier?: string | undefined;
  trackingNumber?: string | undefined;
  trackingUrl?: string | undefined;
}

export function shippingInfo(intent: CaptureIntent): ShippingInfo[] | undefined {
  if (!intent.carrier && !intent.trackingNumber && !intent.trackingUrl) return undefined;
  return [
    {
      ...(intent.carrier ? { shipping_company: intent.carrier } : {}),
      ...(intent.trackingNumber ? { tracking_number: intent.trackingNumber } : {}),
      ...(intent.trackingUrl ? { tracking_uri: intent.trackingUrl } : {}),
    },
  ];
}

/** Static checks that need no order (so a bulk file can be refused before anything is read). */
export function intentIssues(intent: CaptureIntent, prefix = ''): { field: string; rule: string }[] {
  const issues: { field: string; rule: string }[] = [];
  if (intent.amount !== undefined && intent.lines && intent.lines.length > 0) {
    issues.push({ field: `${prefix}amount`, rule: 'give either an amount or lines, not both' });
  }
  if (intent.reference !== undefined && (intent.reference.trim() === '' || intent.reference.length > MAX_REFERENCE_LENGTH)) {
    issues.push({ field: `${prefix}reference`, rule: `must be 1–${MAX_REFERENCE_LENGTH} characters` });
  }
  if (intent.trackingUrl !== undefined && !/^https?:\/\/\S+$/.test(intent.trackingUrl)) {
    issues.push({ field: `${prefix}tracking_url`, rule: 'must be an http(s) URL' });
  }
  return issues;
}

function openLines(order: Order): { order_lines: CaptureRequest['order_lines']; amount: number } | undefined {
  const progress = lineProgress(order.order_lines, order.captures.map((c) => c.order_lines), []);
  const selections = progress.filter((p) => p.captured_quantity < p.quantity && p.quantity > 0).map((p) => ({ reference: p.reference || p.name }));
  if (selections.length === 0 || new Set(order.order_lines.map(lineKey)).size !== order.order_lines.length) return undefined;
  try {
    return selectLines(
      order.order_lines,
      selections,
      (key) => {
        const p = progress.find((x) => x.key === key);
        return { quantity: p?.captured_quantity ?? 0, amount: p?.captured_amount ?? 0 };
      },
      (line) => ({ quantity: line.quantity, amount: line.total_amount }),
      'capture',
    );
  } catch {
    return undefined;
  }
}

/** Throws ValidationError / StateConflictError (saying what is possible) or returns the request. */
export function buildCaptureRequest(order: Order, intent: CaptureIntent, now: Date): CaptureRequest {
  const issues = intentIssues(intent);
  if (issues.length > 0) throw new ValidationError(issues);
  // State first, so "this order is cancelled" wins over any complaint about amounts or lines.
  checkCapture(order, 1, now);
  let amount = intent.amount ?? order.remaining_authorized_amount;
  let lines: CaptureRequest['order_lines'];
  if (intent.lines && intent.lines.length > 0) {
    const progress = lineProgress(order.order_lines, order.captures.map((c) => c.order_lines), []);
    const chosen = selectLines(
      order.order_lines,
      intent.lines,
      (key) => {
        const p = progress.find((x) => x.key === key);
        return { quantity: p?.captured_quantity ?? 0, amount: p?.captured_amount ?? 0 };
      },
      (line) => ({ quantity: line.quantity, amount: line.total_amount }),
      'capture',
    );
    amount = chosen.amount;
    lines = chosen.order_lines;
  } else if (intent.amount === undefined) {
    // A full capture names the lines still open, so later refunds by line know what was captured.
    const open = openLines(order);
    if (open && open.amount === amount) lines = open.order_lines;
  }
  checkCapture(order, amount, now);
  return {
    captured_amount: amount,
    ...(intent.description ? { description: intent.description } : {}),
    ...(intent.reference ? { reference: intent.reference } : {}),
    ...(lines ? { order_lines: lines } : {}),
    ...(shippingInfo(intent) ? { shipping_info: shippingInfo(intent) } : {}),
  };
}
