/** `merchant profiles list`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const profilesList = defineCommand({
  name: 'list',
  description: 'list profiles (* marks the current one)',
  options: [JSON_OPTION],
  examples: ['merchant profiles list'],
  schema: (z) => z.object(outputFlags(z)),
  async handler(ctx) {
    const { listProfiles } = await import('../../../services/config/settings.js');
    return listProfiles(ctx.settingsStore.read());
  },
  async render(ctx, rows, input) {
    const { renderProfiles } = await import('../../../output/views/config.js');
    await renderProfiles(ctx.output(input), rows);
  },
});
