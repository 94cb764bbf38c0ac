/** `merchant logs`: the local developer log of backend calls (redacted; kept 30 days). */
import { Option, type Command } from 'commander';
import type { Context } from '../context.js';
import { examples, parsePositiveInt, withCsv, withJson } from '../options.js';

interface LogsOpts {
  since?: string;
  until?: string;
  status?: string;
  order?: string;
  link?: string;
  operation?: string;
  limit?: number;
  follow?: boolean;
  json?: boolean;
  csv?: boolean;
}

export function registerLogsCommands(program: Command, ctx: Context): void {
  examples(
    withCsv(
      withJson(
        program
          .command('logs')
          .description('developer log: every backend call (time, store, operation, status, duration, correlation and idempotency keys), redacted')
          .option('--since <when>', 'entries at or after: ISO date/time or a duration ago (15m, 2h, 7d)')
          .option('--until <when>', 'entries at or before: ISO date/time or a duration ago')
          .option('--status <status>', 'HTTP status (401), class (4xx), ok, error, or an error kind (auth, validation, ...)')
          .option('--order <id>', 'only calls about this order')
          .option('--link <id>', 'only calls about this payment link')
          .option('--operation <name>', 'an operation (orders.capture) or a prefix (orders)')
          .addOption(new Option('-L, --limit <n>', 'at most this many (the newest; default 1000)').argParser(parsePositiveInt('--limit')))
          .option('-f, --follow', 'keep printing new entries until Ctrl-C'),
      ),
    ),
    ['merchant logs --since 1h', 'merchant logs --status error --json', 'merchant logs --order 4f1c... ', 'merchant logs --operation orders --follow'],
  ).action(async (opts: LogsOpts) => {
    const { buildLogQuery, followLogs, queryLogs } = await import('../../services/logs/query-logs.js');
    const { renderList } = await import('../../output/render.js');
    const { logColumns, logJson } = await import('../../output/views/logs.js');
    const query = buildLogQuery(opts, ctx.clock.now());
    if (!opts.follow) {
      const rows = queryLogs(ctx.paths, query);
      await renderList(ctx.output(opts), rows, logColumns, (r) => r.map(logJson), { empty: 'No log entries match.' });
      return;
    }
    const out = ctx.output({ csv: opts.csv });
    const { signal } = ctx.cancellation;
    // Following ends with Ctrl-C (or SIGTERM): the current poll finishes, then the command returns.
    await ctx.cancellation.stoppable(() =>
      followLogs(
        ctx.paths,
        query,
        (entries) => {
          // JSON lines when following: one object per line, so a consumer can stream them.
          if (opts.json) for (const e of entries) ctx.io.stdout.write(`${JSON.stringify(logJson(e))}\n`);
          else void renderList({ ...out, mode: out.mode === 'table' ? 'plain' : out.mode }, entries, logColumns, () => null);
        },
        { sleep: () => sleepUnlessAborted(1000, signal), stopped: () => signal.aborted },
      ),
    );
  });
}

function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
