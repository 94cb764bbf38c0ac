/** `merchant settlements payouts`. */
import { defineCommand } from '../../define-command.js';
import { ALL_OPTION, CSV_OPTION, JSON_OPTION, limitOption, outputFlags, positiveInt, NUMERIC_RANGES } from '../../shared-options.js';

export const settlementsPayouts = defineCommand({
  name: 'payouts',
  description: 'list payouts, newest first (all stores unless --store)',
  options: [
    { flags: '--from <date>', description: 'payout date on or after (YYYY-MM-DD, UTC)' },
    { flags: '--to <date>', description: 'payout date on or before (YYYY-MM-DD, UTC)' },
    { flags: '--currency <code>', description: 'only payouts in this currency' },
    { flags: '-s, --store <id>', description: 'only this store (default: every store, as links list)' },
    JSON_OPTION,
    CSV_OPTION,
    limitOption(20),
    ALL_OPTION,
  ],
  examples: ['merchant settlements payouts', 'merchant settlements payouts --from 2026-03-01 --to 2026-03-31 --all --csv > march.csv', 'merchant settlements payouts --json | jq ".[0].totals"'],
  schema: (z) =>
    z.object({
      from: z.string().optional(),
      to: z.string().optional(),
      currency: z.string().optional(),
      store: z.string().optional(),
      limit: positiveInt(z, NUMERIC_RANGES.limit).default(20),
      all: z.boolean().optional(),
      ...outputFlags(z),
    }),
  async handler(ctx, input) {
    const { listPayouts } = await import('../../../services/settlements/list-payouts.js');
    return listPayouts(await ctx.backend(), { storeId: input.store, from: input.from, to: input.to, currency: input.currency, limit: input.limit, all: input.all });
  },
  async render(ctx, rows, input) {
    const { renderPayoutList } = await import('../../../output/views/settlements.js');
    await renderPayoutList(ctx.output(input), rows);
  },
});
