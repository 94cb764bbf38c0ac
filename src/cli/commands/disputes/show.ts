/** `merchant disputes show <id>`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const disputesShow = defineCommand({
  name: 'show',
  description: 'one dispute: order, amount, reason, state, deadline, response and evidence',
  args: [{ name: 'dispute', description: 'dispute ID (DSP-…)' }],
  options: [JSON_OPTION],
  examples: ['merchant disputes show DSP-7K2M9QXA', 'merchant disputes show DSP-7K2M9QXA --json'],
  schema: (z) => z.object({ dispute: z.string().trim().min(1), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { showDispute } = await import('../../../services/disputes/list-disputes.js');
    return showDispute(await ctx.backend(), input.dispute);
  },
  async render(ctx, dispute, input) {
    const { renderDispute } = await import('../../../output/views/disputes.js');
    await renderDispute(ctx.output(input), dispute);
  },
});
