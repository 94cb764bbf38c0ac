/** `merchant sandbox status`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const sandboxStatus = defineCommand({
  name: 'status',
  description: 'where the sandbox lives, its clock, and how much it holds',
  options: [JSON_OPTION],
  examples: ['merchant sandbox status'],
  schema: (z) => z.object(outputFlags(z)),
  async handler(ctx) {
    const { sandboxControls } = await import('../../../services/sandbox/sandbox-admin.js');
    return sandboxControls(await ctx.backend()).status();
  },
  async render(ctx, status, input) {
    const { renderSandboxStatus } = await import('../../../output/views/sandbox.js');
    await renderSandboxStatus(ctx.output(input), status);
  },
});
