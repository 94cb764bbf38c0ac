/** `merchant sandbox orders seed`: create authorized orders quickly (demos, benchmarks, CI). */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, STORE_OPTION, outputFlags, positiveInt, NUMERIC_RANGES } from '../../shared-options.js';

export const ordersSeed = defineCommand({
  name: 'seed',
  description: 'create authorized orders as if customers had paid (one transaction); prints their IDs',
  options: [
    { flags: '--count <n>', description: 'how many orders (default: 1)' },
    { flags: '--reference-prefix <prefix>', description: 'merchant references are <prefix>-1, <prefix>-2, …' },
    STORE_OPTION,
    JSON_OPTION,
  ],
  examples: ['merchant sandbox orders seed --count 1000 --store se-demo > ids.txt', 'merchant sandbox orders seed --count 5 --reference-prefix SHOP --json'],
  schema: (z) => z.object({ count: positiveInt(z, NUMERIC_RANGES.count).default(1), referencePrefix: z.string().optional(), store: z.string().optional(), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { requireSeedStore, seedOrders } = await import('../../../services/sandbox/seed-orders.js');
    const storeId = requireSeedStore(ctx.storeId(input.store));
    const rows = await seedOrders(await ctx.backend(), { storeId, count: input.count, ...(input.referencePrefix ? { referencePrefix: input.referencePrefix } : {}) });
    return { rows, storeId };
  },
  async render(ctx, { rows, storeId }, input) {
    const { renderSeededOrders } = await import('../../../output/views/sandbox.js');
    renderSeededOrders(ctx, rows, storeId, input.json === true);
  },
});
