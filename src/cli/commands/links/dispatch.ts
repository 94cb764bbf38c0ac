/** `merchant links dispatch`: send every scheduled message that is due. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const linksDispatch = defineCommand({
  name: 'dispatch',
  description: 'send every scheduled message that is due (cron-friendly; safe to run twice at once)',
  options: [JSON_OPTION],
  examples: ['merchant links dispatch', '*/5 * * * * merchant links dispatch --json >> dispatch.log'],
  schema: (z) => z.object(outputFlags(z)),
  async handler(ctx) {
    const { dispatchUntilStopped } = await import('../../../services/links/dispatch-due.js');
    return dispatchUntilStopped(() => ctx.backend(), { stop: ctx.cancellation, gate: ctx.writeGate });
  },
  async render(ctx, sent, input) {
    const { renderDispatched } = await import('../../../output/views/links.js');
    const { settleDispatch } = await import('../../../services/links/dispatch-due.js');
    await renderDispatched(ctx.output(input), ctx, sent);
    settleDispatch(ctx.cancellation.fired);
  },
});
