/** `merchant orders timeline <order>`. */
import { defineCommand } from '../../define-command.js';
import { CSV_OPTION, JSON_OPTION, STORE_OPTION, outputFlags } from '../../shared-options.js';
import { orderScope } from './order-scope.js';

export const ordersTimeline = defineCommand({
  name: 'timeline',
  description: 'everything that happened to an order, oldest first',
  args: [{ name: 'order', description: 'order ID, Kustom reference or merchant reference' }],
  options: [JSON_OPTION, CSV_OPTION, STORE_OPTION],
  examples: ['merchant orders timeline 6f1e…'],
  schema: (z) => z.object({ order: z.string(), store: z.string().optional(), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { orderTimeline } = await import('../../../services/orders/show-order.js');
    return orderTimeline(await ctx.backend(), input.order, orderScope(ctx, input.store));
  },
  async render(ctx, timeline, input) {
    const { renderOrderTimeline } = await import('../../../output/views/orders.js');
    await renderOrderTimeline(ctx.output(input), timeline);
  },
});
