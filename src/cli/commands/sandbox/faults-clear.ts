/** `merchant sandbox faults clear`. */
import { defineCommand } from '../../define-command.js';

export const faultsClear = defineCommand({
  name: 'clear',
  description: 'stop injecting stored faults',
  examples: ['merchant sandbox faults clear'],
  schema: (z) => z.object({}),
  async handler(ctx) {
    const { setFaults } = await import('../../../services/sandbox/sandbox-faults.js');
    await setFaults(await ctx.backend(), null);
  },
  async render(ctx) {
    const { renderFaultsCleared } = await import('../../../output/views/sandbox.js');
    renderFaultsCleared(ctx);
  },
});
