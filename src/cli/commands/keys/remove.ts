/** `merchant keys remove <store>`. */
import { defineCommand } from '../../define-command.js';
import { YES_OPTION } from '../../shared-options.js';

export const keysRemove = defineCommand({
  name: 'remove',
  description: 'forget a stored key, from the secrets file or the keychain (the key itself stays valid at the provider)',
  args: [{ name: 'store', description: 'store whose stored key to forget' }],
  options: [YES_OPTION],
  examples: ['merchant keys remove se-demo --yes'],
  schema: (z) => z.object({ store: z.string(), yes: z.boolean().optional() }),
  async handler(ctx, input) {
    const { findStoredKey, removeKey } = await import('../../../services/keys/manage-keys.js');
    const { confirmOrAbort } = await import('../../../prompts/prompter.js');
    const { forgetKeyQuestion } = await import('../../../output/views/keys.js');
    const profile = ctx.settings().profile.value;
    const view = findStoredKey(ctx.paths.credentialsFile, profile, input.store);
    await confirmOrAbort(ctx.prompter, input.yes, forgetKeyQuestion(view, input.store, profile));
    return { removed: { ...removeKey(ctx.paths.credentialsFile, profile, input.store, ctx.secretStores), masked: view.masked }, profile };
  },
  async render(ctx, { removed, profile }, input) {
    const { renderKeyRemoved } = await import('../../../output/views/keys.js');
    renderKeyRemoved(ctx, removed, input.store, profile);
  },
});
