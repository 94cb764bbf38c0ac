/** `merchant keys use <store>`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const keysUse = defineCommand({
  name: 'use',
  description: 'choose which stored key the profile uses when no store is named',
  args: [{ name: 'store', description: 'store whose stored key this profile uses by default' }],
  options: [JSON_OPTION],
  examples: ['merchant keys use se-demo', 'merchant keys use M123 --profile live'],
  schema: (z) => z.object({ store: z.string(), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { useKey } = await import('../../../services/keys/manage-keys.js');
    return useKey(ctx.paths.credentialsFile, ctx.settings().profile.value, input.store);
  },
  async render(ctx, view, input) {
    const { renderKeyInUse } = await import('../../../output/views/keys.js');
    renderKeyInUse(ctx, view, input.json === true);
  },
});
