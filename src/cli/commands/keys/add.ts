/** `merchant keys add`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, STORE_OPTION, outputFlags } from '../../shared-options.js';
import { ENVIRONMENT_OPTION, STDIN_OPTION, storageOption, storageSchema } from './key-options.js';

export const keysAdd = defineCommand({
  name: 'add',
  description: 'store an API key for a store and profile (hidden prompt, or --stdin; never an argument)',
  options: [
    STORE_OPTION,
    JSON_OPTION,
    STDIN_OPTION,
    { flags: '--username <name>', description: 'the username shown with the key (<MID>-<suffix>): stores a username + secret pair' },
    ENVIRONMENT_OPTION,
    storageOption('--storage <where>', 'where to keep the secret (default: the keychain when one is reachable, else the secrets file)'),
  ],
  examples: [
    'merchant keys add --store se-demo                 # asks for the key, hidden',
    'merchant keys add --store se-demo --storage file --stdin < key.txt',
    'merchant keys add --store se-demo --stdin < key.txt',
    'pass show kustom/se | merchant keys add --store se-demo --profile live --stdin',
    'merchant keys add --store M123 --username M123-ab12 --stdin < secret.txt',
  ],
  schema: (z) =>
    z.object({
      store: z.string().optional(),
      stdin: z.boolean().optional(),
      username: z.string().optional(),
      environment: z.string().optional(),
      storage: storageSchema(z).optional(),
      ...outputFlags(z),
    }),
  async handler(ctx, input) {
    const { requireStoreFor } = await import('../../../services/stores/store-id.js');
    const { readSecret } = await import('../../../prompts/read-secret.js');
    const { addKey } = await import('../../../services/keys/add-key.js');
    const store = requireStoreFor('keys add', ctx.storeId());
    const settings = ctx.settings();
    return addKey({
      file: ctx.paths.credentialsFile,
      profile: settings.profile.value,
      store,
      secret: await readSecret(ctx, input.stdin, input.username ? 'secret' : 'API key'),
      username: input.username,
      environment: input.environment,
      baseUrl: settings.base_url.value,
      backend: settings.backend.value,
      now: ctx.clock.now(),
      storage: input.storage,
      stores: ctx.secretStores,
    });
  },
  async render(ctx, view, input) {
    const { renderKeyAdded } = await import('../../../output/views/keys.js');
    renderKeyAdded(ctx, view, input.json === true, ctx.paths.credentialsFile);
  },
});
