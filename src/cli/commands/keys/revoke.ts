/** `merchant keys revoke <key-id>` (sandbox). */
import { defineCommand } from '../../define-command.js';
import { YES_OPTION } from '../../shared-options.js';

export const keysRevoke = defineCommand({
  name: 'revoke',
  description: 'sandbox: revoke an issued key (it stops working at once)',
  args: [{ name: 'key-id', description: 'the key ID from `keys issued`' }],
  options: [YES_OPTION],
  examples: ['merchant keys revoke key_1a2b3c4d5e6f --yes'],
  schema: (z) => z.object({ 'key-id': z.string(), yes: z.boolean().optional() }),
  async handler(ctx, input) {
    const { revokeSandboxKey } = await import('../../../services/keys/sandbox-keys.js');
    const { confirmOrAbort } = await import('../../../prompts/prompter.js');
    const { revokeKeyQuestion } = await import('../../../output/views/keys.js');
    const backend = await ctx.backend();
    await confirmOrAbort(ctx.prompter, input.yes, revokeKeyQuestion(input['key-id']));
    return revokeSandboxKey(backend, input['key-id']);
  },
  async render(ctx, key) {
    const { renderKeyRevoked } = await import('../../../output/views/keys.js');
    renderKeyRevoked(ctx, key);
  },
});
