/** `merchant sandbox orders seed`: create authorized orders quickly (demos, benchmarks, CI). */
import { Option, type Command } from 'commander';
import type { Context } from '../context.js';
import { examples, parsePositiveInt, withJson, withStore } from '../options.js';

export function registerSandboxOrdersCommands(sandbox: Command, ctx: Context): void {
  const orders = sandbox.command('orders').description('sandbox-only order controls');
  examples(
    withJson(
      withStore(
        orders
          .command('seed')
          .description('create authorized orders as if customers had paid (one transaction); prints their IDs')
          .addOption(new Option('--count <n>', 'how many orders').default(1).argParser(parsePositiveInt('--count')))
          .option('--reference-prefix <prefix>', 'merchant references are <prefix>-1, <prefix>-2, …'),
      ),
    ),
    ['merchant sandbox orders seed --count 1000 --store se-demo > ids.txt', 'merchant sandbox orders seed --count 5 --reference-prefix SHOP --json'],
  ).action(async (opts: { count: number; referencePrefix?: string; store?: string; json?: boolean }) => {
    const { seedOrders } = await import('../../services/sandbox/seed-orders.js');
    const { UsageError } = await import('../../errors.js');
    const storeId = opts.store ?? ctx.settings().store.value;
    if (!storeId) throw new UsageError('Missing a value for --store.', { hint: 'Pass --store se-demo.' });
    const rows = await seedOrders(await ctx.backend(), { storeId, count: opts.count, ...(opts.referencePrefix ? { referencePrefix: opts.referencePrefix } : {}) });
    if (opts.json) ctx.io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else ctx.io.stdout.write(rows.map((r) => `${r.order_id}\n`).join(''));
    ctx.logger.success(`Created ${rows.length} authorized order(s) in ${storeId}.`);
  });
}
