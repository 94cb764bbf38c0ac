import { describe, expect, it } from 'vitest';
import { lineProgress, selectLines } from '../../../src/domain/order-line-selection.js';
import type { OrderLine } from '../../../src/domain/order-lines.js';

const line = (name: string, reference: string, quantity: number, total: number): OrderLine =>
  ({ type: 'physical', name, reference, quantity, unit_price: total / quantity, tax_rate: 2500, total_amount: total, total_tax_amount: total / 5, total_discount_amount: 0 });

describe('selecting a line by its name', () => {
  const lines = [line('Wool sweater', '', 2, 20000), line('Cap', '', 1, 5000), line('Sock', '', 1, 1000), line('Sock', '', 1, 1000)];
  const none = () => ({ quantity: 0, amount: 0 });
  const all = (l: OrderLine) => ({ quantity: l.quantity, amount: l.total_amount });

  it('a unique name selects its line when no reference matches', () => {
    const chosen = selectLines(lines, [{ reference: 'Wool sweater', quantity: 1 }], none, all, 'capture');
    expect(chosen.amount).toBe(10000);
    expect(chosen.order_lines[0]?.name).toBe('Wool sweater');
  });

  it('a name two lines share is refused; an unknown one lists the lines by reference or name', () => {
    expect(() => selectLines(lines, [{ reference: 'Sock' }], none, all, 'capture')).toThrow(/2 lines have this name/);
    expect(() => selectLines(lines, [{ reference: 'Hat' }], none, all, 'capture')).toThrow(/the order has: "Wool sweater", "Cap"/);
  });

  it('progress of lines without references is counted per line, not pooled', () => {
    const captured = [[{ ...line('Wool sweater', '', 1, 10000) }]];
    const progress = lineProgress(lines.slice(0, 2), captured, []);
    expect(progress.map((p) => [p.name, p.captured_quantity])).toEqual([
      ['Wool sweater', 1],
      ['Cap', 0],
    ]);
  });
});
