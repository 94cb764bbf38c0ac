import { describe, expect, it } from 'vitest';
import { kustomOrderLine } from '../../../src/backends/kustom/order-line-json.js';
import type { OrderLine } from '../../../src/domain/order-lines.js';

const line: OrderLine = { type: 'physical', reference: 'SKU-1', name: 'Tee', quantity: 1, unit_price: 10000, tax_rate: 2500, total_discount_amount: 0, total_amount: 10000, total_tax_amount: 2000 };

describe('kustomOrderLine', () => {
  it('omits the reference of a line that has none (no "reference": "")', () => {
    const out = kustomOrderLine({ ...line, reference: '' });
    expect(out).not.toHaveProperty('reference');
    expect(JSON.stringify(out)).not.toContain('"reference"');
  });

  it('sends a reference that is set, and every amount', () => {
    expect(kustomOrderLine(line)).toMatchObject({ reference: 'SKU-1', total_amount: 10000, total_tax_amount: 2000 });
  });
});
