/** `merchant sandbox pay <link>`: act as the customer paying (or being declined). */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const sandboxPay = defineCommand({
  name: 'pay',
  description: 'act as the customer paying: the link completes and an authorized order is created (captured with auto-capture)',
  args: [{ name: 'link', description: 'link ID, payment page URL, link reference or merchant reference' }],
  options: [{ flags: '--decline', description: 'the payment is declined instead (the link turns failed and can be retried)' }, JSON_OPTION],
  examples: ['merchant sandbox pay 0b7e…', 'merchant sandbox pay 0b7e… --decline'],
  schema: (z) => z.object({ link: z.string(), decline: z.boolean().default(false), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { sandboxLinkControls, sandboxLinkId } = await import('../../../services/sandbox/sandbox-links.js');
    const backend = await ctx.backend();
    return sandboxLinkControls(backend).pay(await sandboxLinkId(backend, input.link), { decline: input.decline });
  },
  async render(ctx, link, input) {
    const { renderLinkPaid } = await import('../../../output/views/sandbox.js');
    renderLinkPaid(ctx, link, input.json === true);
  },
});
