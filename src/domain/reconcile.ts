/**
 * Matching a payout's transactions to the merchant's own ledger (pure; the service reads the files).
 *
 * Per order, the payout "sales amount" is the sum of its SALE, RETURN and REVERSAL rows; every other row
 * (FEE, TAX, FEE_REFUND, corrections…) is a fee row, reported in total and never matched. A ledger row
 * names the amount the merchant expects for that order in this payout (captured minus refunded, before
 * fees) and is matched, in this order, by capture reference, then order ID, then merchant reference;
 * several ledger rows for one order are added up. Results: matched, amount_mismatch, missing_in_ledger
 * (in the payout, not in the ledger), missing_in_payout (in the ledger, not in the payout), fee_only
 * (an order with fee rows but no sales rows). The totals add up:
 * matched + mismatch (payout side) + missing_in_ledger + fees = settlement amount.
 */
import type { SettlementTransaction } from './settlement-types.js';

export interface LedgerEntry {
  /** 1-based data line in the ledger file (header excluded), for messages. */
  line: number;
  order_id: string | null;
  merchant_reference: string | null;
  capture_reference: string | null;
  amount: number;
}

export type MatchedBy = 'capture_reference' | 'order_id' | 'merchant_reference';

export interface OrderResult {
  order_id: string;
  merchant_reference1: string | null;
  payout_amount: number;
  ledger_amount: number | null;
  difference: number;
  matched_by: MatchedBy | null;
  ledger_lines: number[];
}

export interface ReconcileReport {
  matched: OrderResult[];
  amount_mismatch: OrderResult[];
  missing_in_ledger: OrderResult[];
  missing_in_payout: LedgerEntry[];
  fee_only: { order_id: string; fee_amount: number }[];
  totals: {
    settlement_amount: number;
    matched_amount: number;
    mismatch_payout_amount: number;
    mismatch_ledger_amount: number;
    missing_in_ledger_amount: number;
    missing_in_payout_amount: number;
    fee_amount: number;
    /** True when matched + mismatch + missing_in_ledger + fees = settlement amount. */
    adds_up: boolean;
  };
}

const SALES_TYPES = new Set(['SALE', 'RETURN', 'REVERSAL', 'REVERSAL_MERCHANT_PROTECTION']);

interface Group {
  order_id: string;
  merchant_reference1: string | null;
  sales: number;
  fees: number;
  hasSales: boolean;
  ledger: LedgerEntry[];
  matchedBy: MatchedBy | null;
}

export function reconcilePayout(settlementAmount: number, transactions: Iterable<SettlementTransaction>, ledger: readonly LedgerEntry[]): ReconcileReport {
  const groups = new Map<string, Group>();
  const byCapture = new Map<string, Group>();
  const byReference = new Map<string, Group>();
  let feeAmount = 0;
  for (const tx of transactions) {
    let g = groups.get(tx.order_id);
    if (!g) {
      g = { order_id: tx.order_id, merchant_reference1: tx.merchant_reference1, sales: 0, fees: 0, hasSales: false, ledger: [], matchedBy: null };
      groups.set(tx.order_id, g);
    }
    if (SALES_TYPES.has(tx.type)) {
      g.sales += tx.amount;
      g.hasSales = true;
    } else {
      g.fees += tx.amount;
      feeAmount += tx.amount;
    }
    if (tx.merchant_capture_reference) byCapture.set(tx.merchant_capture_reference, g);
    if (tx.capture_id) byCapture.set(tx.capture_id, g);
    if (tx.merchant_reference1) byReference.set(tx.merchant_reference1, g);
    if (tx.merchant_reference2) byReference.set(tx.merchant_reference2, g);
  }

  const missingInPayout: LedgerEntry[] = [];
  for (const entry of ledger) {
    const attempts: [MatchedBy, Group | undefined][] = [
      ['capture_reference', entry.capture_reference ? byCapture.get(entry.capture_reference) : undefined],
      ['order_id', entry.order_id ? groups.get(entry.order_id) : undefined],
      ['merchant_reference', entry.merchant_reference ? byReference.get(entry.merchant_reference) : undefined],
    ];
    const hit = attempts.find(([, g]) => g !== undefined && g.hasSales);
    if (!hit || !hit[1]) {
      missingInPayout.push(entry);
      continue;
    }
    hit[1].ledger.push(entry);
    hit[1].matchedBy ??= hit[0];
  }

  const report: ReconcileReport = {
    matched: [], amount_mismatch: [], missing_in_ledger: [], missing_in_payout: missingInPayout, fee_only: [],
    totals: {
      settlement_amount: settlementAmount, matched_amount: 0, mismatch_payout_amount: 0, mismatch_ledger_amount: 0,
      missing_in_ledger_amount: 0, missing_in_payout_amount: missingInPayout.reduce((s, e) => s + e.amount, 0), fee_amount: feeAmount, adds_up: false,
    },
  };
  for (const g of groups.values()) {
    if (!g.hasSales) {
      report.fee_only.push({ order_id: g.order_id, fee_amount: g.fees });
      continue;
    }
    const ledgerAmount = g.ledger.length ? g.ledger.reduce((s, e) => s + e.amount, 0) : null;
    const result: OrderResult = {
      order_id: g.order_id, merchant_reference1: g.merchant_reference1, payout_amount: g.sales, ledger_amount: ledgerAmount,
      difference: g.sales - (ledgerAmount ?? 0), matched_by: g.matchedBy, ledger_lines: g.ledger.map((e) => e.line),
    };
    if (ledgerAmount === null) {
      report.missing_in_ledger.push(result);
      report.totals.missing_in_ledger_amount += g.sales;
    } else if (ledgerAmount === g.sales) {
      report.matched.push(result);
      report.totals.matched_amount += g.sales;
    } else {
      report.amount_mismatch.push(result);
      report.totals.mismatch_payout_amount += g.sales;
      report.totals.mismatch_ledger_amount += ledgerAmount;
    }
  }
  const t = report.totals;
  t.adds_up = t.matched_amount + t.mismatch_payout_amount + t.missing_in_ledger_amount + t.fee_amount === settlementAmount;
  return report;
}
