/** `merchant links cancel <id>`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, YES_OPTION, outputFlags } from '../../shared-options.js';

export const linksCancel = defineCommand({
  name: 'cancel',
  description: 'cancel a link so it can no longer be paid (asks first)',
  args: [{ name: 'id', description: 'link ID, URL, link reference or merchant reference' }],
  options: [YES_OPTION, JSON_OPTION],
  examples: ['merchant links cancel 0b7e… --yes'],
  schema: (z) => z.object({ id: z.string(), yes: z.boolean().optional(), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { linkForCancel, cancelLink } = await import('../../../services/links/manage-links.js');
    const { confirmOrAbort } = await import('../../../prompts/prompter.js');
    const { cancelLinkQuestion } = await import('../../../output/views/links.js');
    const backend = await ctx.backend();
    const link = await linkForCancel(backend, input.id, { gate: ctx.writeGate });
    await confirmOrAbort(ctx.prompter, input.yes, cancelLinkQuestion(link));
    return cancelLink(backend, link.link_id);
  },
  async render(ctx, link, input) {
    const { renderLinkCancelled } = await import('../../../output/views/links.js');
    renderLinkCancelled(ctx, link, input.json === true);
  },
});
