/** `merchant sandbox clock advance <duration>`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const clockAdvance = defineCommand({
  name: 'advance',
  description: 'move the sandbox clock forward',
  args: [{ name: 'duration', description: 'how far: 30m, 2h, 49h, 3d, 1w, 1h30m', dashValue: true }],
  options: [JSON_OPTION],
  examples: ['merchant sandbox clock advance 49h'],
  schema: (z) => z.object({ duration: z.string(), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { advanceSandboxClock } = await import('../../../services/sandbox/sandbox-admin.js');
    return advanceSandboxClock(await ctx.backend(), input.duration);
  },
  async render(ctx, result, input) {
    const { renderClockAdvanced } = await import('../../../output/views/sandbox.js');
    renderClockAdvanced(ctx, result, input.json === true);
  },
});
