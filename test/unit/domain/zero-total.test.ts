import { describe, expect, it } from 'vitest';
import { zeroTotalIssue } from '../../../src/domain/link-request.js';

describe('a link total of 0', () => {
  it('names the totals that make it 0', () => {
    expect(zeroTotalIssue({ order_amount: 0, purchase_currency: 'SEK', order_lines: [{ total_amount: 5000 }, { total_amount: -5000 }] })?.rule).toBe(
      'the total is 0.00 SEK (lines 50.00 SEK, discounts −50.00 SEK); there is nothing to pay',
    );
    expect(zeroTotalIssue({ order_amount: 0, purchase_currency: 'EUR', order_lines: [{ total_amount: 0 }] })?.rule).toContain('lines 0.00 EUR');
  });

  it('says nothing of a total above 0', () => {
    expect(zeroTotalIssue({ order_amount: 1, purchase_currency: 'SEK', order_lines: [{ total_amount: 1 }] })).toBeUndefined();
  });
});
