/** `merchant sandbox faults set <spec>`. */
import { defineCommand } from '../../define-command.js';

export const faultsSet = defineCommand({
  name: 'set',
  description: 'store a fault spec (MERCHANT_SANDBOX_FAULTS, when set, wins over it)',
  args: [{ name: 'spec', description: 'e.g. transient=0.2,rate_limited=0.1,timeout_after_commit=0.1,retry_after_ms=50,seed=42' }],
  examples: ['merchant sandbox faults set transient=0.2,timeout_after_commit=0.1,seed=42'],
  schema: (z) => z.object({ spec: z.string() }),
  async handler(ctx, input) {
    const { setFaults } = await import('../../../services/sandbox/sandbox-faults.js');
    return setFaults(await ctx.backend(), input.spec);
  },
  async render(ctx, stored) {
    const { renderFaultsSet } = await import('../../../output/views/sandbox.js');
    renderFaultsSet(ctx, stored);
  },
});
