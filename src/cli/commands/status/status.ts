/** `merchant status`: the Portal's home page — what waits for the merchant, per store. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, STORE_OPTION, outputFlags } from '../../shared-options.js';
import { plainParser } from '../../plain-input.js';

export const homeStatusCommand = defineCommand({
  name: 'status',
  description: 'what waits for you, per store: uncaptured orders, authorizations expiring soon, unpaid links, balance and next payout, open disputes',
  options: [STORE_OPTION, JSON_OPTION],
  examples: ['merchant status', 'merchant status --store se-demo --json'],
  schema: (z) => z.object({ store: z.string().optional(), ...outputFlags(z) }),
  // The first command a merchant types: its command line is read without loading zod.
  plainParse: plainParser({ strings: ['store'], booleans: ['json', 'csv'] }),
  async handler(ctx, input) {
    const { homeStatus } = await import('../../../services/status/home-status.js');
    return homeStatus(await ctx.backend(), ctx.storeId(input.store));
  },
  async render(ctx, status, input) {
    const { renderHomeStatus } = await import('../../../output/views/status.js');
    renderHomeStatus(ctx.output(input), status);
  },
});
