/** `merchant sandbox disputes decide <id> won|lost|closed`: act as the provider deciding a dispute. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';
import { DISPUTE_DECISIONS } from '../../../domain/dispute-lifecycle.js';

export const disputesDecide = defineCommand({
  name: 'decide',
  description: 'act as the provider: decide a dispute won, lost (amount and fee leave the next payout) or closed (withdrawn)',
  args: [
    { name: 'dispute', description: 'dispute ID (DSP-…)' },
    { name: 'decision', description: DISPUTE_DECISIONS.join(' | ') },
  ],
  options: [JSON_OPTION],
  examples: ['merchant sandbox disputes decide DSP-7K2M9QXA lost'],
  schema: (z) =>
    z.object({
      dispute: z.string().trim().min(1),
      decision: z.enum(DISPUTE_DECISIONS, { error: `must be one of ${DISPUTE_DECISIONS.join(', ')}` }),
      ...outputFlags(z),
    }),
  async handler(ctx, input) {
    const { decideDispute } = await import('../../../services/sandbox/sandbox-disputes.js');
    return decideDispute(await ctx.backend(), input.dispute, input.decision);
  },
  async render(ctx, dispute, input) {
    const { renderDisputeChange, disputeMessages } = await import('../../../output/views/disputes.js');
    renderDisputeChange(ctx, dispute, input.json === true, disputeMessages.decided(dispute));
  },
});
