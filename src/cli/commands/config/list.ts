/** `merchant config list`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const configList = defineCommand({
  name: 'list',
  description: 'show every setting in force',
  options: [{ flags: '--show-origin', description: 'also show where each value came from (flag, env, profile, default)' }, JSON_OPTION],
  examples: ['merchant config list --show-origin', 'MERCHANT_BACKEND=sandbox merchant config list --show-origin --json'],
  schema: (z) => z.object({ showOrigin: z.boolean().optional(), ...outputFlags(z) }),
  async handler(ctx) {
    const { listSettings } = await import('../../../services/config/settings.js');
    const settings = ctx.settings();
    return { rows: listSettings(settings), settings, configFile: ctx.paths.configFile };
  },
  async render(ctx, view, input) {
    const { renderSettings } = await import('../../../output/views/config.js');
    await renderSettings(ctx.output(input), ctx, view, { showOrigin: input.showOrigin === true, tty: ctx.io.stdoutIsTTY });
  },
});
