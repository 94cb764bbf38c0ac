/** `merchant config get <key>`. */
import { defineCommand } from '../../define-command.js';
import { SETTING_KEY_ARG } from './setting-key.js';

export const configGet = defineCommand({
  name: 'get',
  description: 'print one setting in force (empty when unset)',
  args: [SETTING_KEY_ARG],
  examples: ['merchant config get backend'],
  schema: (z) => z.object({ key: z.string() }),
  async handler(ctx, input) {
    const { settingValue } = await import('../../../services/config/settings.js');
    return settingValue(ctx.settings(), input.key);
  },
  async render(ctx, value) {
    const { renderSettingValue } = await import('../../../output/views/config.js');
    renderSettingValue(ctx, value);
  },
});
