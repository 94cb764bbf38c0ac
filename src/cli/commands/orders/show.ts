/** `merchant orders show <order>`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, STORE_OPTION, outputFlags } from '../../shared-options.js';
import { orderScope } from './order-scope.js';

export const ordersShow = defineCommand({
  name: 'show',
  description: 'one order: lines with captured/refunded quantities, amounts, expiry, captures, refunds',
  args: [{ name: 'order', description: 'order ID, Kustom reference or merchant reference' }],
  options: [JSON_OPTION, STORE_OPTION],
  examples: ['merchant orders show 6f1e…', 'merchant orders show SHOP-1042 --json'],
  schema: (z) => z.object({ order: z.string(), store: z.string().optional(), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { showOrder } = await import('../../../services/orders/show-order.js');
    return showOrder(await ctx.backend(), input.order, orderScope(ctx, input.store));
  },
  async render(ctx, order, input) {
    const { renderOrderDetails } = await import('../../../output/views/orders.js');
    await renderOrderDetails(ctx.output(input), order);
  },
});
