/** `merchant keys verify`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, STORE_OPTION, outputFlags } from '../../shared-options.js';

export const keysVerify = defineCommand({
  name: 'verify',
  description: 'make one harmless authenticated call: does the key in use work, and for which store?',
  options: [STORE_OPTION, JSON_OPTION],
  examples: ['merchant keys verify', 'MERCHANT_API_KEY=... merchant keys verify --json'],
  schema: (z) => z.object({ store: z.string().optional(), ...outputFlags(z) }),
  async handler(ctx) {
    const { verifyKey } = await import('../../../services/keys/verify-key.js');
    return verifyKey(await ctx.backend(), ctx.credential());
  },
  async render(ctx, result, input) {
    const { renderKeyVerified } = await import('../../../output/views/keys.js');
    await renderKeyVerified(ctx.output(input), result);
  },
});
