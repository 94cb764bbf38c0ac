/** `merchant links show <id>`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const linksShow = defineCommand({
  name: 'show',
  description: 'everything about one link: lines, messages, resulting order',
  args: [{ name: 'id', description: 'link ID, URL, link reference or merchant reference' }],
  options: [JSON_OPTION],
  examples: ['merchant links show 0b7e…', 'merchant links show 0b7e… --json | jq .order_id'],
  schema: (z) => z.object({ id: z.string(), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { showLink } = await import('../../../services/links/manage-links.js');
    return showLink(await ctx.backend(), input.id);
  },
  async render(ctx, link, input) {
    const { renderLinkDetails } = await import('../../../output/views/links.js');
    await renderLinkDetails(ctx.output(input), link);
  },
});
