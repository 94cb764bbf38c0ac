/**
 * Lazy settlement: before any settlements read, the sandbox settles every store up to its clock, the way
 * Kustom's nightly run would have. Per store, captures and refunds not yet settled whose time is before
 * the store's last cutoff (23:59 CET daily, or Sundays for weekly) become transactions (sale, fees, VAT on
 * fees, returns, fee refunds) grouped into one payout per period and currency.
 *
 * Safe with two processes: it runs in one IMMEDIATE transaction (the second process waits, then finds
 * nothing left to do); payment references are derived from store+currency+cutoff; SALE/RETURN rows are
 * unique per capture/refund. A capture committed late (its time before a cutoff that was already settled)
 * is picked up by the next period rather than lost: the look-back below covers that race.
 */
import type { PayoutSchedule } from '../../../domain/settlement-schedule.js';
import { lastCutoffAtOrBefore, nextCutoffAfter } from '../../../domain/settlement-schedule.js';
import { captureTransactions, refundTransactions, type GeneratedTransaction } from '../../../domain/settlement-fees.js';
import { disputeTransactions } from '../../../domain/dispute-fees.js';
import { payoutTotals, type TypeSums } from '../../../domain/settlement-totals.js';
import type { Db } from '../database.js';
import { paymentReference } from './payment-reference.js';
import { transactionWriter, type Movement } from './transaction-writer.js';

/** How far before the last settled cutoff we look for captures/refunds committed after it was settled. */
const LATE_LOOKBACK_MS = 86_400_000;

interface StoreRow {
  id: string;
  purchase_country: string;
  payout_schedule: PayoutSchedule;
  settled_through: string | null;
}

const MOVEMENT_COLUMNS = `o.order_id, o.created_at AS sale_date, o.klarna_reference AS short_order_id, o.merchant_reference1,
  o.merchant_reference2, o.purchase_currency AS currency_code, o.purchase_country`;

export function settleUpTo(db: Db, now: Date): void {
  const stores = db.prepare<[], StoreRow>(
    `SELECT s.id, s.purchase_country, s.payout_schedule, st.settled_through FROM stores s LEFT JOIN settlement_state st ON st.store_id = s.id`,
  );
  // Cheap check first, outside the write lock: is any store behind its last cutoff?
  const behind = (rows: StoreRow[]) => rows.filter((s) => s.settled_through === null || lastCutoffAtOrBefore(now, s.payout_schedule).toISOString() > s.settled_through);
  if (behind(stores.all()).length === 0) return;
  db.transaction(() => {
    for (const store of behind(stores.all())) settleStore(db, store, lastCutoffAtOrBefore(now, store.payout_schedule));
  }).immediate();
}

function settleStore(db: Db, store: StoreRow, cutoff: Date): void {
  const until = cutoff.toISOString();
  const from = store.settled_through === null ? '' : new Date(Date.parse(store.settled_through) - LATE_LOOKBACK_MS).toISOString();
  const captures = db
    .prepare<[string, string, string], Omit<Movement, 'kind'>>(
      `SELECT c.capture_id AS id, c.captured_at AS at, c.captured_amount AS amount, c.reference, ${MOVEMENT_COLUMNS}
       FROM captures c JOIN orders o ON o.order_id = c.order_id
       WHERE o.store_id = ? AND c.captured_at >= ? AND c.captured_at < ?
         AND NOT EXISTS (SELECT 1 FROM settlement_transactions t WHERE t.capture_id = c.capture_id AND t.type = 'SALE')`,
    )
    .all(store.id, from, until);
  const refunds = db
    .prepare<[string, string, string], Omit<Movement, 'kind'>>(
      `SELECT r.refund_id AS id, r.refunded_at AS at, r.refunded_amount AS amount, r.reference, ${MOVEMENT_COLUMNS}
       FROM refunds r JOIN orders o ON o.order_id = r.order_id
       WHERE o.store_id = ? AND r.refunded_at >= ? AND r.refunded_at < ?
         AND NOT EXISTS (SELECT 1 FROM settlement_transactions t WHERE t.refund_id = r.refund_id AND t.type = 'RETURN')`,
    )
    .all(store.id, from, until);

  // A dispute is settled once: its row remembers the payout it went into.
  const disputes = db
    .prepare<[string, string], Omit<Movement, 'kind'> & { state: 'lost' | 'accepted' }>(
      `SELECT d.dispute_id AS id, d.decided_at AS at, d.amount, NULL AS reference, d.state, ${MOVEMENT_COLUMNS}
       FROM disputes d JOIN orders o ON o.order_id = d.order_id
       WHERE d.store_id = ? AND d.settled_in IS NULL AND d.state IN ('lost', 'accepted') AND d.decided_at < ?`,
    )
    .all(store.id, until);

  // Group into periods: a movement belongs to the first cutoff after it (or after the last settled
  // cutoff, for a late one), per currency.
  const floor = store.settled_through === null ? 0 : Date.parse(store.settled_through);
  const groups = new Map<string, { currency: string; payoutDate: string; items: { m: Movement; rows: GeneratedTransaction[] }[] }>();
  const add = (m: Movement, rows: GeneratedTransaction[]) => {
    const payoutDate = nextCutoffAfter(new Date(Math.max(Date.parse(m.at), floor)), store.payout_schedule).toISOString();
    const key = `${m.currency_code}|${payoutDate}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { currency: m.currency_code, payoutDate, items: [] }));
    group.items.push({ m, rows });
  };
  for (const c of captures) add({ ...c, kind: 'capture' }, captureTransactions(c.amount, c.currency_code, store.purchase_country));
  for (const r of refunds) add({ ...r, kind: 'refund' }, refundTransactions(r.amount, store.purchase_country));
  for (const { state, ...d } of disputes) add({ ...d, kind: 'dispute' }, disputeTransactions(d.amount, d.currency_code, store.purchase_country, state));

  const markSettled = db.prepare(`UPDATE disputes SET settled_in = ? WHERE dispute_id = ?`);
  const writer = transactionWriter(db);
  for (const group of groups.values()) {
    const reference = paymentReference(store.id, group.currency, group.payoutDate);
    // Movements in time order, so a payout's transactions read like its day.
    group.items.sort((a, b) => (a.m.at < b.m.at ? -1 : a.m.at > b.m.at ? 1 : 0));
    const sums = new Map<string, TypeSums>();
    let count = 0;
    for (const { rows } of group.items) {
      for (const r of rows) {
        const s = sums.get(r.type) ?? { type: r.type, positive: 0, negative: 0 };
        if (r.amount >= 0) s.positive += r.amount;
        else s.negative += r.amount;
        sums.set(r.type, s);
        count++;
      }
    }
    // The payout may exist already (a period seeded in bulk, or a schedule switched back and forth):
    // totals are additive, so adding to it keeps "settlement amount = sum of transactions" exact.
    writer.openPayout({ payment_reference: reference, store_id: store.id, currency_code: group.currency, payout_date: group.payoutDate });
    for (const { m, rows } of group.items) {
      writer.insert(reference, store.id, m, rows);
      if (m.kind === 'dispute') markSettled.run(reference, m.id);
    }
    writer.addToPayout(reference, payoutTotals([...sums.values()]), count);
  }
  db.prepare(
    `INSERT INTO settlement_state (store_id, settled_through) VALUES (?, ?)
     ON CONFLICT (store_id) DO UPDATE SET settled_through = excluded.settled_through`,
  ).run(store.id, until);
}
