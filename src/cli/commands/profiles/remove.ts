/** `merchant profiles remove <name>`. */
import { defineCommand } from '../../define-command.js';
import { YES_OPTION } from '../../shared-options.js';

export const profilesRemove = defineCommand({
  name: 'remove',
  description: 'delete a profile',
  args: [{ name: 'name', description: 'profile name' }],
  options: [YES_OPTION],
  examples: ['merchant profiles remove old --yes'],
  schema: (z) => z.object({ name: z.string(), yes: z.boolean().optional() }),
  async handler(ctx, input) {
    const { removeProfile } = await import('../../../services/config/settings.js');
    const { confirmOrAbort } = await import('../../../prompts/prompter.js');
    const { removeProfileQuestion } = await import('../../../output/views/config.js');
    await confirmOrAbort(ctx.prompter, input.yes, removeProfileQuestion(input.name));
    await removeProfile(ctx.settingsStore, input.name);
    return input.name;
  },
  async render(ctx, name) {
    const { renderProfileRemoved } = await import('../../../output/views/config.js');
    renderProfileRemoved(ctx, name);
  },
});
