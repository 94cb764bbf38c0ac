/**
 * Writes settlement transactions and payouts. Shared by lazy settlement and volume seeding so both
 * produce exactly the same rows for the same capture or refund.
 */
import type { PayoutTotals } from '../../../domain/settlement-types.js';
import type { GeneratedTransaction } from '../../../domain/settlement-fees.js';
import { emptyTotals } from '../../../domain/settlement-totals.js';
import type { Db } from '../database.js';

/**
 * What a capture, refund or dispute contributes, plus the order facts every transaction repeats. A
 * dispute's rows carry its ID where a refund's carry the refund ID (Kustom's reports name the reversal there).
 */
export interface Movement {
  kind: 'capture' | 'refund' | 'dispute';
  id: string;
  at: string;
  amount: number;
  reference: string | null;
  order_id: string;
  sale_date: string;
  short_order_id: string | null;
  merchant_reference1: string | null;
  merchant_reference2: string | null;
  currency_code: string;
  purchase_country: string;
}

export interface TransactionWriter {
  insert(paymentReference: string, storeId: string, movement: Movement, rows: readonly GeneratedTransaction[]): void;
  /** Creates the payout if missing (so transactions can reference it); totals are added by addToPayout. */
  openPayout(p: { payment_reference: string; store_id: string; currency_code: string; payout_date: string }): void;
  /** Adds transactions' totals to the payout: totals are additive, so settling a period in parts stays exact. */
  addToPayout(paymentReference: string, totals: PayoutTotals, transactionCount: number): void;
}

export function transactionWriter(db: Db): TransactionWriter {
  const tx = db.prepare(
    `INSERT INTO settlement_transactions (payment_reference, store_id, type, detailed_type, amount, sale_date, capture_date, order_id,
       short_order_id, capture_id, refund_id, merchant_reference1, merchant_reference2, merchant_capture_reference,
       merchant_refund_reference, currency_code, purchase_country, shipping_country, vat_rate, vat_amount)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const open = db.prepare(
    `INSERT INTO payouts (payment_reference, store_id, currency_code, payout_date, totals, settlement_amount, transaction_count)
     VALUES (?, ?, ?, ?, ?, 0, 0) ON CONFLICT DO NOTHING`,
  );
  const read = db.prepare<[string], { totals: string }>(`SELECT totals FROM payouts WHERE payment_reference = ?`);
  const update = db.prepare(`UPDATE payouts SET totals = ?, settlement_amount = ?, transaction_count = transaction_count + ? WHERE payment_reference = ?`);
  return {
    insert(paymentReference, storeId, m, rows) {
      const isCapture = m.kind === 'capture';
      for (const r of rows) {
        tx.run(
          paymentReference, storeId, r.type, r.detailed_type, r.amount, m.sale_date, m.at, m.order_id, m.short_order_id,
          isCapture && r.carries_capture_id ? m.id : null,
          isCapture ? null : m.id,
          m.merchant_reference1, m.merchant_reference2,
          isCapture ? m.reference : null,
          isCapture ? null : m.reference,
          m.currency_code, m.purchase_country, null, r.vat_rate, r.vat_amount,
        );
      }
    },
    openPayout(p) {
      open.run(p.payment_reference, p.store_id, p.currency_code, p.payout_date, JSON.stringify(emptyTotals()));
    },
    addToPayout(reference, totals, count) {
      const current = JSON.parse(read.get(reference)?.totals ?? '{}') as Record<string, number>;
      const merged = { ...totals } as unknown as Record<string, number>;
      for (const key of Object.keys(merged)) merged[key] = (merged[key] ?? 0) + (current[key] ?? 0);
      update.run(JSON.stringify(merged), merged['settlement_amount'] ?? 0, count, reference);
    },
  };
}
