/**
 * An order's history. Kustom timestamps creation, captures and refunds; cancel, release, extension and
 * shipping info carry no time, so those come from the ledger when done through this tool.
 */
import type { Order, OrderEvent } from '../../../domain/model/order.js';

export function buildTimeline(order: Order, ledgerEvents: OrderEvent[]): OrderEvent[] {
  const events: OrderEvent[] = [{ at: order.created_at, type: 'created', amount: order.original_order_amount, detail: 'order authorized' }];
  for (const c of order.captures) {
    events.push({ at: c.captured_at, type: 'captured', amount: c.captured_amount, detail: c.description ?? c.reference ?? `capture ${c.capture_id}` });
  }
  for (const r of order.refunds) {
    events.push({ at: r.refunded_at, type: 'refunded', amount: r.refunded_amount, detail: r.description ?? r.reference ?? `refund ${r.refund_id}` });
  }
  events.push(...ledgerEvents);
  if (order.status === 'EXPIRED' && !ledgerEvents.some((e) => e.type === 'expired')) {
    events.push({ at: order.expires_at, type: 'expired', amount: null, detail: 'authorization expired' });
  }
  return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
