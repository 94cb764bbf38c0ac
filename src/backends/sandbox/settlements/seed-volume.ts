/**
 * Bulk data for exports and benchmarks: orders, captures, refunds, and the payouts and transactions that
 * lazy settlement would have produced for them — written directly with prepared statements in one
 * transaction (the generic path, one capture at a time, would take minutes for a million rows).
 *
 * Shape: orders spread evenly (with jitter) over the months before the sandbox's now, round-robin over
 * the stores, each in the store's first currency, fully captured at purchase; about 10 % get a refund
 * (half of them partial) 1–14 days later. Rows use the same fee rules and grouping as settle.ts; movements
 * after each store's last cutoff stay unsettled (they make up the balance). Reproducible with a seed.
 */
import { demoCustomer } from '../demo-customers.js';
import { nameWordsWriter } from '../orders/name-words-sql.js';
import { captureTransactions, refundTransactions, type GeneratedTransaction } from '../../../domain/settlement-fees.js';
import { lastCutoffAtOrBefore, nextCutoffAfter, type PayoutSchedule } from '../../../domain/settlement-schedule.js';
import { payoutTotals, type TypeSums } from '../../../domain/settlement-totals.js';
import { lineTaxAmount } from '../../../domain/tax.js';
import type { SeedVolumeOptions, SeedVolumeResult } from '../../types/settlements.js';
import type { Db } from '../database.js';
import { paymentReference } from './payment-reference.js';
import { transactionWriter, type Movement } from './transaction-writer.js';
import { mulberry32 } from '../../../infra/prng.js';

const DAY_MS = 86_400_000;
const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A UUIDv7-shaped ID: time first, so IDs made in time order are inserted at the end of each index
 * instead of at random places (random keys make the seed several times slower).
 */
function uuid(ms: number, rand: () => number): string {
  const time = ms.toString(16).padStart(12, '0');
  const r = () => Math.floor(rand() * 0x10000).toString(16).padStart(4, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${r().slice(1)}-${(0x8000 | Math.floor(rand() * 0x4000)).toString(16)}-${r()}${r()}${r()}`;
}

interface StoreInfo {
  id: string;
  purchase_country: string;
  currencies: string;
  payout_schedule: PayoutSchedule;
}

/** Movements read back from the spool a page at a time: memory stays flat at any volume. */
const SPOOL_PAGE = 2_000;

/** A movement's settlement rows, recomputed from the movement (the fee rules are pure). */
function rowsOf(m: Movement): GeneratedTransaction[] {
  return m.kind === 'capture' ? captureTransactions(m.amount, m.currency_code, m.purchase_country) : refundTransactions(m.amount, m.purchase_country);
}

export function seedVolume(db: Db, now: Date, options: SeedVolumeOptions): SeedVolumeResult {
  const rand = mulberry32(options.seed ?? 20261125);
  const stores = options.store_ids.map((id) => db.prepare<[string], StoreInfo>(`SELECT id, purchase_country, currencies, payout_schedule FROM stores WHERE id = ?`).get(id)).filter((s): s is StoreInfo => s !== undefined);
  const start = new Date(now);
  start.setUTCMonth(start.getUTCMonth() - options.months);
  const span = now.getTime() - start.getTime();
  // ~4 rows per capture, ~3 per refund at a 10 % refund rate: 4.3 rows per order on average.
  const orderCount = Math.max(1, Math.ceil(options.transactions / 4.3));

  const insertOrder = db.prepare(
    `INSERT INTO orders (order_id, store_id, status, purchase_country, purchase_currency, locale, order_amount, original_order_amount,
       captured_amount, refunded_amount, merchant_reference1, merchant_reference2, klarna_reference, order_lines, created_at, expires_at,
       customer_name, customer_email, customer_phone)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // The same timeline rows the live paths write (insert-order.ts, sandbox-orders.ts), so `orders show`
  // and `orders timeline` tell the truth about seeded orders too.
  const insertEvent = db.prepare(`INSERT INTO order_events (order_id, at, type, amount, detail) VALUES (?, ?, ?, ?, ?)`);
  const insertCapture = db.prepare(
    `INSERT INTO captures (capture_id, order_id, captured_amount, captured_at, description, reference, order_lines, refunded_amount)
     VALUES (?, ?, ?, ?, 'seeded', ?, ?, ?)`,
  );
  const insertRefund = db.prepare(
    `INSERT INTO refunds (refund_id, order_id, refunded_amount, refunded_at, description, reference) VALUES (?, ?, ?, ?, 'seeded', ?)`,
  );
  const writeNameWords = nameWordsWriter(db);
  const writer = transactionWriter(db);
  const result: SeedVolumeResult = { orders: 0, captures: 0, refunds: 0, payouts: 0, transactions: 0, pending_movements: 0 };

  // A big page cache keeps the one large transaction in memory instead of spilling pages to the WAL
  // over and over (the difference between ~90 s and a few seconds for a million rows).
  const previousCache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -1048576');
  try {
    db.transaction(() => {
      // Secondary indexes are dropped and rebuilt from their own stored SQL (whatever migration made
      // them): building an index once over sorted data is far cheaper than a million random updates.
      const indexes = db
        .prepare<[], { name: string; sql: string }>(
          `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('orders', 'order_name_words', 'captures', 'refunds', 'settlement_transactions', 'order_events')`,
        )
        .all();
      for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
      seedAll();
      for (const index of indexes) db.exec(index.sql);
    }).immediate();
  } finally {
    db.pragma(`cache_size = ${previousCache}`);
  }
  return result;

  function seedAll(): void {
    // Movements wait for settlement in a temporary table (SQLite spills it to a file), not in memory: held
    // as objects they take about 300 bytes of heap per transaction, more than Node's default heap (about
    // 4 GB) at the 20,000,000 the command accepts.
    // Its key orders them as settlement needs them: by store, then time, then the order they were made in.
    db.exec(`DROP TABLE IF EXISTS temp.seed_movements`);
    db.exec(`CREATE TEMP TABLE seed_movements (store_id TEXT NOT NULL, at TEXT NOT NULL, seq INTEGER NOT NULL, movement TEXT NOT NULL, PRIMARY KEY (store_id, at, seq)) WITHOUT ROWID`);
    try {
      generate();
      settle();
    } finally {
      db.exec(`DROP TABLE IF EXISTS temp.seed_movements`);
    }
  }

  function generate(): void {
    const spool = db.prepare(`INSERT INTO temp.seed_movements (store_id, at, seq, movement) VALUES (?, ?, ?, ?)`);
    let made = 0;
    const pending = (storeId: string, m: Movement) => spool.run(storeId, m.at, made++, JSON.stringify(m));
    let seq = Number(db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM orders`).get()?.n ?? 0);
    for (let i = 0; i < orderCount; i++) {
      const store = stores[i % stores.length];
      if (!store) break;
      const currency = (JSON.parse(store.currencies) as string[])[0] ?? 'EUR';
      const big = ['SEK', 'NOK', 'DKK', 'PLN'].includes(currency);
      const amount = Math.round((big ? 5_000 + rand() * 495_000 : 500 + rand() * 49_500) / 100) * 100 + (rand() < 0.3 ? 50 : 0);
      const createdMs = start.getTime() + Math.floor(((i + rand()) / orderCount) * span);
      const created = new Date(createdMs).toISOString();
      const orderId = uuid(createdMs, rand);
      const captureId = uuid(createdMs, rand);
      seq++;
      const ref1 = `ORD-${String(seq).padStart(7, '0')}`;
      const customer = demoCustomer(seq, store.purchase_country);
      let shortId = 'K';
      for (let k = 0; k < 6; k++) shortId += REFERENCE_ALPHABET[Math.floor(rand() * REFERENCE_ALPHABET.length)] ?? 'X';
      const refund = rand() < 0.1 ? (rand() < 0.5 ? amount : Math.max(100, Math.round(amount / 200) * 100)) : 0;
      const refundMs = createdMs + Math.floor((1 + rand() * 13) * DAY_MS);
      const refundHappened = refund > 0 && refundMs < now.getTime();
      const lines = JSON.stringify([
        { type: 'physical', reference: 'SEED-ITEM', name: 'Seeded item', quantity: 1, unit_price: amount, tax_rate: 2500, total_discount_amount: 0, total_amount: amount, total_tax_amount: lineTaxAmount(amount, 2500) },
      ]);
      const locale = store.purchase_country === 'SE' ? 'sv-SE' : store.purchase_country === 'DE' ? 'de-DE' : `en-${store.purchase_country}`;
      // A captured order refunded in full is CLOSED, as applyRefund makes it on the live path.
      const status = refundHappened && refund >= amount ? 'CLOSED' : 'CAPTURED';
      insertOrder.run(orderId, store.id, status, store.purchase_country, currency, locale, amount, amount, amount, refundHappened ? refund : 0, ref1, shortId, lines, created, new Date(createdMs + 28 * DAY_MS).toISOString(), customer.name, customer.email, customer.phone);
      writeNameWords(orderId, customer.name);
      insertCapture.run(captureId, orderId, amount, created, `CAP-${seq}`, lines, refundHappened ? refund : 0);
      insertEvent.run(orderId, created, 'created', amount, 'authorized');
      insertEvent.run(orderId, created, 'captured', amount, `capture ${captureId} (reference CAP-${seq})`);
      result.orders++;
      result.captures++;
      const base = { order_id: orderId, sale_date: created, short_order_id: shortId, merchant_reference1: ref1, merchant_reference2: null, currency_code: currency, purchase_country: store.purchase_country };
      pending(store.id, { ...base, kind: 'capture', id: captureId, at: created, amount, reference: `CAP-${seq}` });
      if (refundHappened) {
        const refundId = uuid(refundMs, rand);
        const at = new Date(refundMs).toISOString();
        insertRefund.run(refundId, orderId, refund, at, `RET-${seq}`);
        insertEvent.run(orderId, at, 'refunded', refund, `refund ${refundId} (reference RET-${seq})`);
        result.refunds++;
        pending(store.id, { ...base, kind: 'refund', id: refundId, at, amount: refund, reference: `RET-${seq}` });
      }
    }
  }

  /** Movements of one store in time order (ties in the order they were made), a page at a time. */
  function* movementsOf(storeId: string): Generator<Movement> {
    const page = db.prepare<[string, string, number], { at: string; seq: number; movement: string }>(
      `SELECT at, seq, movement FROM temp.seed_movements WHERE store_id = ? AND (at, seq) > (?, ?) ORDER BY at, seq LIMIT ${SPOOL_PAGE}`,
    );
    let after = { at: '', seq: -1 };
    for (;;) {
      const rows = page.all(storeId, after.at, after.seq);
      for (const r of rows) yield JSON.parse(r.movement) as Movement;
      const last = rows[rows.length - 1];
      if (!last || rows.length < SPOOL_PAGE) return;
      after = { at: last.at, seq: last.seq };
    }
  }

  function settle(): void {
    for (const store of stores) {
      const cutoff = lastCutoffAtOrBefore(now, store.payout_schedule);
      const settledThrough = db.prepare<[string], { settled_through: string }>(`SELECT settled_through FROM settlement_state WHERE store_id = ?`).get(store.id)?.settled_through;
      let current: { reference: string; sums: Map<string, TypeSums>; count: number } | undefined;
      const flush = () => {
        if (current) writer.addToPayout(current.reference, payoutTotals([...current.sums.values()]), current.count);
        current = undefined;
      };
      let lastDate = '';
      for (const m of movementsOf(store.id)) {
        if (Date.parse(m.at) >= cutoff.getTime()) {
          result.pending_movements++;
          continue;
        }
        const payoutDate = nextCutoffAfter(new Date(m.at), store.payout_schedule).toISOString();
        if (payoutDate !== lastDate) {
          flush();
          lastDate = payoutDate;
          const reference = paymentReference(store.id, m.currency_code, payoutDate);
          writer.openPayout({ payment_reference: reference, store_id: store.id, currency_code: m.currency_code, payout_date: payoutDate });
          current = { reference, sums: new Map(), count: 0 };
          result.payouts++;
        }
        if (!current) continue;
        const rows = rowsOf(m);
        writer.insert(current.reference, store.id, m, rows);
        for (const r of rows) {
          const s = current.sums.get(r.type) ?? { type: r.type, positive: 0, negative: 0 };
          if (r.amount >= 0) s.positive += r.amount;
          else s.negative += r.amount;
          current.sums.set(r.type, s);
          current.count++;
          result.transactions++;
        }
      }
      flush();
      // Everything before the last cutoff is now settled; never move a store's state backwards.
      const through = settledThrough && settledThrough > cutoff.toISOString() ? settledThrough : cutoff.toISOString();
      db.prepare(`INSERT INTO settlement_state (store_id, settled_through) VALUES (?, ?) ON CONFLICT (store_id) DO UPDATE SET settled_through = excluded.settled_through`).run(store.id, through);
    }
  }
}
