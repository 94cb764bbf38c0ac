import { describe, expect, it } from 'vitest';
import { reconcilePayout, type LedgerEntry } from '../../../src/domain/reconcile.js';
import { ledgerEntries } from '../../../src/domain/ledger-csv.js';
import { detectDelimiter } from '../../../src/infra/csv-read.js';
import type { SettlementTransaction } from '../../../src/domain/settlement-types.js';

const base: Omit<SettlementTransaction, 'type' | 'amount' | 'order_id'> = {
  detailed_type: null, sale_date: '2026-03-01T00:00:00Z', capture_date: '2026-03-01T00:00:00Z', short_order_id: null, capture_id: null,
  refund_id: null, payment_reference: 'P', merchant_reference1: null, merchant_reference2: null, merchant_capture_reference: null,
  merchant_refund_reference: null, currency_code: 'SEK', purchase_country: 'SE', shipping_country: null, vat_rate: null, vat_amount: null,
};
const t = (type: SettlementTransaction['type'], amount: number, order_id: string, over: Partial<SettlementTransaction> = {}): SettlementTransaction => ({ ...base, type, amount, order_id, ...over });
const entry = (line: number, over: Partial<LedgerEntry>): LedgerEntry => ({ line, order_id: null, merchant_reference: null, capture_reference: null, amount: 0, ...over });

describe('reconcilePayout', () => {
  const txs = [
    t('SALE', 10_000, 'o1', { merchant_reference1: 'ORD-1', merchant_capture_reference: 'CAP-1' }),
    t('FEE', -300, 'o1'),
    t('SALE', 5_000, 'o2', { merchant_reference1: 'ORD-2' }),
    t('RETURN', -1_000, 'o2'),
    t('FEE', -150, 'o2'),
    t('SALE', 7_000, 'o3', { merchant_reference1: 'ORD-3' }),
    t('FEE', -200, 'o3'),
    t('CORRECTION', -50, 'o4'),
  ];
  const settlement = txs.reduce((s, x) => s + x.amount, 0);

  it('classifies matched, mismatch, missing both ways and fee-only, with totals that add up', () => {
    const report = reconcilePayout(settlement, txs, [
      entry(1, { capture_reference: 'CAP-1', amount: 10_000 }),
      entry(2, { merchant_reference: 'ORD-2', amount: 5_000 }),
      entry(3, { order_id: 'o9', amount: 999 }),
    ]);
    expect(report.matched.map((r) => [r.order_id, r.matched_by])).toEqual([['o1', 'capture_reference']]);
    expect(report.amount_mismatch.map((r) => [r.order_id, r.payout_amount, r.ledger_amount, r.difference])).toEqual([['o2', 4_000, 5_000, -1_000]]);
    expect(report.missing_in_ledger.map((r) => r.order_id)).toEqual(['o3']);
    expect(report.missing_in_payout.map((e) => e.line)).toEqual([3]);
    expect(report.fee_only).toEqual([{ order_id: 'o4', fee_amount: -50 }]);
    expect(report.totals.fee_amount).toBe(-700);
    expect(report.totals.adds_up).toBe(true);
    expect(report.totals.matched_amount + report.totals.mismatch_payout_amount + report.totals.missing_in_ledger_amount + report.totals.fee_amount).toBe(settlement);
  });

  it('adds up several ledger rows for one order', () => {
    const report = reconcilePayout(settlement, txs, [entry(1, { order_id: 'o2', amount: 5_000 }), entry(2, { order_id: 'o2', amount: -1_000 })]);
    expect(report.matched.map((r) => [r.order_id, r.ledger_lines])).toEqual([['o2', [1, 2]]]);
  });
});

describe('ledger CSV', () => {
  it('detects the delimiter from the header line', () => {
    expect(detectDelimiter('\uFEFForder_id;amount\n1;2,50')).toBe(';');
    expect(detectDelimiter('order_id,amount\n')).toBe(',');
    expect(detectDelimiter('order_id\tamount\n')).toBe('\t');
  });

  it('reads decimal comma or point amounts, and minor units, by header name', () => {
    expect(ledgerEntries([['Amount', 'Merchant_Reference'], ['12,50', 'ORD-1'], ['-3.00', 'ORD-2']], 'SEK', 'l.csv').map((e) => [e.merchant_reference, e.amount])).toEqual([
      ['ORD-1', 1250],
      ['ORD-2', -300],
    ]);
    expect(ledgerEntries([['order_id', 'amount_minor'], ['o1', '1250']], 'SEK', 'l.csv')[0]?.amount).toBe(1250);
  });

  it('names the file, line and rule for every problem', () => {
    expect(() => ledgerEntries([['foo', 'bar']], 'SEK', 'l.csv')).toThrow(/l.csv header: needs an order_id/);
    expect(() => ledgerEntries([['order_id', 'amount'], ['o1', '1,234.50'], ['', '1']], 'SEK', 'l.csv')).toThrow(/l.csv line 1 amount.*\n.*l.csv line 2: has no order_id/s);
  });
});
