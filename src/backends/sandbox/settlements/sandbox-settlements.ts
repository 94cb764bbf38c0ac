/**
 * The sandbox's Settlements API. Every read first settles up to the sandbox clock (settle.ts), so payouts
 * appear as time passes exactly as Kustom's nightly settlement would make them appear.
 */
import { NotFoundError } from '../../../errors.js';
import type { Page } from '../../backend.js';
import type { Statement } from 'better-sqlite3';
import type { Clock } from '../../../domain/clock.js';
import type { JoinedPageRow, JoinedRead, JoinedRow, PayoutQuery, SettlementsApi, TransactionQuery } from '../../types/settlements.js';
import type { BalanceLine, Payout } from '../../../domain/model/payout.js';
import type { PayoutTotals, SettlementTransaction } from '../../../domain/settlement-types.js';
import { TRANSACTION_FIELDS, type RawTransaction } from '../../../domain/settlement-types.js';
import { captureTransactions, refundTransactions } from '../../../domain/settlement-fees.js';
import { disputeTransactions } from '../../../domain/dispute-fees.js';
import type { SandboxAccess } from '../access.js';
import type { Db } from '../database.js';
import { seedVolume } from './seed-volume.js';
import { settleUpTo } from './settle.js';

interface PayoutRow {
  payment_reference: string;
  store_id: string;
  currency_code: string;
  payout_date: string;
  merchant_settlement_type: 'NET' | 'GROSS' | 'GROSS_FEE';
  totals: string;
  transaction_count: number;
}

const TRANSACTION_COLUMNS = TRANSACTION_FIELDS.map((c) => `t.${c}`).join(', ');

/** `read`'s row as SQL: its fields, one concat() per run (NULL joins as empty text), then the row's id. */
function joinedColumns(read: JoinedRead): string {
  const separator = `'${read.separator.replaceAll("'", "''")}'`;
  const runs = read.runs.map((run) => `concat(${run.map((field) => `t.${field}`).join(`, ${separator}, `)})`);
  return [...read.fields.map((field) => `t.${field}`), ...runs, 't.id'].join(', ');
}

/**
 * One statement's rows: `stmt` in full, or (`keyed`) the same rows ordered by id, a page at a time after
 * the last id seen (its arguments: `args`, that id, the page size).
 */
interface Selection {
  stmt: Statement<unknown[], unknown>;
  args: unknown[];
  keyed?: Statement<unknown[], unknown> | undefined;
}

/**
 * The selected statements' raw rows, `size` at a time, each through `map`: no await per row. With `idAt`
 * (where a row holds its id), a keyed selection reads each page with one all(), which hands rows over
 * faster than stepping an iterator row by row.
 */
function rawPages<R extends readonly unknown[], T>(selected: Iterable<Selection>, size: number, map: (row: R) => T, idAt?: number): AsyncIterable<T[]> {
  return (async function* () {
    for (const { stmt, args, keyed } of selected) {
      if (keyed && idAt !== undefined) {
        let last = -1;
        for (;;) {
          const rows = keyed.raw(true).all(...args, last, size) as R[];
          if (rows.length > 0) yield rows.map(map);
          if (rows.length < size) break;
          last = (rows[rows.length - 1] as R)[idAt] as number;
        }
        continue;
      }
      let page: T[] = [];
      for (const row of stmt.raw(true).iterate(...args) as Iterable<R>) {
        page.push(map(row));
        if (page.length >= size) {
          yield page;
          page = [];
        }
      }
      if (page.length > 0) yield page;
    }
  })();
}

const PAYOUT_COLUMNS = 'payment_reference, store_id, currency_code, payout_date, merchant_settlement_type, totals, transaction_count';
const MAX_PAGE = 500;

function toPayout(row: PayoutRow): Payout {
  return {
    payment_reference: row.payment_reference,
    store_id: row.store_id,
    payout_date: row.payout_date,
    currency_code: row.currency_code,
    merchant_settlement_type: row.merchant_settlement_type,
    totals: JSON.parse(row.totals) as PayoutTotals,
    transaction_count: row.transaction_count,
  };
}

export function createSandboxSettlements(db: Db, clock: Clock, access: SandboxAccess): SettlementsApi {
  const settle = () => settleUpTo(db, clock.now());
  const knownStore = (storeId: string) => {
    if (!db.prepare(`SELECT 1 FROM stores WHERE id = ?`).get(storeId)) throw new NotFoundError('Store', storeId, { hint: 'See: merchant stores list' });
  };

  /**
   * The statements (with their arguments) whose rows, in turn, are a query's transactions, columns in
   * TRANSACTION_FIELDS order (or `columns`). Rows go out as SQLite produces them: memory stays flat whatever the size.
   * Leaving a loop early (a closed pipe, a failed write) ends the statement through the iterator's return().
   */
  function* selections(query: TransactionQuery, columns = TRANSACTION_COLUMNS): Generator<Selection> {
    const permission = query.purpose === 'export' ? 'settlements.export' : 'settlements.view';
    const where: string[] = [];
    const args: string[] = [];
    let order = 't.id';
    if (query.payment_reference) {
      const payout = db.prepare<[string], { store_id: string }>(`SELECT store_id FROM payouts WHERE payment_reference = ?`).get(query.payment_reference);
      access.require(permission, payout?.store_id ?? query.store_id ?? null);
      where.push('t.payment_reference = ?');
      args.push(query.payment_reference);
    } else {
      access.require(permission, query.store_id ?? null);
      if (query.store_id) knownStore(query.store_id);
    }
    settle();
    if (query.store_id) {
      where.push('t.store_id = ?');
      args.push(query.store_id);
    }
    if (query.order_id) {
      where.push('t.order_id = ?');
      args.push(query.order_id);
    }
    if (query.start_date) {
      where.push('t.capture_date >= ?');
      args.push(query.start_date);
      order = 't.capture_date, t.id';
    }
    if (query.end_date) {
      where.push('t.capture_date <= ?');
      args.push(query.end_date);
    }
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    if (query.payout_start_date || query.payout_end_date) {
      // Payout by payout, each in its index order: no sort of the whole range before the first row.
      const payouts = db
        .prepare<string[], { payment_reference: string }>(
          `SELECT payment_reference FROM payouts WHERE (? = '' OR store_id = ?) AND payout_date >= ? AND payout_date <= ? ORDER BY payout_date, payment_reference`,
        )
        .all(query.store_id ?? '', query.store_id ?? '', query.payout_start_date ?? '', query.payout_end_date ?? '9999');
      const stmt = db.prepare(`SELECT ${columns} FROM settlement_transactions t WHERE t.payment_reference = ? ORDER BY t.id`);
      const keyed = db.prepare(`SELECT ${columns} FROM settlement_transactions t WHERE t.payment_reference = ? AND t.id > ? ORDER BY t.id LIMIT ?`);
      for (const payout of payouts) yield { stmt, args: [payout.payment_reference], keyed };
      return;
    }
    const keyed = order === 't.id' ? db.prepare(`SELECT ${columns} FROM settlement_transactions t ${filter ? `${filter} AND` : 'WHERE'} t.id > ? ORDER BY t.id LIMIT ?`) : undefined;
    yield { stmt: db.prepare(`SELECT ${columns} FROM settlement_transactions t ${filter} ORDER BY ${order}`), args, keyed };
  }

  return {
    async listPayouts(query: PayoutQuery): Promise<Page<Payout>> {
      access.require('settlements.view', query.store_id ?? null);
      if (query.store_id) knownStore(query.store_id);
      settle();
      const where: string[] = [];
      const args: (string | number)[] = [];
      if (query.store_id) {
        where.push('store_id = ?');
        args.push(query.store_id);
      }
      if (query.start_date) {
        where.push('payout_date >= ?');
        args.push(query.start_date);
      }
      if (query.end_date) {
        where.push('payout_date <= ?');
        args.push(query.end_date);
      }
      if (query.currency_code) {
        where.push('currency_code = ?');
        args.push(query.currency_code.toUpperCase());
      }
      const size = Math.min(MAX_PAGE, Math.max(1, query.pageSize ?? 20));
      const offset = query.cursor ? Number(query.cursor) : 0;
      const rows = db
        .prepare<(string | number)[], PayoutRow>(
          `SELECT ${PAYOUT_COLUMNS} FROM payouts ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY payout_date DESC, payment_reference LIMIT ? OFFSET ?`,
        )
        .all(...args, size + 1, offset);
      const items = rows.slice(0, size).map(toPayout);
      return { items, nextCursor: rows.length > size ? String(offset + size) : undefined };
    },

    async getPayout(reference: string): Promise<Payout> {
      settle();
      const row = db.prepare<[string], PayoutRow>(`SELECT ${PAYOUT_COLUMNS} FROM payouts WHERE payment_reference = ?`).get(reference.trim().toUpperCase());
      access.require('settlements.view', row?.store_id ?? null);
      if (!row) throw new NotFoundError('Payout', reference, { hint: 'See: merchant settlements payouts' });
      return toPayout(row);
    },

    transactions(query: TransactionQuery): AsyncIterable<SettlementTransaction> {
      return (async function* () {
        for (const { stmt, args } of selections(query)) for (const row of stmt.iterate(...args)) yield row as SettlementTransaction;
      })();
    },

    transactionPages(query: TransactionQuery, pageSize: number): AsyncIterable<RawTransaction[]> {
      return rawPages(selections(query), pageSize, (row) => row as RawTransaction);
    },

    transactionJoinedPages(query: TransactionQuery, read: JoinedRead, pageSize: number): AsyncIterable<JoinedPageRow[]> {
      for (const field of [...read.fields, ...read.runs.flat()]) if (!(TRANSACTION_FIELDS as readonly string[]).includes(field)) throw new Error(`not a transaction field: ${field}`);
      // A row `read` refuses is read again whole, by its id (the joined row's last value).
      const whole = db.prepare(`SELECT ${TRANSACTION_COLUMNS} FROM settlement_transactions t WHERE t.id = ?`).raw(true);
      const idAt = read.fields.length + read.runs.length;
      return rawPages(selections(query, joinedColumns(read)), pageSize, (row: JoinedRow): JoinedPageRow => (read.usable(row) ? row : { whole: whole.get(row[idAt]) as RawTransaction }), idAt);
    },

    async balance(storeId: string | undefined): Promise<BalanceLine[]> {
      access.require('settlements.view', storeId ?? null);
      if (storeId) knownStore(storeId);
      settle();
      return pendingBalance(db, storeId);
    },

    async seedVolume(options) {
      access.require('stores.manage', null);
      for (const id of options.store_ids) knownStore(id);
      settle();
      return seedVolume(db, clock.now(), options);
    },
  };
}

/** Captures, refunds and lost or accepted disputes not in any payout yet, with the fees they will carry, per currency. */
function pendingBalance(db: Db, storeId: string | undefined): BalanceLine[] {
  const stores = db
    .prepare<[string | null, string | null], { id: string; purchase_country: string; settled_through: string | null }>(
      `SELECT s.id, s.purchase_country, st.settled_through FROM stores s LEFT JOIN settlement_state st ON st.store_id = s.id WHERE (? IS NULL OR s.id = ?)`,
    )
    .all(storeId ?? null, storeId ?? null);
  const lines = new Map<string, BalanceLine>();
  // CROSS JOIN keeps captures (refunds) outermost: the date index finds the few not yet settled, where
  // starting from the store's orders would visit every order the store ever had.
  for (const store of stores) {
    const from = store.settled_through === null ? '' : new Date(Date.parse(store.settled_through) - 86_400_000).toISOString();
    const captures = db
      .prepare<[string, string], { amount: number; currency: string }>(
        `SELECT c.captured_amount AS amount, o.purchase_currency AS currency FROM captures c CROSS JOIN orders o ON o.order_id = c.order_id
         WHERE o.store_id = ? AND c.captured_at >= ?
           AND NOT EXISTS (SELECT 1 FROM settlement_transactions t WHERE t.capture_id = c.capture_id AND t.type = 'SALE')`,
      )
      .all(store.id, from);
    const refunds = db
      .prepare<[string, string], { amount: number; currency: string }>(
        `SELECT r.refunded_amount AS amount, o.purchase_currency AS currency FROM refunds r CROSS JOIN orders o ON o.order_id = r.order_id
         WHERE o.store_id = ? AND r.refunded_at >= ?
           AND NOT EXISTS (SELECT 1 FROM settlement_transactions t WHERE t.refund_id = r.refund_id AND t.type = 'RETURN')`,
      )
      .all(store.id, from);
    const add = (currency: string, rows: { amount: number }[]) => {
      const line = lines.get(currency) ?? { currency_code: currency, pending_amount: 0, transaction_count: 0 };
      for (const r of rows) line.pending_amount += r.amount;
      line.transaction_count += rows.length;
      lines.set(currency, line);
    };
    for (const c of captures) add(c.currency, captureTransactions(c.amount, c.currency, store.purchase_country));
    for (const r of refunds) add(r.currency, refundTransactions(r.amount, store.purchase_country));
    const disputes = db
      .prepare<[string], { amount: number; currency: string; state: 'lost' | 'accepted' }>(
        `SELECT d.amount, o.purchase_currency AS currency, d.state FROM disputes d JOIN orders o ON o.order_id = d.order_id
         WHERE d.store_id = ? AND d.settled_in IS NULL AND d.state IN ('lost', 'accepted')`,
      )
      .all(store.id);
    for (const d of disputes) add(d.currency, disputeTransactions(d.amount, d.currency, store.purchase_country, d.state));
  }
  return [...lines.values()].sort((a, b) => a.currency_code.localeCompare(b.currency_code));
}
