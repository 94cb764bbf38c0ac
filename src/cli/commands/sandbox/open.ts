/** `merchant sandbox open <link>`: act as the customer opening the payment page. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const sandboxOpen = defineCommand({
  name: 'open',
  description: 'act as the customer opening the payment page (link turns in progress)',
  args: [{ name: 'link', description: 'link ID, payment page URL, link reference or merchant reference' }],
  options: [JSON_OPTION],
  examples: ['merchant sandbox open 0b7e…'],
  schema: (z) => z.object({ link: z.string(), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { sandboxLinkControls, sandboxLinkId } = await import('../../../services/sandbox/sandbox-links.js');
    const backend = await ctx.backend();
    return sandboxLinkControls(backend).open(await sandboxLinkId(backend, input.link));
  },
  async render(ctx, link, input) {
    const { renderLinkOpened } = await import('../../../output/views/sandbox.js');
    renderLinkOpened(ctx, link, input.json === true);
  },
});
