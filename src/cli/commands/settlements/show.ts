/** `merchant settlements show <payment-reference>`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const settlementsShow = defineCommand({
  name: 'show',
  description: 'one payout: its totals and the breakdown that explains the amount paid',
  args: [{ name: 'payment-reference', description: "the payout's payment reference" }],
  options: [JSON_OPTION],
  examples: ['merchant settlements show XISA93DJ2K', 'merchant settlements show XISA93DJ2K --json'],
  schema: (z) => z.object({ 'payment-reference': z.string(), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { showPayout } = await import('../../../services/settlements/show-payout.js');
    return showPayout(await ctx.backend(), input['payment-reference']);
  },
  async render(ctx, payout, input) {
    const { renderPayoutDetails } = await import('../../../output/views/settlements.js');
    await renderPayoutDetails(ctx.output(input), payout);
  },
});
