/** `merchant config unset <key>`. */
import { defineCommand } from '../../define-command.js';
import { FOR_PROFILE_OPTION, SETTING_KEY_ARG } from './setting-key.js';

export const configUnset = defineCommand({
  name: 'unset',
  description: 'remove a value from a profile',
  args: [SETTING_KEY_ARG],
  options: [FOR_PROFILE_OPTION],
  examples: ['merchant config unset store'],
  schema: (z) => z.object({ key: z.string(), forProfile: z.string().optional() }),
  async handler(ctx, input) {
    const { unsetSetting } = await import('../../../services/config/settings.js');
    const profile = input.forProfile ?? ctx.settings().profile.value;
    await unsetSetting(ctx.settingsStore, profile, input.key);
    return { key: input.key, profile };
  },
  async render(ctx, change) {
    const { renderSettingUnset } = await import('../../../output/views/config.js');
    renderSettingUnset(ctx, change);
  },
});
