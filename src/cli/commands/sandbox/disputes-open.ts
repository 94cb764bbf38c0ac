/** `merchant sandbox disputes open <order>`: act as the customer disputing a captured order. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, STORE_OPTION, outputFlags } from '../../shared-options.js';
import { DISPUTE_REASONS } from '../../../domain/dispute-lifecycle.js';
import { orderScope } from '../orders/order-scope.js';

export const disputesOpen = defineCommand({
  name: 'open',
  description: 'act as the customer: dispute all or part of a captured order (respond within 14 days)',
  args: [{ name: 'order', description: 'order ID or merchant reference' }],
  options: [
    { flags: '--amount <amount>', description: "disputed amount in the order's currency (default: everything captured and not refunded or disputed)" },
    { flags: '--reason <reason>', description: `why: ${DISPUTE_REASONS.join(', ')}`, choices: DISPUTE_REASONS, defaultValue: 'goods_not_received' },
    STORE_OPTION,
    JSON_OPTION,
  ],
  examples: ['merchant sandbox disputes open 6f1e… --amount 50 --reason faulty_goods'],
  schema: (z) =>
    z.object({
      order: z.string().trim().min(1),
      amount: z.string().optional(),
      reason: z.enum(DISPUTE_REASONS, { error: `must be one of ${DISPUTE_REASONS.join(', ')}` }),
      store: z.string().optional(),
      ...outputFlags(z),
    }),
  async handler(ctx, input) {
    const { openDispute } = await import('../../../services/sandbox/sandbox-disputes.js');
    return openDispute(await ctx.backend(), { order: input.order, amount: input.amount, reason: input.reason, scope: orderScope(ctx, input.store) });
  },
  async render(ctx, dispute, input) {
    const { renderDisputeChange, disputeMessages } = await import('../../../output/views/disputes.js');
    renderDisputeChange(ctx, dispute, input.json === true, disputeMessages.opened(dispute));
  },
});
