/** `merchant config set <key> <value>`. */
import { defineCommand } from '../../define-command.js';
import { FOR_PROFILE_OPTION, SETTING_KEY_ARG } from './setting-key.js';

export const configSet = defineCommand({
  name: 'set',
  description: 'set a value in a profile',
  args: [SETTING_KEY_ARG, { name: 'value', description: 'the new value' }],
  options: [FOR_PROFILE_OPTION],
  examples: ['merchant config set store se-demo', 'merchant config set backend kustom --for-profile live'],
  schema: (z) => z.object({ key: z.string(), value: z.string(), forProfile: z.string().optional() }),
  async handler(ctx, input) {
    const { setSetting } = await import('../../../services/config/settings.js');
    // The profile in use is resolved only when no other is named (an unknown one must not block fixing it).
    const profile = input.forProfile ?? ctx.settings().profile.value;
    await setSetting(ctx.settingsStore, profile, input.key, input.value);
    return { key: input.key, value: input.value, profile, file: ctx.settingsStore.file };
  },
  async render(ctx, change) {
    const { renderSettingSet } = await import('../../../output/views/config.js');
    renderSettingSet(ctx, change);
  },
});
