/** `merchant keys create` (sandbox): issue a key with a Portal role. */
import { ROLES } from '../../../domain/roles.js';
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, STORE_OPTION, outputFlags } from '../../shared-options.js';

export const keysCreate = defineCommand({
  name: 'create',
  description: 'sandbox: issue a new API key with a Portal role (shown once)',
  options: [
    STORE_OPTION,
    JSON_OPTION,
    { flags: '--role <role>', description: 'admin, super_admin, user, settlement, disputes, read_only or external_user', required: true, choices: ROLES },
    { flags: '--expires <when>', description: 'expiry: a duration (30d, 12h, 2w) or an ISO date; required for external_user' },
  ],
  examples: [
    'merchant keys create --role admin --store se-demo',
    'merchant keys create --role read_only --store se-demo | merchant keys add --store se-demo --profile support --stdin',
    'merchant keys create --role external_user --store se-demo --expires 30d --json',
  ],
  schema: (z) => z.object({ role: z.string(), store: z.string().optional(), expires: z.string().optional(), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { createSandboxKey } = await import('../../../services/keys/sandbox-keys.js');
    return createSandboxKey(await ctx.backend(), { role: input.role, store: ctx.storeId(), expires: input.expires });
  },
  async render(ctx, issued, input) {
    const { renderKeyIssued } = await import('../../../output/views/keys.js');
    renderKeyIssued(ctx, issued, input.json === true);
  },
});
