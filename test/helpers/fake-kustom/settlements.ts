/** Settlements API (reference §5): payouts, summary, transactions, and the CSV/PDF reports. */
import { errorReply, type Handler, type HandlerContext } from './reply.js';
import type { Json } from './state.js';

function inRange(date: string, start: string | undefined, end: string | undefined): boolean {
  const t = Date.parse(date);
  if (start !== undefined && t < Date.parse(start)) return false;
  if (end !== undefined && t > Date.parse(end)) return false;
  return true;
}

function page<T>(ctx: HandlerContext, items: T[], collectionPath: string): { slice: T[]; pagination: Json } {
  const size = ctx.query.size !== undefined ? Number(ctx.query.size) : 20;
  const offset = ctx.query.offset !== undefined ? Number(ctx.query.offset) : 0;
  const slice = items.slice(offset, offset + size);
  const link = (o: number): string => {
    const q = new URLSearchParams({ ...ctx.query, offset: String(o), size: String(size) });
    return `${ctx.url}${collectionPath}?${q.toString()}`;
  };
  const pagination: Json = { count: slice.length, total: items.length, offset };
  if (offset + slice.length < items.length) pagination.next = link(offset + size);
  if (offset > 0) pagination.prev = link(Math.max(0, offset - size));
  return { slice, pagination };
}

function filteredPayouts(ctx: HandlerContext): Json[] {
  return ctx.state.payouts.filter(
    (p) =>
      inRange(String(p.payout_date), ctx.query.start_date, ctx.query.end_date) &&
      (ctx.query.currency_code === undefined || p.currency_code === ctx.query.currency_code),
  );
}

const getPayouts: Handler = (ctx) => {
  const { slice, pagination } = page(ctx, filteredPayouts(ctx), '/settlements/v1/payouts');
  return { status: 200, json: { payouts: slice, pagination } };
};

const getPayout: Handler = (ctx) => {
  const ref = ctx.params.payment_reference ?? '';
  const payout = ctx.state.payouts.find((p) => p.payment_reference === ref);
  if (!payout) return errorReply(404, 'NOT_FOUND', [`Payout ${ref} was not found`]);
  return { status: 200, json: payout };
};

function totals(p: Json): Record<string, number> {
  return (p.totals ?? {}) as Record<string, number>;
}

const getPayoutSummary: Handler = (ctx) => {
  const byCurrency = new Map<string, Json[]>();
  for (const p of filteredPayouts(ctx)) {
    const list = byCurrency.get(String(p.currency_code)) ?? [];
    list.push(p);
    byCurrency.set(String(p.currency_code), list);
  }
  const sum = (list: Json[], key: string): number => list.reduce((acc, p) => acc + (totals(p)[key] ?? 0), 0);
  const summaries = [...byCurrency.entries()].map(([currency, list]) => ({
    summary_payout_date_start: ctx.query.start_date,
    summary_payout_date_end: ctx.query.end_date,
    summary_settlement_currency: currency,
    summary_total_sale_amount: sum(list, 'sale_amount'),
    summary_total_fee_amount: sum(list, 'fee_amount'),
    summary_total_fee_correction_amount: sum(list, 'fee_correction_amount'),
    summary_total_tax_amount: sum(list, 'tax_amount'),
    summary_total_return_amount: sum(list, 'return_amount'),
    summary_total_reversal_amount: sum(list, 'reversal_amount'),
    summary_total_commission_amount: sum(list, 'commission_amount'),
    summary_total_holdback_amount: sum(list, 'holdback_amount'),
    summary_total_release_amount: sum(list, 'release_amount'),
    summary_total_repay_amount: sum(list, 'repay_amount'),
    summary_total_settlement_amount: sum(list, 'settlement_amount'),
  }));
  return { status: 200, json: summaries };
};

const getTransactions: Handler = (ctx) => {
  const items = ctx.state.transactions.filter(
    (t) =>
      (ctx.query.payment_reference === undefined || t.payment_reference === ctx.query.payment_reference) &&
      (ctx.query.order_id === undefined || t.order_id === ctx.query.order_id),
  );
  const { slice, pagination } = page(ctx, items, '/settlements/v1/transactions');
  return { status: 200, json: { transactions: slice, pagination } };
};

const CSV_COLUMNS = [
  'type',
  'capture_date',
  'sale_date',
  'order_id',
  'short_order_id',
  'capture_id',
  'refund_id',
  'merchant_reference1',
  'amount',
  'posting_currency',
  'purchase_country',
  'payment_reference',
  'detailed_type',
];

function decimal(minor: unknown): string {
  const n = typeof minor === 'number' ? minor : 0;
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function csv(transactions: Json[]): string {
  const rows = transactions.map((t) =>
    CSV_COLUMNS.map((c) => {
      if (c === 'amount') return decimal(t.amount);
      const v = c === 'posting_currency' ? t.currency_code : t[c];
      return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
    }).join(';'),
  );
  return `${CSV_COLUMNS.join(';')}\n${rows.join('\n')}${rows.length > 0 ? '\n' : ''}`;
}

const PDF = Buffer.from('%PDF-1.4\n% fake settlement report\n%%EOF\n', 'latin1');

function csvError(status: number, code: string, message: string): ReturnType<Handler> {
  const r = errorReply(status, code, [message]);
  return r;
}

const payoutWithTransactions: Handler = (ctx) => {
  const ref = ctx.query.payment_reference ?? '';
  if (!ctx.state.payouts.some((p) => p.payment_reference === ref)) return csvError(404, 'NOT_FOUND', `Payout ${ref} was not found`);
  return { status: 200, raw: { contentType: 'text/csv', data: csv(ctx.state.transactions.filter((t) => t.payment_reference === ref)) } };
};

const payoutPdf: Handler = (ctx) => {
  const ref = ctx.query.payment_reference ?? '';
  if (!ctx.state.payouts.some((p) => p.payment_reference === ref)) return csvError(404, 'NOT_FOUND', `Payout ${ref} was not found`);
  return { status: 200, raw: { contentType: 'application/pdf', data: PDF } };
};

const summaryWithTransactions: Handler = (ctx) => {
  const refs = new Set(filteredPayouts(ctx).map((p) => p.payment_reference));
  return { status: 200, raw: { contentType: 'text/csv', data: csv(ctx.state.transactions.filter((t) => refs.has(t.payment_reference))) } };
};

const summaryPdf: Handler = () => ({ status: 200, raw: { contentType: 'application/pdf', data: PDF } });

export const settlementsHandlers: Record<string, Handler> = {
  getPayouts,
  getPayout,
  getPayoutSummary,
  getTransactions,
  getPayoutReportWithTransactions: payoutWithTransactions,
  payout: payoutPdf,
  getPayoutsSummaryReportWithTransactions: summaryWithTransactions,
  payoutsSummary: summaryPdf,
};

/** The media type each settlements operation answers with (for the Accept check). */
export const RESPONSE_MEDIA_TYPE: Record<string, string> = {
  getPayoutReportWithTransactions: 'text/csv',
  getPayoutsSummaryReportWithTransactions: 'text/csv',
  payout: 'application/pdf',
  payoutsSummary: 'application/pdf',
};
