/**
 * SettlementsApi on Kustom's Settlements API. Payouts and transactions are paged with
 * `size` ≤ 500 and `offset`, always to the end; payouts are then listed newest first and paged locally. Exports read transactions by payout, by payout-date range (payouts first, then each
 * one's transactions) or by capture-date range (filtered here: Kustom cannot). Kustom has no balance endpoint (money captured but not yet paid out), so
 * `balance` is refused rather than guessed.
 */
import { UsageError } from '../../../errors.js';
import type { PayoutQuery, SettlementsApi, TransactionQuery } from '../../types/settlements.js';
import type { Payout } from '../../../domain/model/payout.js';
import type { SettlementTransaction, TransactionType } from '../../../domain/settlement-types.js';
import type { KustomContext } from '../context.js';
import { amount, str } from '../../../infra/coerce.js';

const PAYOUT_TOTALS = ['sale_amount', 'fee_amount', 'return_amount', 'reversal_amount', 'commission_amount', 'holdback_amount', 'release_amount', 'repay_amount', 'charge_amount', 'credit_amount', 'fee_refund_amount', 'tax_refund_amount', 'deposit_amount', 'opening_debt_balance_amount', 'closing_debt_balance_amount', 'tax_amount', 'fee_correction_amount', 'settlement_amount'] as const;
/** The totals the Settlements API does not require; absent means none. Every other total is required. */
const OPTIONAL_TOTALS: ReadonlySet<string> = new Set(['tax_amount', 'fee_correction_amount']);

type Json = Record<string, unknown>;
interface Paged {
  pagination?: { count?: number; total?: number; offset?: number; next?: string };
}

export const MAX_PAGE_SIZE = 500;

/** Payout dates: a bare date means midnight, so the end of a range is pushed to the end of its day, or the range would drop the last day's payouts. */
export function payoutDate(value: string | undefined, edge: 'start' | 'end'): string | undefined {
  if (value === undefined) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T${edge === 'start' ? '00:00:00' : '23:59:59'}Z`;
  return value;
}

function hasMore(page: Paged, offset: number, got: number): boolean {
  const p = page.pagination;
  if (got === 0) return false;
  if (p?.total !== undefined) return offset + got < p.total;
  return p?.next !== undefined;
}

export function createKustomSettlements(ctx: KustomContext): SettlementsApi {
  /**
   * A key reaches one MID, so Kustom cannot tell stores apart; a store's payouts are taken to be those in
   * its agreement's currencies (undefined = no store asked for, or a store the ledger does not know).
   */
  async function storeCurrencies(storeId: string | undefined): Promise<string[] | undefined> {
    if (storeId === undefined) return undefined;
    const store = (await ctx.stores.list()).find((s) => s.id === storeId);
    return store?.currencies;
  }

  /** The store a payout belongs to: the one asked for, else the only ledger store in its currency. */
  async function storeOf(currency: string, asked: string | undefined): Promise<string> {
    if (asked !== undefined) return asked;
    const candidates = (await ctx.stores.list()).filter((s) => s.currencies.includes(currency));
    return candidates.length === 1 && candidates[0] ? candidates[0].id : ctx.defaultStoreId;
  }

  const toPayout = (p: Json, transactionCount: number, storeId: string): Payout => ({
    payment_reference: str(p.payment_reference) ?? '',
    store_id: storeId,
    payout_date: str(p.payout_date) ?? '',
    currency_code: str(p.currency_code) ?? '',
    merchant_settlement_type: (str(p.merchant_settlement_type) ?? 'NET') as Payout['merchant_settlement_type'],
    totals: Object.fromEntries(
      PAYOUT_TOTALS.map((k) => [k, amount((p.totals as Json | undefined)?.[k], `payout.totals.${k}`, OPTIONAL_TOTALS.has(k) ? 0 : undefined)]),
    ) as unknown as Payout['totals'],
    transaction_count: transactionCount,
  });

  const toTransaction = (t: Json): SettlementTransaction => ({
    amount: amount(t.amount, 'transaction.amount'),
    type: (str(t.type) ?? 'SALE') as TransactionType,
    detailed_type: str(t.detailed_type),
    sale_date: str(t.sale_date) ?? '',
    capture_date: str(t.capture_date) ?? '',
    order_id: str(t.order_id) ?? '',
    short_order_id: str(t.short_order_id),
    capture_id: str(t.capture_id),
    refund_id: str(t.refund_id),
    payment_reference: str(t.payment_reference),
    merchant_reference1: str(t.merchant_reference1),
    merchant_reference2: str(t.merchant_reference2),
    merchant_capture_reference: str(t.merchant_capture_reference),
    merchant_refund_reference: str(t.merchant_refund_reference),
    currency_code: str(t.currency_code) ?? '',
    purchase_country: str(t.purchase_country) ?? '',
    shipping_country: str(t.shipping_country),
    vat_rate: typeof t.vat_rate === 'number' ? t.vat_rate : null,
    vat_amount: typeof t.vat_amount === 'number' ? t.vat_amount : null,
  });

  /** How many transactions a payout has: one cheap call reading `pagination.total`. */
  async function transactionCount(paymentReference: string): Promise<number> {
    const res = await ctx.http.request<Paged & { transactions?: Json[] }>({
      method: 'GET',
      path: '/settlements/v1/transactions',
      query: { payment_reference: paymentReference, size: 1, offset: 0 },
      operation: 'settlements.transactions',
    });
    return res.body?.pagination?.total ?? res.body?.transactions?.length ?? 0;
  }

  async function withCounts(raw: Json[], askedStore: string | undefined): Promise<Payout[]> {
    const out: Payout[] = new Array<Payout>(raw.length);
    // A few at a time: enough to be quick, well under Kustom's per-second rate limits.
    const CONCURRENCY = 4;
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < raw.length; i = next++) {
        const p = raw[i] ?? {};
        out[i] = toPayout(p, await transactionCount(str(p.payment_reference) ?? ''), await storeOf(str(p.currency_code) ?? '', askedStore));
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, raw.length) }, worker));
    return out;
  }

  /** Every transaction matching the filter, in Kustom's order, 500 per request. */
  async function* pagedTransactions(filter: { payment_reference?: string | undefined; order_id?: string | undefined }): AsyncGenerator<SettlementTransaction> {
    let offset = 0;
    for (;;) {
      const res = await ctx.http.request<Paged & { transactions?: Json[] }>({
        method: 'GET',
        path: '/settlements/v1/transactions',
        query: { payment_reference: filter.payment_reference, order_id: filter.order_id, size: MAX_PAGE_SIZE, offset },
        operation: 'settlements.transactions',
      });
      const items = res.body?.transactions ?? [];
      for (const t of items) yield toTransaction(t);
      if (!hasMore(res.body ?? {}, offset, items.length)) return;
      offset += items.length;
    }
  }

  async function fetchPayouts(query: Pick<PayoutQuery, 'start_date' | 'end_date' | 'currency_code'>, offset: number, size: number): Promise<{ items: Json[]; more: boolean }> {
    const res = await ctx.http.request<Paged & { payouts?: Json[] }>({
      method: 'GET',
      path: '/settlements/v1/payouts',
      query: {
        start_date: payoutDate(query.start_date, 'start'),
        end_date: payoutDate(query.end_date, 'end'),
        currency_code: query.currency_code,
        size,
        offset,
      },
      operation: 'settlements.payouts',
    });
    const items = res.body?.payouts ?? [];
    return { items, more: hasMore(res.body ?? {}, offset, items.length) };
  }

  return {
    async listPayouts(query) {
      // Kustom pages in its own order; newest first needs them all, which is cheap (a payout a day is ~1
      // request of 500 a year). Only the page returned pays for its transaction counts.
      const currencies = await storeCurrencies(query.store_id);
      const all: Json[] = [];
      for (let offset = 0, more = true; more; ) {
        const page = await fetchPayouts(query, offset, MAX_PAGE_SIZE);
        all.push(...page.items);
        offset += page.items.length;
        more = page.more;
      }
      const mine = all
        .filter((p) => currencies === undefined || currencies.includes(str(p.currency_code) ?? ''))
        .sort((a, b) => {
          const da = str(a.payout_date) ?? '';
          const db = str(b.payout_date) ?? '';
          if (da !== db) return da < db ? 1 : -1;
          return (str(a.payment_reference) ?? '') < (str(b.payment_reference) ?? '') ? 1 : -1;
        });
      const start = query.cursor ? Number.parseInt(query.cursor, 10) || 0 : 0;
      const slice = mine.slice(start, start + (query.pageSize ?? mine.length));
      const items = await withCounts(slice, query.store_id);
      const next = start + slice.length;
      return next < mine.length ? { items, nextCursor: String(next) } : { items };
    },

    async getPayout(paymentReference) {
      const res = await ctx.http.request<Json>({
        method: 'GET',
        path: `/settlements/v1/payouts/${encodeURIComponent(paymentReference)}`,
        operation: 'settlements.payout',
        resource: 'Payout',
        resourceId: paymentReference,
      });
      const body = res.body ?? {};
      return toPayout(body, await transactionCount(paymentReference), await storeOf(str(body.currency_code) ?? '', undefined));
    },

    async *transactions(query) {
      // Batch reports ask for "every transaction of the payouts in this payout-date range" (fields added to
      // TransactionQuery by the settlements work; read by name so this compiles before and after that merge).
      const extra = query as TransactionQuery & { payout_start_date?: string; payout_end_date?: string };
      if (query.payment_reference === undefined && (extra.payout_start_date !== undefined || extra.payout_end_date !== undefined)) {
        let offset = 0;
        for (;;) {
          const page = await fetchPayouts({ start_date: extra.payout_start_date, end_date: extra.payout_end_date }, offset, MAX_PAGE_SIZE);
          for (const p of page.items) {
            const ref = str(p.payment_reference);
            if (ref) yield* pagedTransactions({ payment_reference: ref, order_id: query.order_id });
          }
          if (!page.more) return;
          offset += page.items.length;
        }
      }
      for await (const tx of pagedTransactions({ payment_reference: query.payment_reference, order_id: query.order_id })) {
        // Kustom filters transactions by payout or order only; a capture-date range is applied here.
        if (query.start_date !== undefined && tx.capture_date < (payoutDate(query.start_date, 'start') ?? '')) continue;
        if (query.end_date !== undefined && tx.capture_date > (payoutDate(query.end_date, 'end') ?? '')) continue;
        yield tx;
      }
    },

    async balance() {
      throw new UsageError(
        'The kustom backend cannot show a balance: Kustom has no API for money captured but not yet paid out (only payouts and their transactions).',
        { hint: 'Use `merchant settlements payouts` for what was paid out, or --backend sandbox to try balances locally.', details: { backend: 'kustom' } },
      );
    },
  };
}
