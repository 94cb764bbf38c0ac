/** `merchant settlements balance`. */
import { defineCommand } from '../../define-command.js';
import { CSV_OPTION, JSON_OPTION, STORE_OPTION, outputFlags } from '../../shared-options.js';

export const settlementsBalance = defineCommand({
  name: 'balance',
  description: 'captured but not yet paid out (net of the fees it will carry), per currency',
  options: [STORE_OPTION, JSON_OPTION, CSV_OPTION],
  examples: ['merchant settlements balance', 'merchant settlements balance --store de-demo --json'],
  schema: (z) => z.object({ store: z.string().optional(), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { settlementBalance } = await import('../../../services/settlements/settlement-balance.js');
    return settlementBalance(await ctx.backend(), ctx.storeId(input.store));
  },
  async render(ctx, lines, input) {
    const { renderBalance } = await import('../../../output/views/settlements.js');
    await renderBalance(ctx.output(input), lines);
  },
});
