/** `merchant settlements reconcile`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const settlementsReconcile = defineCommand({
  name: 'reconcile',
  description: "match a payout's transactions to your ledger CSV: matched, missing, amount mismatches, fee rows",
  options: [
    { flags: '--payout <payment-reference>', description: 'the payout to reconcile', required: true },
    { flags: '--ledger <file>', description: 'your ledger CSV (order_id / merchant_reference / capture_reference, amount; see README)', required: true },
    { flags: '--report-only', description: 'exit 0 even when something does not match (default: exit 7, see README "Exit codes")' },
    JSON_OPTION,
  ],
  examples: ['merchant settlements reconcile --payout XISA93DJ2K --ledger orders.csv', 'merchant settlements reconcile --payout XISA93DJ2K --ledger orders.csv --json | jq .totals'],
  schema: (z) => z.object({ payout: z.string(), ledger: z.string(), reportOnly: z.boolean().optional(), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { reconcile } = await import('../../../services/settlements/reconcile-payout.js');
    return reconcile(await ctx.backend(), { payout: input.payout, ledger: input.ledger });
  },
  async render(ctx, report, input) {
    const { renderReconcile } = await import('../../../output/views/settlements.js');
    await renderReconcile(ctx.output(input), report);
    if (!input.reportOnly) {
      const { assertReconciled } = await import('../../../services/settlements/reconcile-payout.js');
      assertReconciled(report);
    }
  },
});
