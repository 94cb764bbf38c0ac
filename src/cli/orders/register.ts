/** `merchant orders list|show|timeline|capture|refund|cancel|release|extend`. */
import { Option, type Command } from 'commander';
import type { Context } from '../context.js';
import type { BulkCaptureFlags } from './bulk-capture-action.js';
import { collect, examples, parsePositiveInt, withCsv, withJson, withLimit, withStore, withYes } from '../options.js';

/** `orders capture` takes the single-order flags plus the bulk ones (one command, both modes). */
interface CaptureOpts extends BulkCaptureFlags {
  line?: string[];
  amount?: string;
  reference?: string;
  description?: string;
  carrier?: string;
  trackingNumber?: string;
  trackingUrl?: string;
  another?: boolean;
}

export function registerOrdersCommands(program: Command, ctx: Context): void {
  const orders = program.command('orders').description('orders: look up, capture (one or in bulk), refund, cancel, release, extend');
  const storeOf = (opts: { store?: string }): string | undefined => opts.store ?? ctx.settings().store.value;
  // Every order write: under a live key, a banner on stderr and the store named (--store) or pinned.
  const liveGuard = async (action: string, target: string): Promise<void> => {
    const { guardLiveWrite } = await import('../../services/auth/live-guard.js');
    guardLiveWrite(ctx, { action, target });
  };
  // An order ID finds the order in any store; an explicit --store that is not the order's is a mistake
  // worth stopping (before: `orders capture <id> --store de-demo` captured an se-demo order).
  const checkStore = async (order: { order_id: string; store_id: string }, opts: { store?: string }): Promise<void> => {
    if (opts.store === undefined || opts.store === order.store_id) return;
    const { UsageError } = await import('../../errors.js');
    throw new UsageError(`--store ${opts.store}: order ${order.order_id} belongs to store ${order.store_id}.`, { hint: `Drop --store, or pass --store ${order.store_id}.` });
  };

  examples(
    withLimit(
      withStore(
        withCsv(
          withJson(
            orders
              .command('list')
              .description('list orders, newest first')
              .option('--status <status>', 'only these statuses (repeatable or comma-separated): AUTHORIZED, PART_CAPTURED, CAPTURED, CANCELLED, EXPIRED, CLOSED', collect)
              .option('--from <date>', 'created on or after (2026-11-01 or an ISO time)')
              .option('--to <date>', 'created before (a bare date includes that whole day)')
              .option('--reference <ref>', 'merchant reference or Kustom reference')
              .option('--email <email>', 'customer email'),
          ),
        ),
      ),
      50,
    ),
    ['merchant orders list --status AUTHORIZED --from 2026-11-01', 'merchant orders list --all --csv > orders.csv', 'merchant orders list --email ada@example.com --json'],
  ).action(async (opts: { status?: string[]; from?: string; to?: string; reference?: string; email?: string; limit?: number; all?: boolean; json?: boolean; csv?: boolean; store?: string }) => {
    const { listOrders } = await import('../../services/orders/list-orders.js');
    const { renderList } = await import('../../output/render.js');
    const { orderColumns, orderJson } = await import('../../output/views/orders.js');
    const rows = await listOrders(await ctx.backend(), {
      storeId: storeOf(opts),
      statuses: opts.status,
      from: opts.from,
      to: opts.to,
      reference: opts.reference,
      email: opts.email,
      limit: opts.limit ?? 50,
      all: opts.all,
    });
    await renderList(ctx.output(opts), rows, orderColumns, (r) => r.map(orderJson), { empty: 'No orders match.' });
  });

  examples(withStore(withJson(orders.command('show').argument('<order>', 'order ID or merchant reference').description('one order: lines with captured/refunded quantities, amounts, expiry, captures, refunds'))), [
    'merchant orders show 6f1e…',
    'merchant orders show SHOP-1042 --json',
  ]).action(async (id: string, opts: { json?: boolean; store?: string }) => {
    const { showOrder } = await import('../../services/orders/show-order.js');
    const { renderRecord } = await import('../../output/render.js');
    const { money, time } = await import('../../output/cells.js');
    const v = await import('../../output/views/orders.js');
    const o = await showOrder(await ctx.backend(), id, storeOf(opts));
    await checkStore(o, opts);
    const cur = o.purchase_currency;
    await renderRecord(
      ctx.output(opts),
      [
        ['Order ID', o.order_id],
        ['Store', o.store_id],
        ['Status', o.status],
        ['Order amount', money(o.order_amount, cur)],
        ['Captured', money(o.captured_amount, cur)],
        ['Refunded', money(o.refunded_amount, cur)],
        ['Remaining authorized', money(o.remaining_authorized_amount, cur)],
        ['Authorization expires', time(o.expires_at)],
        ['Merchant reference', o.merchant_reference1],
        ['Kustom reference', o.klarna_reference],
        ['Customer email', o.customer.email],
        ['Created', time(o.created_at)],
        ['You can', o.allowed_operations.join(', ') || 'nothing (final state)'],
      ],
      v.orderDetailsJson(o),
      [
        { title: 'Lines', rows: o.lines, columns: v.lineColumns(cur) },
        { title: 'Captures', rows: o.captures, columns: v.captureColumns(cur) },
        { title: 'Refunds', rows: o.refunds, columns: v.refundColumns(cur) },
      ] as never,
    );
  });

  examples(withStore(withCsv(withJson(orders.command('timeline').argument('<order>', 'order ID or merchant reference').description('everything that happened to an order, oldest first')))), [
    'merchant orders timeline 6f1e…',
  ]).action(async (id: string, opts: { json?: boolean; csv?: boolean; store?: string }) => {
    const { orderTimeline } = await import('../../services/orders/show-order.js');
    const { renderList } = await import('../../output/render.js');
    const { eventColumns } = await import('../../output/views/orders.js');
    const { order, events } = await orderTimeline(await ctx.backend(), id, storeOf(opts));
    await checkStore(order, opts);
    await renderList(ctx.output(opts), events, eventColumns, (rows) => ({ order_id: order.order_id, events: rows }));
  });

  examples(
    withStore(
      withYes(
        withCsv(
          withJson(
            orders
              .command('capture')
              .argument('[orders...]', 'order IDs or merchant references; "-" reads one per line from stdin')
              .description('capture one order (in full, some lines, or an amount) or many at once (exactly once, resumable)')
              .option('--line <reference[:qty]>', 'capture this line (all open units, or qty); repeatable', collect)
              .option('--amount <amount>', 'capture this amount (in the order currency)')
              .option('--reference <ref>', 'capture reference (appears in settlement files)')
              .option('--description <text>', 'capture description')
              .option('--carrier <name>', 'shipping company')
              .option('--tracking-number <number>', 'shipment tracking number')
              .option('--tracking-url <url>', 'shipment tracking URL')
              .option('--another', 'capture again an amount (or lines) the order already has a capture of, on purpose')
              .option('--from <file.csv>', 'bulk: read orders from a CSV file ("-" for stdin); see README "Bulk capture"')
              .option('--plan-out <file.json>', 'bulk: write the plan to a file and stop (review it, then --apply)')
              .option('--apply <file.json>', 'bulk: execute exactly the plan in this file')
              .addOption(new Option('--concurrency <n>', 'bulk: requests in flight at once').default(8).argParser(parsePositiveInt('--concurrency')))
              .option('--results <file.csv>', 'bulk: also write per-row results to this CSV file'),
          ),
        ),
      ),
    ),
    [
      'merchant orders capture 6f1e… --yes',
      'merchant orders capture 6f1e… --line SKU-1:2 --carrier PostNord --tracking-number 123 --yes',
      'cat shipped.txt | merchant orders capture - --yes --json > results.ndjson',
      'merchant orders capture --from shipped.csv --plan-out plan.json',
      'merchant orders capture --apply plan.json --yes --results results.csv',
    ],
  ).action(async (ids: string[], opts: CaptureOpts) => {
    const { UsageError } = await import('../../errors.js');
    const bulk = ids.length > 1 || ids.includes('-') || Boolean(opts.from || opts.apply || opts.planOut);
    if (bulk) {
      const perOrder = ['line', 'amount', 'reference', 'description', 'carrier', 'trackingNumber', 'trackingUrl', 'another'] as const;
      const given = perOrder.filter((k) => opts[k] !== undefined);
      if (given.length > 0) {
        throw new UsageError(`--${given[0]?.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`) ?? ''} applies to one order; for bulk capture put it in a --from CSV column (amount, lines, capture_reference, carrier, tracking_number, tracking_url).`);
      }
      const { bulkCaptureAction } = await import('./bulk-capture-action.js');
      return bulkCaptureAction(ctx, ids, {
        concurrency: opts.concurrency,
        ...(opts.from ? { from: opts.from } : {}),
        ...(opts.planOut ? { planOut: opts.planOut } : {}),
        ...(opts.apply ? { apply: opts.apply } : {}),
        ...(opts.results ? { results: opts.results } : {}),
        ...(opts.json ? { json: true } : {}),
        ...(opts.csv ? { csv: true } : {}),
        ...(opts.yes ? { yes: true } : {}),
        ...(storeOf(opts) !== undefined ? { store: storeOf(opts) } : {}),
      });
    }
    const [id] = ids;
    if (!id) throw new UsageError('Name the order to capture (or several, or "-" for stdin, or --from <file.csv>).', { hint: 'merchant orders capture <order> --yes' });
    const { prepareCapture, executeCapture } = await import('../../services/orders/capture-order.js');
    const { confirmOrAbort } = await import('../../prompts/prompter.js');
    const { formatMoney } = await import('../../domain/money.js');
    const backend = await ctx.backend();
    const prepared = await prepareCapture(
      backend,
      id,
      { amount: opts.amount, lines: opts.line, reference: opts.reference, description: opts.description, carrier: opts.carrier, trackingNumber: opts.trackingNumber, trackingUrl: opts.trackingUrl, another: opts.another },
      storeOf(opts),
      ctx.paths.dataDir,
    );
    const amountText = formatMoney(prepared.request.captured_amount, prepared.order.purchase_currency);
    await checkStore(prepared.order, opts);
    if (prepared.existing) {
      // Nothing to send: say which capture it is, exactly as a successful capture would print it.
      const { capture } = await executeCapture(backend, prepared, ctx.paths.dataDir);
      if (opts.json) ctx.io.stdout.write(`${JSON.stringify({ order_id: prepared.order.order_id, status: 'already_captured', ...capture }, null, 2)}\n`);
      else ctx.io.stdout.write(`${capture.capture_id}\n`);
      const why = prepared.existing.why === 'reconciled' ? 'an earlier run of this capture ended with an unknown outcome; the order shows it was made' : `reference ${JSON.stringify(capture.reference)} is already captured`;
      ctx.logger.success(`Already captured: ${why} (capture ${capture.capture_id}, ${formatMoney(capture.captured_amount, prepared.order.purchase_currency)}). Nothing was sent.`);
      return;
    }
    if (prepared.resumed) ctx.logger.info(`An earlier run of this capture ended with an unknown outcome and the order does not show it; sending the same request with the same idempotency key (the provider answers with the first capture if it was made).`);
    await liveGuard(`capture ${amountText} on order ${prepared.order.order_id}`, prepared.order.store_id);
    await confirmOrAbort(ctx.prompter, opts.yes, `Capture ${amountText} on order ${prepared.order.order_id}?`);
    const { capture } = await executeCapture(backend, prepared, ctx.paths.dataDir);
    if (opts.json) ctx.io.stdout.write(`${JSON.stringify({ order_id: prepared.order.order_id, status: 'captured', ...capture }, null, 2)}\n`);
    else ctx.io.stdout.write(`${capture.capture_id}\n`);
    ctx.logger.success(`Captured ${amountText} on order ${prepared.order.order_id} (capture ${capture.capture_id}).`);
  });

  examples(
    withStore(
      withYes(
        withJson(
          orders
            .command('refund')
            .argument('<order>', 'order ID or merchant reference')
            .description('refund captured money, by lines or by amount, optionally keeping a return fee')
            .option('--line <reference[:qty]>', 'refund this captured line (all, or qty); repeatable', collect)
            .option('--amount <amount>', 'refund this amount (tax included)')
            .option('--return-fee <amount>', 'keep this much back as a return fee')
            .option('--reference <ref>', 'refund reference (names the return: the same reference again refunds once)')
            .option('--description <text>', 'refund description')
            .option('--another', 'refund again an amount (or lines) the order already has a refund of, on purpose'),
        ),
      ),
    ),
    ['merchant orders refund 6f1e… --amount 100 --yes', 'merchant orders refund 6f1e… --line SKU-1:1 --return-fee 49 --yes'],
  ).action(async (id: string, opts: { line?: string[]; amount?: string; returnFee?: string; reference?: string; description?: string; another?: boolean; yes?: boolean; json?: boolean; store?: string }) => {
    const { prepareRefund, executeRefund } = await import('../../services/orders/refund-order.js');
    const { confirmOrAbort } = await import('../../prompts/prompter.js');
    const { formatMoney } = await import('../../domain/money.js');
    const backend = await ctx.backend();
    const prepared = await prepareRefund(backend, id, { amount: opts.amount, lines: opts.line, returnFee: opts.returnFee, reference: opts.reference, description: opts.description, another: opts.another }, storeOf(opts), ctx.paths.dataDir);
    const amountText = formatMoney(prepared.request.refunded_amount, prepared.order.purchase_currency);
    await checkStore(prepared.order, opts);
    if (prepared.existing) {
      const { refund } = await executeRefund(backend, prepared, ctx.paths.dataDir);
      if (opts.json) ctx.io.stdout.write(`${JSON.stringify({ order_id: prepared.order.order_id, status: 'already_refunded', ...refund }, null, 2)}\n`);
      else ctx.io.stdout.write(`${refund.refund_id}\n`);
      const why = prepared.existing.why === 'reconciled' ? 'an earlier run of this refund ended with an unknown outcome; the order shows it was made' : `reference ${JSON.stringify(refund.reference)} is already refunded`;
      ctx.logger.success(`Already refunded: ${why} (refund ${refund.refund_id}, ${formatMoney(refund.refunded_amount, prepared.order.purchase_currency)}). Nothing was sent.`);
      return;
    }
    if (prepared.resumed) ctx.logger.info(`An earlier run of this refund ended with an unknown outcome and the order does not show it; sending the same request with the same idempotency key (the provider answers with the first refund if it was made).`);
    await liveGuard(`refund ${amountText} on order ${prepared.order.order_id}`, prepared.order.store_id);
    await confirmOrAbort(ctx.prompter, opts.yes, `Refund ${amountText} on order ${prepared.order.order_id}?`);
    const { refund } = await executeRefund(backend, prepared, ctx.paths.dataDir);
    if (opts.json) ctx.io.stdout.write(`${JSON.stringify({ order_id: prepared.order.order_id, status: 'refunded', ...refund }, null, 2)}\n`);
    else ctx.io.stdout.write(`${refund.refund_id}\n`);
    ctx.logger.success(`Refunded ${amountText} on order ${prepared.order.order_id} (refund ${refund.refund_id}).`);
  });

  const stateChange = (name: 'cancel' | 'release' | 'extend', description: string, question: (orderId: string, expiry?: string) => string, done: string): void => {
    examples(withStore(withYes(withJson(orders.command(name).argument('<order>', 'order ID or merchant reference').description(description)))), [`merchant orders ${name} 6f1e… --yes`]).action(
      async (id: string, opts: { yes?: boolean; json?: boolean; store?: string }) => {
        const { prepareStateChange, executeStateChange } = await import('../../services/orders/order-state-change.js');
        const { confirmOrAbort } = await import('../../prompts/prompter.js');
        const { orderJson } = await import('../../output/views/orders.js');
        const backend = await ctx.backend();
        const prepared = await prepareStateChange(backend, name, id, storeOf(opts), ctx.paths.dataDir);
        await checkStore(prepared.order, opts);
        if (prepared.resumed) ctx.logger.info(`An earlier run of this ${name} ended with an unknown outcome; sending the same request with the same idempotency key.`);
        if (!prepared.done) {
          await liveGuard(`${name} order ${prepared.order.order_id}`, prepared.order.store_id);
          await confirmOrAbort(ctx.prompter, opts.yes, question(prepared.order.order_id, prepared.newExpiry));
        } else ctx.logger.info(`An earlier run of this ${name} ended with an unknown outcome; the order shows it was done. Nothing was sent.`);
        const order = await executeStateChange(backend, name, prepared, ctx.paths.dataDir);
        if (opts.json) ctx.io.stdout.write(`${JSON.stringify(orderJson(order), null, 2)}\n`);
        else ctx.io.stdout.write(`${order.order_id}\t${order.status}\t${order.expires_at}\n`);
        ctx.logger.success(`${done} order ${order.order_id} (now ${order.status}).`);
      },
    );
  };
  stateChange('cancel', 'cancel an order with no captures (voids the whole authorization)', (o) => `Cancel order ${o}? The customer will not be charged.`, 'Cancelled');
  stateChange('release', 'release the remaining authorization of a partly captured order', (o) => `Release the uncaptured rest of order ${o}? It can then no longer be captured.`, 'Released the rest of');
  stateChange('extend', 'extend the authorization (now + 28 days, at most 90 days after purchase)', (o, e) => `Extend the authorization of order ${o} to ${e ?? '?'}?`, 'Extended');
}
