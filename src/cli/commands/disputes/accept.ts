/** `merchant disputes accept <id>`: concede; the disputed amount leaves the next payout. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, YES_OPTION, outputFlags } from '../../shared-options.js';

export const disputesAccept = defineCommand({
  name: 'accept',
  description: 'concede an open dispute: the disputed amount leaves your next payout (no dispute fee)',
  args: [{ name: 'dispute', description: 'dispute ID (DSP-…)' }],
  options: [YES_OPTION, JSON_OPTION],
  examples: ['merchant disputes accept DSP-7K2M9QXA --yes'],
  schema: (z) => z.object({ dispute: z.string().trim().min(1), yes: z.boolean().optional(), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { acceptDispute } = await import('../../../services/disputes/answer-dispute.js');
    const { confirmOrAbort } = await import('../../../prompts/prompter.js');
    const { acceptQuestion } = await import('../../../output/views/disputes.js');
    return acceptDispute(await ctx.backend(), input.dispute, { confirm: (d) => confirmOrAbort(ctx.prompter, input.yes, acceptQuestion(d)) });
  },
  async render(ctx, result, input) {
    const { renderDisputeChange, disputeMessages } = await import('../../../output/views/disputes.js');
    renderDisputeChange(ctx, result.dispute, input.json === true, disputeMessages.accepted(result.dispute, result.already));
  },
});
