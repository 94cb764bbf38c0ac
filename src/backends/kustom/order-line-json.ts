/**
 * One order line as Kustom's APIs take it — the Checkout order of a payment link and the capture and refund
 * requests of Order Management accept the same fields: every amount in minor units, optional fields only
 * when set.
 */
import type { OrderLine } from '../../domain/order-lines.js';

export function kustomOrderLine(line: OrderLine): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: line.type,
    // A line without a reference has none: Kustom gets no field rather than an empty string.
    ...(line.reference === '' ? {} : { reference: line.reference }),
    name: line.name,
    quantity: line.quantity,
    unit_price: line.unit_price,
    tax_rate: line.tax_rate,
    total_amount: line.total_amount,
    total_tax_amount: line.total_tax_amount,
  };
  if (line.quantity_unit !== undefined && line.quantity_unit !== '') out.quantity_unit = line.quantity_unit;
  if (line.total_discount_amount > 0) out.total_discount_amount = line.total_discount_amount;
  return out;
}
