import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyRate, captureTransactions, refundTransactions } from '../../../src/domain/settlement-fees.js';
import { lastCutoffAtOrBefore, nextCutoffAfter } from '../../../src/domain/settlement-schedule.js';
import { payoutTotals, settlementFromTotals, type TypeSums } from '../../../src/domain/settlement-totals.js';
import { neutralizeText, parseColumns, parseDialect, parseAmountUnit, rowFormatter, DEFAULT_COLUMNS } from '../../../src/domain/settlement-csv.js';
import { reportRange, optionalRange, MAX_REPORT_DAYS } from '../../../src/domain/settlement-range.js';
import type { SettlementTransaction } from '../../../src/domain/settlement-types.js';

describe('settlement schedule (23:59 CET = 22:59Z)', () => {
  it('daily: the next cutoff after a time, and a time exactly at the cutoff belongs to the next day', () => {
    expect(nextCutoffAfter(new Date('2026-03-10T12:00:00Z'), 'daily').toISOString()).toBe('2026-03-10T22:59:00.000Z');
    expect(nextCutoffAfter(new Date('2026-03-10T22:59:00Z'), 'daily').toISOString()).toBe('2026-03-11T22:59:00.000Z');
    expect(nextCutoffAfter(new Date('2026-03-10T23:30:00Z'), 'daily').toISOString()).toBe('2026-03-11T22:59:00.000Z');
    expect(lastCutoffAtOrBefore(new Date('2026-03-10T22:58:59Z'), 'daily').toISOString()).toBe('2026-03-09T22:59:00.000Z');
    expect(lastCutoffAtOrBefore(new Date('2026-03-10T22:59:00Z'), 'daily').toISOString()).toBe('2026-03-10T22:59:00.000Z');
  });

  it('weekly: Sundays at 23:59 CET', () => {
    // 2026-03-11 is a Wednesday; the following Sunday is 2026-03-15.
    expect(nextCutoffAfter(new Date('2026-03-11T10:00:00Z'), 'weekly').toISOString()).toBe('2026-03-15T22:59:00.000Z');
    expect(lastCutoffAtOrBefore(new Date('2026-03-11T10:00:00Z'), 'weekly').toISOString()).toBe('2026-03-08T22:59:00.000Z');
  });

  it('every time lies after the last cutoff and before the next', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }), fc.constantFrom('daily' as const, 'weekly' as const), (ms, schedule) => {
        const t = new Date(ms);
        const last = lastCutoffAtOrBefore(t, schedule).getTime();
        const next = nextCutoffAfter(t, schedule).getTime();
        expect(last).toBeLessThanOrEqual(ms);
        expect(next).toBeGreaterThan(ms);
        expect(next - last).toBeLessThanOrEqual(schedule === 'daily' ? 86_400_000 : 7 * 86_400_000);
      }),
    );
  });
});

describe('fees and transactions', () => {
  it('rounds rates half away from zero, in integers', () => {
    expect(applyRate(100_000, 249)).toBe(2490);
    expect(applyRate(2690, 2500)).toBe(673);
    expect(applyRate(-2690, 2500)).toBe(-673);
    expect(applyRate(1, 249)).toBe(0);
  });

  it('a capture: SALE, percentage and fixed FEE, VAT on fees as TAX', () => {
    expect(captureTransactions(100_000, 'SEK', 'SE').map((r) => [r.type, r.detailed_type, r.amount])).toEqual([
      ['SALE', 'PURCHASE', 100_000],
      ['FEE', 'PURCHASE_FEE_PERCENTAGE', -2490],
      ['FEE', 'PURCHASE_FEE_FIXED', -200],
      ['TAX', 'PERCENTAGE_FEES', -673],
    ]);
  });

  it('a refund: RETURN negative, FEE_REFUND and its VAT positive', () => {
    expect(refundTransactions(10_000, 'DE').map((r) => [r.type, r.amount])).toEqual([
      ['RETURN', -10_000],
      ['FEE_REFUND', 249],
      ['TAX', 47],
    ]);
  });

  it('totals from any transactions satisfy the settlement formula and equal the signed sum', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 10_000_000 }), fc.boolean())), (moves) => {
        const rows = moves.flatMap(([amount, isRefund]) => (isRefund ? refundTransactions(amount, 'SE') : captureTransactions(amount, 'SEK', 'SE')));
        const sums = new Map<string, TypeSums>();
        for (const r of rows) {
          const s = sums.get(r.type) ?? { type: r.type, positive: 0, negative: 0 };
          if (r.amount >= 0) s.positive += r.amount;
          else s.negative += r.amount;
          sums.set(r.type, s);
        }
        const totals = payoutTotals([...sums.values()]);
        expect(totals.settlement_amount).toBe(rows.reduce((s, r) => s + r.amount, 0));
        expect(settlementFromTotals(totals)).toBe(totals.settlement_amount);
      }),
    );
  });
});

const tx = (over: Partial<SettlementTransaction> = {}): SettlementTransaction => ({
  amount: -123456,
  type: 'RETURN',
  detailed_type: 'PURCHASE_RETURN',
  sale_date: '2026-03-01T10:15:00.000Z',
  capture_date: '2026-03-02T11:00:00.000Z',
  order_id: 'o-1',
  short_order_id: 'KABC123',
  capture_id: null,
  refund_id: 'r-1',
  payment_reference: 'REF',
  merchant_reference1: '=HYPERLINK("http://evil")',
  merchant_reference2: null,
  merchant_capture_reference: null,
  merchant_refund_reference: null,
  currency_code: 'SEK',
  purchase_country: 'SE',
  shipping_country: null,
  vat_rate: 2500,
  vat_amount: -31,
  ...over,
});

describe('settlement CSV cells', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('neutralises a text cell starting with %j', (text) => {
    expect(neutralizeText(text)).toBe(`'${text}`);
  });

  it('leaves ordinary text alone', () => {
    expect(neutralizeText('ORD-1')).toBe('ORD-1');
    expect(neutralizeText('')).toBe('');
  });

  it('formats amounts per dialect and unit, never grouping, never touching numeric columns', () => {
    const cols = parseColumns('amount,tax_rate,tax_amount,merchant_reference1,capture_date');
    expect(rowFormatter(cols, 'rfc4180', 'major')(tx())).toEqual(['-1234.56', '25.00', '-0.31', `'=HYPERLINK("http://evil")`, '2026-03-02T11:00:00.000Z']);
    expect(rowFormatter(cols, 'excel-eu', 'major')(tx())).toEqual(['-1234,56', '25,00', '-0,31', `'=HYPERLINK("http://evil")`, '2026-03-02 11:00:00']);
    expect(rowFormatter(cols, 'excel', 'minor')(tx())[0]).toBe('-123456');
  });

  it('parses columns, dialects and units, naming the flag on error', () => {
    expect(parseColumns(undefined)).toEqual(DEFAULT_COLUMNS);
    expect(() => parseColumns('amount,nope')).toThrow(/--columns: unknown column "nope"/);
    expect(() => parseColumns('amount,amount')).toThrow(/listed twice/);
    expect(() => parseColumns(' , ')).toThrow(/at least one/);
    expect(parseDialect('excel-eu')).toBe('excel-eu');
    expect(() => parseDialect('tsv')).toThrow(/--dialect/);
    expect(parseAmountUnit('minor')).toBe('minor');
    expect(() => parseAmountUnit('cents')).toThrow(/--amounts/);
  });
});

describe('report ranges', () => {
  it('accepts up to 32 days inclusive and refuses 33 naming the limit', () => {
    expect(reportRange('2026-01-01', '2026-02-01').days).toBe(MAX_REPORT_DAYS);
    expect(() => reportRange('2026-01-01', '2026-02-02')).toThrow(/33 days; a settlement report covers at most 32 days/);
  });

  it('a month is its calendar days', () => {
    expect(reportRange(undefined, undefined, '2026-02')).toEqual({ start: '2026-02-01T00:00:00.000Z', end: '2026-02-28T23:59:59.999Z', days: 28 });
    expect(() => reportRange(undefined, undefined, '2026-13')).toThrow(/--month/);
    expect(() => reportRange('2026-01-01', undefined, '2026-01')).toThrow(/not both/);
  });

  it('rejects bad dates and reversed ranges', () => {
    expect(() => reportRange('2026-02-30', '2026-03-01')).toThrow(/--from: "2026-02-30" is not a date/);
    expect(() => reportRange('2026-03-02', '2026-03-01')).toThrow(/before/);
    expect(() => reportRange('2026-03-01', undefined)).toThrow(/both --from and --to/);
    expect(optionalRange(undefined, '2026-03-01')).toEqual({ end: '2026-03-01T23:59:59.999Z' });
  });
});
