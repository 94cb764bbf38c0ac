/** `merchant sandbox clock show`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const clockShow = defineCommand({
  name: 'show',
  description: 'print the sandbox time',
  options: [JSON_OPTION],
  examples: ['merchant sandbox clock show'],
  schema: (z) => z.object(outputFlags(z)),
  async handler(ctx) {
    const { sandboxControls } = await import('../../../services/sandbox/sandbox-admin.js');
    return sandboxControls(await ctx.backend()).status();
  },
  async render(ctx, status, input) {
    const { renderSandboxTime } = await import('../../../output/views/sandbox.js');
    renderSandboxTime(ctx, status, input.json === true);
  },
});
