/** `merchant auth status`: which credential is in effect, where it came from, and what it is for. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, STORE_OPTION, outputFlags } from '../../shared-options.js';

export const authStatus = defineCommand({
  name: 'status',
  description: 'which key is in effect, its source (env or profile), environment and store',
  options: [STORE_OPTION, JSON_OPTION],
  examples: ['merchant auth status', 'merchant auth status --profile live --json'],
  schema: (z) => z.object({ store: z.string().optional(), ...outputFlags(z) }),
  async handler(ctx) {
    const { authStatus: status } = await import('../../../services/auth/auth-status.js');
    return status(ctx.credentials(), ctx.settings(), ctx.secretStores.keychain.unavailable());
  },
  async render(ctx, status, input) {
    const { renderAuthStatus } = await import('../../../output/views/auth.js');
    await renderAuthStatus(ctx.output(input), ctx.logger, status);
  },
});
