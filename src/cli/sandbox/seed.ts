/** `merchant sandbox seed`: bulk data for exports and benchmarks. */
import type { Command } from 'commander';
import { Option } from 'commander';
import type { Context } from '../context.js';
import { examples, parsePositiveInt, withJson } from '../options.js';

export function registerSandboxSeedCommands(sandbox: Command, ctx: Context): void {
  examples(
    withJson(
      sandbox
        .command('seed')
        .description('create volume: orders, captures, refunds and their payouts over past months (fast, one transaction)')
        .addOption(new Option('--transactions <n>', 'about this many settlement transactions in total').argParser(parsePositiveInt('--transactions')).default(10_000))
        .option('--stores <ids>', 'comma-separated store IDs', 'se-demo,de-demo')
        .addOption(new Option('--months <n>', 'spread over this many months before now (1–36)').argParser(parsePositiveInt('--months')).default(12))
        .addOption(new Option('--seed <n>', 'random seed, for reproducible data').argParser(parsePositiveInt('--seed'))),
    ),
    ['merchant sandbox seed --transactions 1000000 --stores se-demo,de-demo --months 12', 'merchant sandbox seed --transactions 5000 --months 1 --json'],
  ).action(async (opts: { transactions: number; stores: string; months: number; seed?: number; json?: boolean }) => {
    const { checkSeedOptions, seedSandboxVolume } = await import('../../services/sandbox/seed-volume.js');
    const { writeJson } = await import('../../output/render.js');
    const started = Date.now();
    const stores = opts.stores.split(',').map((s) => s.trim()).filter((s) => s !== '');
    // Refuse bad flags before announcing a seed that will not happen.
    checkSeedOptions({ transactions: opts.transactions, stores, months: opts.months });
    ctx.logger.info(`Seeding about ${opts.transactions} settlement transactions over ${opts.months} months for ${stores.join(', ')}…`);
    const result = await seedSandboxVolume(await ctx.backend(), { transactions: opts.transactions, stores, months: opts.months, seed: opts.seed });
    if (opts.json) writeJson(ctx.io, result);
    ctx.logger.success(
      `Seeded ${result.orders} orders, ${result.captures} captures, ${result.refunds} refunds, ${result.payouts} payouts, ${result.transactions} transactions (${result.pending_movements} pending) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
  });
}
