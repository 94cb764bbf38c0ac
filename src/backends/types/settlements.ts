/** Settlements: payouts and their transactions, per Kustom's Settlements API (amounts in minor units). */
import type { Page, PageRequest } from './common.js';
import type { RawTransaction, SettlementTransaction, TransactionField } from '../../domain/settlement-types.js';
import type { Payout, BalanceLine } from '../../domain/model/payout.js';

export interface PayoutQuery extends PageRequest {
  store_id?: string | undefined;
  start_date?: string | undefined;
  end_date?: string | undefined;
  currency_code?: string | undefined;
}

export interface TransactionQuery extends PageRequest {
  store_id?: string | undefined;
  payment_reference?: string | undefined;
  order_id?: string | undefined;
  /** Capture date range, for transaction reports (ISO instants, both included). */
  start_date?: string | undefined;
  end_date?: string | undefined;
  /** Payout date range, for batch reports (ISO instants, both included): every transaction of those payouts. */
  payout_start_date?: string | undefined;
  payout_end_date?: string | undefined;
  /** `export` needs the settlements.export permission (Portal role); default `view`. */
  purpose?: 'view' | 'export' | undefined;
}

/** A row read with runs of text fields joined: the `fields`' values, then one string per run, then the backend's own row key. */
export type JoinedRow = readonly (string | number | null)[];
/** A joined row, or (when `usable` refused it) the same transaction read whole. */
export type JoinedPageRow = JoinedRow | { whole: RawTransaction };

/** How `transactionJoinedPages` reads each row. */
export interface JoinedRead {
  /** Fields read one by one, first in each row, in this order. */
  fields: readonly TransactionField[];
  /** Then one string per run: the run's fields as text (null as empty), joined by `separator`. */
  runs: readonly (readonly TransactionField[])[];
  separator: string;
  /** Whether a joined row can be used as it is; when not, the transaction is read again whole. */
  usable(row: JoinedRow): boolean;
}

export interface SettlementsApi {
  listPayouts(query: PayoutQuery): Promise<Page<Payout>>;
  getPayout(paymentReference: string): Promise<Payout>;
  /** Streams transactions in a stable order, page by page, so exports stay flat in memory. */
  transactions(query: TransactionQuery): AsyncIterable<SettlementTransaction>;
  /**
   * The same rows as `transactions`, as raw rows (TRANSACTION_FIELDS order) up to `pageSize` at a time: no
   * object and no await per row, for exports of millions of rows. Optional: exports fall back to `transactions`.
   */
  transactionPages?(query: TransactionQuery, pageSize: number): AsyncIterable<RawTransaction[]>;
  /**
   * The same rows as `transactionPages`, read as `read` lays them out: fewer values per row, for exports
   * where making each value is most of the cost. Optional: exports fall back to `transactionPages`.
   */
  transactionJoinedPages?(query: TransactionQuery, read: JoinedRead, pageSize: number): AsyncIterable<JoinedPageRow[]>;
  balance(storeId: string | undefined): Promise<BalanceLine[]>;
  /** Sandbox only: bulk-creates orders, captures, refunds and their payouts for exports and benchmarks. */
  seedVolume?(options: SeedVolumeOptions): Promise<SeedVolumeResult>;
}

export interface SeedVolumeOptions {
  /** Roughly this many settlement transactions in total (orders are sized from ~4.3 rows each). */
  transactions: number;
  store_ids: string[];
  /** Spread over this many months before the sandbox's now. */
  months: number;
  /** PRNG seed, for reproducible data. */
  seed?: number;
}

export interface SeedVolumeResult {
  orders: number;
  captures: number;
  refunds: number;
  payouts: number;
  transactions: number;
  /** Captures/refunds after the last cutoff, left for the next settlement run (they show in the balance). */
  pending_movements: number;
}
