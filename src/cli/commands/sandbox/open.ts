/** `merchant sandbox open <link>`: act as the customer opening the payment page. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const sandboxOpen = defineCommand({
  name: 'open',
  description: 'act as the customer opening the payment page (link turns in progress)',
  args: [{ name: 'link', description: 'link ID' }],
  options: [JSON_OPTION],
  examples: ['merchant sandbox open 0b7e…'],
  schema: (z) => z.object({ link: z.string(), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { sandboxLinkControls } = await import('../../../services/sandbox/sandbox-links.js');
    return sandboxLinkControls(await ctx.backend()).open(input.link);
  },
  async render(ctx, link, input) {
    const { renderLinkOpened } = await import('../../../output/views/sandbox.js');
    renderLinkOpened(ctx, link, input.json === true);
  },
});
