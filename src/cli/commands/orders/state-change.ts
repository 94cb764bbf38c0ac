/** `merchant orders cancel|release|extend <order>`: one shape, three verbs (cancel.ts, release.ts, extend.ts). */
import { defineCommand, type CommandDefinition } from '../../define-command.js';
import { JSON_OPTION, STORE_OPTION, YES_OPTION, outputFlags } from '../../shared-options.js';
import type { StateChange } from '../../../services/orders/order-state-change.js';
import { orderScope } from './order-scope.js';
import { pendingLocation } from './pending-location.js';

export interface StateChangeWords {
  description: string;
  /** The confirmation question (`expiry`: the new expiry of an extension). */
  question: (orderId: string, expiry?: string) => string;
  /** How the success message starts, e.g. "Cancelled". */
  done: string;
}

export function stateChangeCommand(change: StateChange, words: StateChangeWords): CommandDefinition {
  return defineCommand({
    name: change,
    description: words.description,
    args: [{ name: 'order', description: 'order ID, Kustom reference or merchant reference' }],
    options: [JSON_OPTION, YES_OPTION, STORE_OPTION],
    examples: [`merchant orders ${change} 6f1e… --yes`],
    schema: (z) => z.object({ order: z.string(), yes: z.boolean().optional(), store: z.string().optional(), ...outputFlags(z) }),
    async handler(ctx, input) {
      const { changeOrderState } = await import('../../../services/orders/confirmed-write.js');
      const { confirmOrAbort } = await import('../../../prompts/prompter.js');
      const { resumedNotice } = await import('../../../output/views/orders.js');
      return changeOrderState(await ctx.backend(), change, input.order, {
        scope: orderScope(ctx, input.store),
        pending: pendingLocation(ctx),
        gate: ctx.writeGate,
        onResume: () => ctx.logger.info(resumedNotice(change)),
        confirm: (prepared) => confirmOrAbort(ctx.prompter, input.yes, words.question(prepared.order.order_id, prepared.newExpiry)),
      });
    },
    async render(ctx, done, input) {
      const { renderStateChangeDone } = await import('../../../output/views/orders.js');
      renderStateChangeDone(ctx, change, done, words.done, input.json === true);
    },
  });
}
