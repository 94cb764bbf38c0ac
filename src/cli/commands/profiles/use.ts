/** `merchant profiles use <name>`. */
import { defineCommand } from '../../define-command.js';

export const profilesUse = defineCommand({
  name: 'use',
  description: 'make a profile the current one',
  args: [{ name: 'name', description: 'profile name' }],
  examples: ['merchant profiles use ci'],
  schema: (z) => z.object({ name: z.string() }),
  async handler(ctx, input) {
    const { useProfile } = await import('../../../services/config/settings.js');
    await useProfile(ctx.settingsStore, input.name);
    return input.name;
  },
  async render(ctx, name) {
    const { renderProfileUsed } = await import('../../../output/views/config.js');
    renderProfileUsed(ctx, name);
  },
});
