/** `merchant sandbox reset`. */
import { defineCommand } from '../../define-command.js';
import { YES_OPTION } from '../../shared-options.js';

export const sandboxReset = defineCommand({
  name: 'reset',
  description: 'delete all sandbox data and seed the demo stores again',
  options: [YES_OPTION],
  examples: ['merchant sandbox reset --yes'],
  schema: (z) => z.object({ yes: z.boolean().optional() }),
  async handler(ctx, input) {
    const { sandboxControls } = await import('../../../services/sandbox/sandbox-admin.js');
    const { confirmOrAbort } = await import('../../../prompts/prompter.js');
    const { resetQuestion } = await import('../../../output/views/sandbox.js');
    const controls = sandboxControls(await ctx.backend());
    await confirmOrAbort(ctx.prompter, input.yes, resetQuestion);
    await controls.reset();
  },
  async render(ctx) {
    const { renderSandboxReset } = await import('../../../output/views/sandbox.js');
    renderSandboxReset(ctx);
  },
});
