/** `merchant sandbox seed`: bulk data for exports and benchmarks. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags, positiveInt, NUMERIC_RANGES } from '../../shared-options.js';

export const sandboxSeed = defineCommand({
  name: 'seed',
  description: 'create volume: orders, captures, refunds and their payouts over past months (fast, one transaction)',
  options: [
    { flags: '--transactions <n>', description: 'about this many settlement transactions in total (default: 10000)' },
    { flags: '--stores <ids>', description: 'comma-separated store IDs', defaultValue: 'se-demo,de-demo' },
    { flags: '--months <n>', description: 'spread over this many months before now (1–36) (default: 12)' },
    { flags: '--seed <n>', description: 'random seed, for reproducible data' },
    JSON_OPTION,
  ],
  examples: ['merchant sandbox seed --transactions 1000000 --stores se-demo,de-demo --months 12', 'merchant sandbox seed --transactions 5000 --months 1 --json'],
  schema: (z) =>
    z.object({
      transactions: positiveInt(z, NUMERIC_RANGES.transactions).default(10_000),
      stores: z.string(),
      months: positiveInt(z, NUMERIC_RANGES.months).default(12),
      seed: positiveInt(z, NUMERIC_RANGES.seed).optional(),
      ...outputFlags(z),
    }),
  async handler(ctx, input) {
    const { seedOptionsFrom, seedSandboxVolume } = await import('../../../services/sandbox/seed-volume.js');
    const { announceSeed } = await import('../../../output/views/sandbox.js');
    // Bad flags are refused before a seed that will not happen is announced.
    const options = seedOptionsFrom(input);
    announceSeed(ctx.logger, options);
    const started = Date.now();
    const result = await seedSandboxVolume(await ctx.backend(), options);
    return { result, elapsedMs: Date.now() - started };
  },
  async render(ctx, { result, elapsedMs }, input) {
    const { renderSeeded } = await import('../../../output/views/sandbox.js');
    renderSeeded(ctx, result, elapsedMs, input.json === true);
  },
});
