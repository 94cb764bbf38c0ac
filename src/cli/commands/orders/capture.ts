/** `merchant orders capture [orders...]`: one order, or many at once (see capture-bulk.ts). */
import { defineCommand } from '../../define-command.js';
import { CSV_OPTION, JSON_OPTION, STORE_OPTION, YES_OPTION, outputFlags, positiveInt, NUMERIC_RANGES, wholeNumberUpTo } from '../../shared-options.js';
import { isStringList, plainFields } from '../../plain-input.js';
import type { CaptureDone } from '../../../services/orders/confirmed-write.js';
import type { BulkCaptureRun } from './capture-bulk.js';
import { orderScope } from './order-scope.js';
import { pendingLocation } from './pending-location.js';

type CaptureRun = { mode: 'one'; done: CaptureDone } | BulkCaptureRun;

export const ordersCapture = defineCommand({
  name: 'capture',
  description: 'capture one order (in full, some lines, or an amount) or many at once (exactly once, resumable)',
  args: [{ name: 'orders', description: 'order IDs or merchant references; "-" reads one per line from stdin', optional: true, variadic: true }],
  options: [
    { flags: '--line <reference[:qty]>', description: 'capture this line (all open units, or qty); repeatable', repeatable: true },
    { flags: '--amount <amount>', description: 'capture this amount (in the order currency)' },
    { flags: '--reference <ref>', description: 'capture reference (appears in settlement files)' },
    { flags: '--description <text>', description: 'capture description' },
    { flags: '--carrier <name>', description: 'shipping company' },
    { flags: '--tracking-number <number>', description: 'shipment tracking number' },
    { flags: '--tracking-url <url>', description: 'shipment tracking URL' },
    { flags: '--another', description: 'capture again an amount (or lines) the order already has a capture of, on purpose' },
    { flags: '--from <file.csv>', description: 'bulk: read orders from a CSV file ("-" for stdin); see README "Bulk capture"' },
    { flags: '--plan-out <file.json>', description: 'bulk: write the plan to a file and stop (review it, then --apply)' },
    { flags: '--apply <file.json>', description: 'bulk: execute exactly the plan in this file' },
    { flags: '--concurrency <n>', description: 'bulk: requests in flight at once, 1–64', defaultValue: 8 },
    { flags: '--results <file.csv>', description: 'bulk: write every row\'s result to this CSV file (default on a terminal: <input>.results.csv)' },
    { flags: '--verbose', description: 'bulk: on a terminal, also print every row\'s result (a table) after the summary' },
    JSON_OPTION,
    CSV_OPTION,
    YES_OPTION,
    STORE_OPTION,
  ],
  examples: [
    'merchant orders capture 6f1e… --yes',
    'merchant orders capture 6f1e… --line SKU-1:2 --carrier PostNord --tracking-number 123 --yes',
    'cat shipped.txt | merchant orders capture - --yes --json > results.ndjson',
    'merchant orders capture --from shipped.csv --plan-out plan.json',
    'merchant orders capture --apply plan.json --yes --results results.csv',
  ],
  schema: (z) =>
    z.object({
      orders: z.array(z.string()).default([]),
      line: z.array(z.string()).optional(),
      amount: z.string().optional(),
      reference: z.string().optional(),
      description: z.string().optional(),
      carrier: z.string().optional(),
      trackingNumber: z.string().optional(),
      trackingUrl: z.string().optional(),
      another: z.boolean().optional(),
      from: z.string().optional(),
      planOut: z.string().optional(),
      apply: z.string().optional(),
      concurrency: z.preprocess(String, positiveInt(z, NUMERIC_RANGES.concurrency)),
      results: z.string().optional(),
      verbose: z.boolean().optional(),
      yes: z.boolean().optional(),
      store: z.string().optional(),
      ...outputFlags(z),
    }),
  // A bulk run's start-up is part of its time: its command line is read without loading zod.
  plainParse: (raw) => {
    const fields = plainFields(raw, {
      strings: ['amount', 'reference', 'description', 'carrier', 'trackingNumber', 'trackingUrl', 'from', 'planOut', 'apply', 'results', 'store'],
      booleans: ['another', 'verbose', 'yes', 'json', 'csv'],
      stringLists: ['line'],
    });
    const orders = raw['orders'] ?? [];
    const concurrency = wholeNumberUpTo(String(raw['concurrency']), NUMERIC_RANGES.concurrency);
    if (fields === undefined || !isStringList(orders) || concurrency === undefined) return undefined;
    return { ...fields, orders: [...orders], concurrency };
  },
  async handler(ctx, input): Promise<CaptureRun> {
    const { captureMode } = await import('../../../services/orders/capture-mode.js');
    const mode = captureMode(input.orders, input);
    if (mode.mode === 'bulk') {
      const { runBulkCapture } = await import('./capture-bulk.js');
      return runBulkCapture(ctx, input);
    }
    const { captureOrder } = await import('../../../services/orders/confirmed-write.js');
    const { confirmOrAbort } = await import('../../../prompts/prompter.js');
    const { question, resumedNotice } = await import('../../../output/views/orders.js');
    const flags = { amount: input.amount, lines: input.line, reference: input.reference, description: input.description, carrier: input.carrier, trackingNumber: input.trackingNumber, trackingUrl: input.trackingUrl, another: input.another };
    const done = await captureOrder(await ctx.backend(), mode.order, flags, {
      scope: orderScope(ctx, input.store),
      pending: pendingLocation(ctx),
      gate: ctx.writeGate,
      onResume: () => ctx.logger.info(resumedNotice('capture')),
      confirm: (_prepared, action) => confirmOrAbort(ctx.prompter, input.yes, question(action)),
    });
    return { mode: 'one', done };
  },
  async render(ctx, run, input) {
    if (run.mode === 'one') {
      const { renderCaptureDone } = await import('../../../output/views/orders.js');
      renderCaptureDone(ctx, run.done, input.json === true);
      return;
    }
    const { logBulkSummary, renderBulkResults, writePlanFile } = await import('../../../output/views/orders-bulk.js');
    const { bulkRowsShown } = await import('../../../output/views/bulk-summary.js');
    try {
      if (input.planOut) {
        // Stoppable: Ctrl-C while the file is written removes what was written, not the process at once.
        const { planOut } = input;
        await ctx.cancellation.stoppable(() => writePlanFile(planOut, run.outcome.plan, ctx.logger, ctx.cancellation.signal));
        return;
      }
      const { results } = run.outcome;
      const target = ctx.output(input);
      if (results) {
        await renderBulkResults(target, results, run.resultsFile, input.verbose);
        logBulkSummary(ctx.logger, run.outcome.plan.run_id, results, { elapsedMs: run.elapsedMs, resultsFile: run.resultsFile, rowsShown: bulkRowsShown(target.mode, input.verbose) });
      }
    } finally {
      run.outcome.release();
    }
    if (run.failure) throw run.failure;
  },
});
