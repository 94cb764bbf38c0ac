/** `merchant sandbox faults show`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const faultsShow = defineCommand({
  name: 'show',
  description: 'the fault spec in force and where it comes from',
  options: [JSON_OPTION],
  examples: ['merchant sandbox faults show'],
  schema: (z) => z.object(outputFlags(z)),
  async handler(ctx) {
    const { faultsStatus } = await import('../../../services/sandbox/sandbox-faults.js');
    return faultsStatus(await ctx.backend(), ctx.env);
  },
  async render(ctx, status, input) {
    const { renderFaults } = await import('../../../output/views/sandbox.js');
    renderFaults(ctx, status, input.json === true);
  },
});
