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
    const { guardLiveWrite } = await import('../../../services/auth/live-guard.js');
    // Dispatch sends for every store; under a live key the profile must pin the store it works for.
    guardLiveWrite(ctx, { action: 'dispatch due messages', store: undefined });
    return dispatchUntilStopped(await ctx.backend(), ctx.cancellation);
  },
  async render(ctx, sent, input) {
    const { renderDispatched } = await import('../../../output/views/links.js');
    const { settleDispatch } = await import('../../../services/links/dispatch-due.js');
    await renderDispatched(ctx.output(input), ctx, sent);
    settleDispatch(ctx.cancellation.fired);
  },
});
