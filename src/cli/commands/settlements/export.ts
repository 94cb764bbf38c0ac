/** `merchant settlements export`: the CSV streams to stdout or a file (written atomically). */
import { defineCommand } from '../../define-command.js';
import { DIALECTS } from '../../../domain/settlement-csv.js';

export const settlementsExport = defineCommand({
  name: 'export',
  description: 'write settlement transactions as CSV: one payout, a payout-date range (≤ 32 days) or a transaction report',
  options: [
    { flags: '--payout <payment-reference>', description: 'every transaction of this payout' },
    { flags: '--from <date>', description: 'first day (YYYY-MM-DD, UTC) of a payout-date range (at most 32 days)' },
    { flags: '--to <date>', description: 'last day (YYYY-MM-DD, UTC), included' },
    { flags: '--month <yyyy-mm>', description: 'a calendar month instead of --from/--to' },
    { flags: '--transactions', description: 'transaction report: select by capture date instead of payout date' },
    { flags: '--columns <list>', description: 'comma-separated column names, in this order (see README "Settlements")' },
    { flags: '--dialect <dialect>', description: 'rfc4180 (comma, ISO dates), excel (BOM, comma), excel-eu (BOM, semicolon, decimal comma)', choices: DIALECTS, defaultValue: 'rfc4180' },
    { flags: '--amounts <unit>', description: 'major (12.50) or minor (1250)', choices: ['major', 'minor'], defaultValue: 'major' },
    { flags: '-o, --out <file>', description: 'write to this file (atomically: a temporary file renamed when complete); - or none for stdout' },
    { flags: '-s, --store <id>', description: 'only this store (default: every store, as links list)' },
  ],
  examples: [
    'merchant settlements export --payout XISA93DJ2K --out payout.csv',
    'merchant settlements export --month 2026-03 --dialect excel-eu --out mars.csv',
    'merchant settlements export --from 2026-03-01 --to 2026-03-15 --transactions --columns capture_date,order_id,type,amount',
    'merchant settlements export --month 2026-03 | head',
  ],
  schema: (z) =>
    z.object({
      payout: z.string().optional(),
      from: z.string().optional(),
      to: z.string().optional(),
      month: z.string().optional(),
      transactions: z.boolean().optional(),
      columns: z.string().optional(),
      dialect: z.string(),
      amounts: z.string(),
      out: z.string().optional(),
      store: z.string().optional(),
    }),
  async handler(ctx, input) {
    const { exportFormat, exportSettlements } = await import('../../../services/settlements/export-settlements.js');
    const format = exportFormat(input);
    const backend = await ctx.backend();
    return ctx.cancellation.stoppable(() =>
      exportSettlements(backend, {
        ...format,
        payout: input.payout,
        from: input.from,
        to: input.to,
        month: input.month,
        transactions: input.transactions,
        storeId: input.store,
        out: input.out,
        stdout: ctx.io.stdout,
        signal: ctx.cancellation.signal,
      }),
      // A reader that stops early (`| head`) ends the export quietly: it moved nothing.
      { whenOutputCloses: 'end' },
    );
  },
  async render(ctx, result) {
    const { logExportDone } = await import('../../../output/views/settlements.js');
    logExportDone(ctx.logger, result);
  },
});
