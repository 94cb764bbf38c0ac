/** `merchant logs`: the developer log of backend calls (redacted; kept 30 days), this machine's or the shared one. */
import { defineCommand } from '../../define-command.js';
import { sharedDatabaseUrl } from '../orders/pending-location.js';
import type { Context } from '../../context.js';
import { CSV_OPTION, JSON_OPTION, outputFlags, positiveInt, NUMERIC_RANGES } from '../../shared-options.js';

export const logs = defineCommand({
  name: 'logs',
  description: 'developer log: every backend call (time, store, operation, status, duration, correlation and idempotency keys), redacted',
  options: [
    { flags: '--since <when>', description: 'entries at or after: ISO date/time or a duration ago (15m, 2h, 7d)' },
    { flags: '--until <when>', description: 'entries at or before: ISO date/time or a duration ago' },
    { flags: '--status <status>', description: 'HTTP status (401), class (4xx), ok, error, or an error kind (auth, validation, ...)' },
    { flags: '--order <id>', description: 'only calls about this order' },
    { flags: '--link <id>', description: 'only calls about this payment link' },
    { flags: '--operation <name>', description: 'an operation (orders.capture) or a prefix (orders)' },
    { flags: '-L, --limit <n>', description: 'at most this many (the newest; default 1000)' },
    { flags: '-f, --follow', description: 'keep printing new entries until Ctrl-C' },
    JSON_OPTION,
    CSV_OPTION,
  ],
  examples: ['merchant logs --since 1h', 'merchant logs --status error --json', 'merchant logs --order 4f1c... ', 'merchant logs --operation orders --follow'],
  schema: (z) =>
    z.object({
      since: z.string().optional(),
      until: z.string().optional(),
      status: z.string().optional(),
      order: z.string().optional(),
      link: z.string().optional(),
      operation: z.string().optional(),
      limit: positiveInt(z, NUMERIC_RANGES.limit).optional(),
      follow: z.boolean().optional(),
      ...outputFlags(z),
    }),
  async handler(ctx, input) {
    if (!input.follow) {
      const { searchLogs } = await import('../../../services/logs/query-logs.js');
      return searchLogs(logSource(ctx), input, ctx.clock.now());
    }
    const { followLogsUntil } = await import('../../../services/logs/query-logs.js');
    const { logFollower } = await import('../../../output/views/logs.js');
    const write = logFollower(ctx.output({ csv: input.csv }), input.json === true);
    // Following ends with Ctrl-C (or SIGTERM): the current poll finishes, then the command returns.
    // A reader that stops early (`| head`) ends it quietly.
    await ctx.cancellation.stoppable(() => followLogsUntil(logSource(ctx), input, ctx.clock.now(), write, ctx.cancellation.signal), { whenOutputCloses: 'end' });
    return undefined;
  },
  async render(ctx, rows, input) {
    if (rows === undefined) return;
    const { renderLogEntries } = await import('../../../output/views/logs.js');
    await renderLogEntries(ctx.output(input), rows);
  },
});

/** The kustom backend's calls are in the shared database's log when database_url is set, as the sink writes them. */
const logSource = (ctx: Context) => ({ paths: ctx.paths, databaseUrl: sharedDatabaseUrl(ctx) });
