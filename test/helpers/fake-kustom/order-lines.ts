/** The Checkout order-line arithmetic of reference §2.4.1, as the fake server enforces it. */

type Line = Record<string, unknown>;

function int(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** Returns BAD_VALUE messages naming each broken field (empty when the order adds up). */
export function checkOrderArithmetic(order: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const lines = Array.isArray(order.order_lines) ? (order.order_lines as Line[]) : [];
  let sumTotal = 0;
  let sumTax = 0;
  lines.forEach((line, i) => {
    const quantity = int(line.quantity);
    const unitPrice = int(line.unit_price);
    const discount = int(line.total_discount_amount);
    const total = int(line.total_amount);
    const tax = int(line.total_tax_amount);
    const rate = int(line.tax_rate);
    if (total !== quantity * unitPrice - discount) {
      problems.push(`Bad value: order_lines[${i}].total_amount (expected ${quantity * unitPrice - discount})`);
    }
    const expectedTax = total - (total * 10000) / (10000 + rate);
    if (Math.abs(tax - expectedTax) > 1) {
      problems.push(`Bad value: order_lines[${i}].total_tax_amount (expected about ${Math.round(expectedTax)})`);
    }
    if (line.type === 'discount' && (unitPrice > 0 || total > 0 || tax > 0)) {
      problems.push(`Bad value: order_lines[${i}].unit_price (discount lines must be negative)`);
    }
    sumTotal += total;
    sumTax += tax;
  });
  if (int(order.order_amount) !== sumTotal) problems.push(`Bad value: order_amount (expected ${sumTotal})`);
  if (int(order.order_tax_amount) !== sumTax) problems.push(`Bad value: order_tax_amount (expected ${sumTax})`);
  return problems;
}
