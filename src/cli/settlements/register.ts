/** `merchant settlements payouts|show|balance|export|reconcile`. */
import { Option, type Command } from 'commander';
import type { Context } from '../context.js';
import { examples, withCsv, withJson, withLimit, withStore } from '../options.js';
import { completeValues } from '../completion/values.js';
import { DIALECTS } from '../../domain/settlement-csv.js';

/** A human report lists at most this many rows per category; --json has them all. */
const SHOWN = 50;
const listTitle = (title: string, n: number): string => (n > SHOWN ? `${title} (first ${SHOWN} of ${n}; --json lists all)` : title);

export function registerSettlementsCommands(program: Command, ctx: Context): void {
  const settlements = program.command('settlements').description('payouts, balance, settlement CSV export and reconciliation');

  examples(
    withLimit(
      withCsv(
        withJson(
          withStore(
            settlements
              .command('payouts')
              .description('list payouts, newest first')
              .option('--from <date>', 'payout date on or after (YYYY-MM-DD, UTC)')
              .option('--to <date>', 'payout date on or before (YYYY-MM-DD, UTC)')
              .option('--currency <code>', 'only payouts in this currency'),
          ),
        ),
      ),
      20,
    ),
    ['merchant settlements payouts', 'merchant settlements payouts --from 2026-03-01 --to 2026-03-31 --all --csv > march.csv', 'merchant settlements payouts --json | jq ".[0].totals"'],
  ).action(async (opts: { store?: string; from?: string; to?: string; currency?: string; limit?: number; all?: boolean; json?: boolean; csv?: boolean }) => {
    const { listPayouts } = await import('../../services/settlements/list-payouts.js');
    const { resolveStoreId } = await import('../../services/stores/store-id.js');
    const { renderList } = await import('../../output/render.js');
    const { payoutColumns, payoutJson } = await import('../../output/views/settlements.js');
    const storeId = resolveStoreId(opts.store, ctx.settings());
    const rows = await listPayouts(await ctx.backend(), { storeId, from: opts.from, to: opts.to, currency: opts.currency, limit: opts.limit ?? 20, all: opts.all });
    await renderList(ctx.output(opts), rows, payoutColumns, (r) => r.map(payoutJson), { empty: 'No payouts yet. Captures are paid out after the next 23:59 CET settlement.' });
  });

  examples(withJson(settlements.command('show').argument('<payment-reference>', 'the payout\'s payment reference').description('one payout: its totals and the breakdown that explains the amount paid')), [
    'merchant settlements show XISA93DJ2K',
    'merchant settlements show XISA93DJ2K --json',
  ]).action(async (reference: string, opts: { json?: boolean }) => {
    const { showPayout } = await import('../../services/settlements/show-payout.js');
    const { renderRecord } = await import('../../output/render.js');
    const { time } = await import('../../output/cells.js');
    const { payoutDetailsJson, payoutSummaryFields, breakdownColumns } = await import('../../output/views/settlements.js');
    const p = await showPayout(await ctx.backend(), reference);
    await renderRecord(
      ctx.output(opts),
      [
        ['Payment reference', p.payment_reference],
        ['Store', p.store_id],
        ['Payout date', time(p.payout_date)],
        ['Currency', p.currency_code],
        ['Settlement type', p.merchant_settlement_type],
        ['Transactions', p.transaction_count],
        ...payoutSummaryFields(p),
      ],
      payoutDetailsJson(p),
      [{ title: 'Breakdown', rows: p.breakdown as never[], columns: breakdownColumns(p.currency_code) }],
    );
  });

  examples(
    withCsv(withJson(withStore(settlements.command('balance').description('captured but not yet paid out (net of the fees it will carry), per currency')))),
    ['merchant settlements balance', 'merchant settlements balance --store de-demo --json'],
  ).action(async (opts: { store?: string; json?: boolean; csv?: boolean }) => {
    const { settlementBalance } = await import('../../services/settlements/settlement-balance.js');
    const { renderList } = await import('../../output/render.js');
    const { balanceColumns } = await import('../../output/views/settlements.js');
    const lines = await settlementBalance(await ctx.backend(), opts.store ?? ctx.settings().store.value);
    await renderList(ctx.output(opts), lines, balanceColumns, (r) => r, { empty: 'Nothing pending: every capture has been paid out.' });
  });

  examples(
    withStore(
      settlements
        .command('export')
        .description('write settlement transactions as CSV: one payout, a payout-date range (≤ 32 days) or a transaction report')
        .option('--payout <payment-reference>', 'every transaction of this payout')
        .option('--from <date>', 'first day (YYYY-MM-DD, UTC) of a payout-date range (at most 32 days)')
        .option('--to <date>', 'last day (YYYY-MM-DD, UTC), included')
        .option('--month <yyyy-mm>', 'a calendar month instead of --from/--to')
        .option('--transactions', 'transaction report: select by capture date instead of payout date')
        .option('--columns <list>', 'comma-separated column names, in this order (see README "Settlements")')
        .addOption(new Option('--dialect <dialect>', 'rfc4180 (comma, ISO dates), excel (BOM, comma), excel-eu (BOM, semicolon, decimal comma)').default('rfc4180'))
        .addOption(new Option('--amounts <unit>', 'major (12.50) or minor (1250)').default('major'))
        .option('-o, --out <file>', 'write to this file (atomically: a temporary file renamed when complete); - or none for stdout'),
    ),
    [
      'merchant settlements export --payout XISA93DJ2K --out payout.csv',
      'merchant settlements export --month 2026-03 --dialect excel-eu --out mars.csv',
      'merchant settlements export --from 2026-03-01 --to 2026-03-15 --transactions --columns capture_date,order_id,type,amount',
      'merchant settlements export --month 2026-03 | head',
    ],
  ).action(
    async (opts: { store?: string; payout?: string; from?: string; to?: string; month?: string; transactions?: boolean; columns?: string; dialect: string; amounts: string; out?: string }) => {
      const { exportSettlements } = await import('../../services/settlements/export-settlements.js');
      const { parseColumns, parseDialect, parseAmountUnit } = await import('../../domain/settlement-csv.js');
      const { resolveStoreId } = await import('../../services/stores/store-id.js');
      const columns = parseColumns(opts.columns);
      const dialect = parseDialect(opts.dialect);
      const amounts = parseAmountUnit(opts.amounts);
      const backend = await ctx.backend();
      const result = await ctx.cancellation.stoppable(() => exportSettlements(backend, {
        payout: opts.payout,
        from: opts.from,
        to: opts.to,
        month: opts.month,
        transactions: opts.transactions,
        storeId: () => resolveStoreId(opts.store, ctx.settings()),
        columns,
        dialect,
        amounts,
        out: opts.out,
        stdout: ctx.io.stdout,
        signal: ctx.cancellation.signal,
      }));
      if (result.rows === 0) ctx.logger.warn('No settled transactions match; the file has only the header row.');
      else if (result.destination !== 'stdout') ctx.logger.success(`Wrote ${result.rows} transactions to ${result.destination}.`);
    },
  );

  examples(
    withJson(
      settlements
        .command('reconcile')
        .description('match a payout\'s transactions to your ledger CSV: matched, missing, amount mismatches, fee rows')
        .requiredOption('--payout <payment-reference>', 'the payout to reconcile')
        .requiredOption('--ledger <file>', 'your ledger CSV (order_id / merchant_reference / capture_reference, amount; see README)'),
    ),
    ['merchant settlements reconcile --payout XISA93DJ2K --ledger orders.csv', 'merchant settlements reconcile --payout XISA93DJ2K --ledger orders.csv --json | jq .totals'],
  ).action(async (opts: { payout: string; ledger: string; json?: boolean }) => {
    const { reconcile } = await import('../../services/settlements/reconcile-payout.js');
    const { renderRecord } = await import('../../output/render.js');
    const { money } = await import('../../output/cells.js');
    const { reconcileColumns, payoutJson } = await import('../../output/views/settlements.js');
    const r = await reconcile(await ctx.backend(), opts);
    const c = r.payout.currency_code;
    const t = r.totals;
    await renderRecord(
      ctx.output(opts),
      [
        ['Payout', `${r.payout.payment_reference} (${r.payout.store_id}, ${r.payout.payout_date.slice(0, 10)})`],
        ['Matched', `${r.matched.length} orders`],
        ['  matched amount', money(t.matched_amount, c)],
        ['Amount mismatch', `${r.amount_mismatch.length} orders`],
        ['  payout side', money(t.mismatch_payout_amount, c)],
        ['  ledger side', money(t.mismatch_ledger_amount, c)],
        ['Missing in ledger', `${r.missing_in_ledger.length} orders`],
        ['  amount', money(t.missing_in_ledger_amount, c)],
        ['Fees and VAT rows', money(t.fee_amount, c)],
        ['Fee-only orders', r.fee_only.length],
        ['= Settlement amount', money(t.settlement_amount, c)],
        ['Adds up', t.adds_up ? 'yes' : 'NO'],
        ['Missing in payout', `${r.missing_in_payout.length} ledger rows (not part of this payout)`],
        ['  amount', money(t.missing_in_payout_amount, c)],
      ],
      {
        payout: payoutJson(r.payout),
        totals: r.totals,
        matched: r.matched,
        amount_mismatch: r.amount_mismatch,
        missing_in_ledger: r.missing_in_ledger,
        missing_in_payout: r.missing_in_payout,
        fee_only: r.fee_only,
      },
      [
        { title: listTitle('Amount mismatch', r.amount_mismatch.length), rows: r.amount_mismatch.slice(0, SHOWN) as never[], columns: reconcileColumns(c) },
        { title: listTitle('Missing in ledger', r.missing_in_ledger.length), rows: r.missing_in_ledger.slice(0, SHOWN) as never[], columns: reconcileColumns(c) },
        {
          title: listTitle('Missing in payout', r.missing_in_payout.length),
          rows: r.missing_in_payout.slice(0, SHOWN) as never[],
          columns: [
            { header: 'Ledger line', value: (e: { line: number }) => e.line },
            { header: 'Order ID', value: (e: { order_id: string | null }) => e.order_id },
            { header: 'Reference', value: (e: { merchant_reference: string | null }) => e.merchant_reference },
            { header: 'Capture reference', value: (e: { capture_reference: string | null }) => e.capture_reference },
            { header: 'Amount', value: (e: { amount: number }) => money(e.amount, c) },
          ] as never[],
        },
      ],
    );
  });
  completeValues(settlements, ['export'], '--dialect', DIALECTS);
  completeValues(settlements, ['export'], '--amounts', ['major', 'minor']);
}
