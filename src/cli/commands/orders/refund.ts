/** `merchant orders refund <order>`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, STORE_OPTION, YES_OPTION, outputFlags } from '../../shared-options.js';
import { orderScope } from './order-scope.js';
import { pendingLocation } from './pending-location.js';

export const ordersRefund = defineCommand({
  name: 'refund',
  description: 'refund captured money, by lines or by amount, optionally keeping a return fee',
  args: [{ name: 'order', description: 'order ID, Kustom reference or merchant reference' }],
  options: [
    { flags: '--line <reference[:qty]>', description: 'refund this captured line (all, or qty); repeatable', repeatable: true },
    { flags: '--amount <amount>', description: 'refund this amount (tax included)' },
    { flags: '--return-fee <amount>', description: 'keep this much back as a return fee' },
    { flags: '--reference <ref>', description: 'refund reference (names the return: the same reference again refunds once)' },
    { flags: '--description <text>', description: 'refund description' },
    { flags: '--another', description: 'refund again an amount (or lines) the order already has a refund of, on purpose' },
    JSON_OPTION,
    YES_OPTION,
    STORE_OPTION,
  ],
  examples: ['merchant orders refund 6f1e… --amount 100 --yes', 'merchant orders refund 6f1e… --line SKU-1:1 --return-fee 49 --yes'],
  schema: (z) =>
    z.object({
      order: z.string(),
      line: z.array(z.string()).optional(),
      amount: z.string().optional(),
      returnFee: z.string().optional(),
      reference: z.string().optional(),
      description: z.string().optional(),
      another: z.boolean().optional(),
      yes: z.boolean().optional(),
      store: z.string().optional(),
      ...outputFlags(z),
    }),
  async handler(ctx, input) {
    const { refundOrder } = await import('../../../services/orders/confirmed-write.js');
    const { confirmOrAbort } = await import('../../../prompts/prompter.js');
    const { question, resumedNotice } = await import('../../../output/views/orders.js');
    const flags = { amount: input.amount, lines: input.line, returnFee: input.returnFee, reference: input.reference, description: input.description, another: input.another };
    return refundOrder(await ctx.backend(), input.order, flags, {
      scope: orderScope(ctx, input.store),
      pending: pendingLocation(ctx),
      gate: ctx.writeGate,
      onResume: () => ctx.logger.info(resumedNotice('refund')),
      confirm: (_prepared, action) => confirmOrAbort(ctx.prompter, input.yes, question(action)),
    });
  },
  async render(ctx, done, input) {
    const { renderRefundDone } = await import('../../../output/views/orders.js');
    renderRefundDone(ctx, done, input.json === true);
  },
});
