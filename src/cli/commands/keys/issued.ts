/** `merchant keys issued` (sandbox). */
import { defineCommand } from '../../define-command.js';
import { CSV_OPTION, JSON_OPTION, outputFlags } from '../../shared-options.js';

export const keysIssued = defineCommand({
  name: 'issued',
  description: 'sandbox: keys the sandbox has issued (masked), with role, expiry and revocation',
  options: [JSON_OPTION, CSV_OPTION],
  examples: ['merchant keys issued'],
  schema: (z) => z.object(outputFlags(z)),
  async handler(ctx) {
    const { listSandboxKeys } = await import('../../../services/keys/sandbox-keys.js');
    return listSandboxKeys(await ctx.backend());
  },
  async render(ctx, rows, input) {
    const { renderIssuedKeys } = await import('../../../output/views/keys.js');
    await renderIssuedKeys(ctx.output(input), rows);
  },
});
