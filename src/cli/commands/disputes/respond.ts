/** `merchant disputes respond <id> --text … [--evidence <file>…]`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const disputesRespond = defineCommand({
  name: 'respond',
  description: 'answer an open dispute with text and evidence (PDF, at most 5 MB each, up to 5 files); it goes under review',
  args: [{ name: 'dispute', description: 'dispute ID (DSP-…)' }],
  options: [
    { flags: '--text <text>', description: 'your explanation (at most 5000 characters)', required: true },
    { flags: '--evidence <file>', description: 'an evidence PDF (repeatable)', repeatable: true },
    JSON_OPTION,
  ],
  examples: ['merchant disputes respond DSP-7K2M9QXA --text "Delivered on 3 Nov, signed for" --evidence proof-of-delivery.pdf'],
  schema: (z) => z.object({ dispute: z.string().trim().min(1), text: z.string(), evidence: z.array(z.string()).default([]), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { respondToDispute } = await import('../../../services/disputes/answer-dispute.js');
    return respondToDispute(await ctx.backend(), input.dispute, { text: input.text, evidence: input.evidence });
  },
  async render(ctx, dispute, input) {
    const { renderDisputeChange, disputeMessages } = await import('../../../output/views/disputes.js');
    renderDisputeChange(ctx, dispute, input.json === true, disputeMessages.responded(dispute));
  },
});
