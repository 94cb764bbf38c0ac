/** `merchant sandbox …`: the local provider itself, acting as the customer, faults and seeds, in --help order. */
import type { Command } from 'commander';
import type { Context } from '../../context.js';
import { attachNoun } from '../../define-command.js';
import { clockAdvance } from './clock-advance.js';
import { clockShow } from './clock-show.js';
import { disputesDecide } from './disputes-decide.js';
import { disputesOpen } from './disputes-open.js';
import { faultsClear } from './faults-clear.js';
import { faultsSet } from './faults-set.js';
import { faultsShow } from './faults-show.js';
import { sandboxOpen } from './open.js';
import { ordersSeed } from './orders-seed.js';
import { sandboxOutbox } from './outbox.js';
import { sandboxPay } from './pay.js';
import { sandboxReset } from './reset.js';
import { sandboxSeed } from './seed.js';
import { sandboxStatus } from './status.js';

export function registerSandboxCommands(program: Command, ctx: Context): void {
  const sandbox = attachNoun(program, ctx, 'sandbox', 'the local sandbox provider: status, reset, clock, outbox, open/pay a link as the customer, faults, seeded orders and volume, disputes', [sandboxStatus, sandboxReset]);
  attachNoun(sandbox, ctx, 'clock', 'the sandbox clock (links and authorizations expire by it)', [clockShow, clockAdvance]);
  for (const verb of [sandboxOutbox, sandboxOpen, sandboxPay]) verb.attach(sandbox, ctx);
  attachNoun(sandbox, ctx, 'faults', 'inject faults into sandbox order requests (transient, rate limited, timeout after commit)', [faultsShow, faultsSet, faultsClear]);
  attachNoun(sandbox, ctx, 'orders', 'sandbox-only order controls', [ordersSeed]);
  attachNoun(sandbox, ctx, 'disputes', 'act as the customer opening a dispute and the provider deciding it', [disputesOpen, disputesDecide]);
  sandboxSeed.attach(sandbox, ctx);
}
