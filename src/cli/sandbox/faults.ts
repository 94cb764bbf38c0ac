/** `merchant sandbox faults set|clear|show`: fault injection for testing bulk capture's guarantees. */
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { examples, withJson } from '../options.js';

export function registerSandboxFaultsCommands(sandbox: Command, ctx: Context): void {
  const faults = sandbox.command('faults').description('inject faults into sandbox order requests (transient, rate limited, timeout after commit)');

  examples(withJson(faults.command('show').description('the fault spec in force and where it comes from')), ['merchant sandbox faults show']).action(async (opts: { json?: boolean }) => {
    const { faultsStatus } = await import('../../services/sandbox/sandbox-faults.js');
    const { formatFaultSpec } = await import('../../backends/sandbox/faults.js');
    const status = await faultsStatus(await ctx.backend());
    if (opts.json) ctx.io.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
    else ctx.io.stdout.write(`${formatFaultSpec(status.in_force) || 'none'}\t${status.source}\n`);
  });

  examples(
    faults
      .command('set')
      .argument('<spec>', 'e.g. transient=0.2,rate_limited=0.1,timeout_after_commit=0.1,retry_after_ms=50,seed=42')
      .description('store a fault spec (MERCHANT_SANDBOX_FAULTS, when set, wins over it)'),
    ['merchant sandbox faults set transient=0.2,timeout_after_commit=0.1,seed=42'],
  ).action(async (spec: string) => {
    const { setFaults } = await import('../../services/sandbox/sandbox-faults.js');
    const stored = await setFaults(await ctx.backend(), spec);
    ctx.logger.success(stored ? `Sandbox faults set: ${stored}` : 'No faults set (every share was 0).');
  });

  examples(faults.command('clear').description('stop injecting stored faults'), ['merchant sandbox faults clear']).action(async () => {
    const { setFaults } = await import('../../services/sandbox/sandbox-faults.js');
    await setFaults(await ctx.backend(), null);
    ctx.logger.success('Sandbox faults cleared.');
  });
}
