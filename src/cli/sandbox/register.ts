/** `merchant sandbox status|reset|clock`: the local provider itself. */
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { examples, withJson, withYes } from '../options.js';
import { registerSandboxLinksCommands } from './links.js';
import { registerSandboxFaultsCommands } from './faults.js';
import { registerSandboxOrdersCommands } from './orders-seed.js';
import { registerSandboxSeedCommands } from './seed.js';

export function registerSandboxCommands(program: Command, ctx: Context): void {
  const sandbox = program.command('sandbox').description('the local sandbox provider: status, reset, clock');

  examples(withJson(sandbox.command('status').description('where the sandbox lives, its clock, and how much it holds')), ['merchant sandbox status']).action(
    async (opts: { json?: boolean }) => {
      const { sandboxControls } = await import('../../services/sandbox/sandbox-admin.js');
      const { renderRecord } = await import('../../output/render.js');
      const { time } = await import('../../output/cells.js');
      const status = await sandboxControls(await ctx.backend()).status();
      await renderRecord(
        ctx.output(opts),
        [
          ['Database', status.database],
          ['Schema version', status.schema_version],
          ['Size', `${Math.ceil(status.size_bytes / 1024)} KiB`],
          ['Journal mode', status.journal_mode],
          ['Sandbox time', time(status.sandbox_time)],
          ['Clock offset', status.clock_offset_ms === 0 ? 'none (real time)' : `+${Math.round(status.clock_offset_ms / 60000)} min`],
          ...Object.entries(status.counts).map(([table, n]) => [`Rows: ${table}`, n] as const),
        ],
        status,
      );
    },
  );

  examples(withYes(sandbox.command('reset').description('delete all sandbox data and seed the demo stores again')), ['merchant sandbox reset --yes']).action(
    async (opts: { yes?: boolean }) => {
      const { sandboxControls } = await import('../../services/sandbox/sandbox-admin.js');
      const { confirmOrAbort } = await import('../../prompts/prompter.js');
      const controls = sandboxControls(await ctx.backend());
      await confirmOrAbort(ctx.prompter, opts.yes, 'Delete every link, order, payout and key in the sandbox and start over?');
      await controls.reset();
      ctx.logger.success('The sandbox was reset to its demo data.');
    },
  );

  const clock = sandbox.command('clock').description('the sandbox clock (links and authorizations expire by it)');
  examples(withJson(clock.command('show').description('print the sandbox time')), ['merchant sandbox clock show']).action(async (opts: { json?: boolean }) => {
    const { sandboxControls } = await import('../../services/sandbox/sandbox-admin.js');
    const status = await sandboxControls(await ctx.backend()).status();
    if (opts.json) ctx.io.stdout.write(`${JSON.stringify({ sandbox_time: status.sandbox_time, clock_offset_ms: status.clock_offset_ms })}\n`);
    else ctx.io.stdout.write(`${status.sandbox_time}\n`);
  });
  examples(
    withJson(clock.command('advance').argument('<duration>', 'how far: 30m, 2h, 49h, 3d, 1w, 1h30m').description('move the sandbox clock forward')),
    ['merchant sandbox clock advance 49h'],
  ).action(async (duration: string, opts: { json?: boolean }) => {
    const { advanceSandboxClock } = await import('../../services/sandbox/sandbox-admin.js');
    const result = await advanceSandboxClock(await ctx.backend(), duration);
    if (opts.json) ctx.io.stdout.write(`${JSON.stringify(result)}\n`);
    else ctx.io.stdout.write(`${result.sandbox_time}\n`);
  });

  registerSandboxLinksCommands(sandbox, ctx);
  registerSandboxFaultsCommands(sandbox, ctx);
  registerSandboxOrdersCommands(sandbox, ctx);
  registerSandboxSeedCommands(sandbox, ctx);
}
