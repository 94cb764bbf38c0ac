/** `merchant config get <key>`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';
import { SETTING_KEY_ARG } from './setting-key.js';

export const configGet = defineCommand({
  name: 'get',
  description: 'print one setting in force (empty when unset)',
  args: [SETTING_KEY_ARG],
  options: [JSON_OPTION],
  examples: ['merchant config get backend', 'merchant config get store --json'],
  schema: (z) => z.object({ key: z.string(), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { settingRow } = await import('../../../services/config/settings.js');
    return { row: settingRow(ctx.settings(), input.key), configFile: ctx.paths.configFile };
  },
  async render(ctx, view, input) {
    const { renderSettingValue } = await import('../../../output/views/config.js');
    renderSettingValue(ctx.output(input), view);
  },
});
