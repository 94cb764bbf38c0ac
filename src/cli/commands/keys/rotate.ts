/** `merchant keys rotate`: the new key is verified through a backend built for it, then swapped in. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, STORE_OPTION, outputFlags } from '../../shared-options.js';
import { ENVIRONMENT_OPTION, STDIN_OPTION } from './key-options.js';

export const keysRotate = defineCommand({
  name: 'rotate',
  description: 'replace a stored key: store the new one only after it verifies, then retire the old one',
  options: [
    STORE_OPTION,
    JSON_OPTION,
    { ...STDIN_OPTION, description: 'read the new key from standard input (one line)' },
    { flags: '--username <name>', description: 'username for a username + secret pair' },
    ENVIRONMENT_OPTION,
  ],
  examples: ['merchant keys rotate --store se-demo', 'merchant keys rotate --store se-demo --stdin < new-key.txt'],
  schema: (z) =>
    z.object({ store: z.string().optional(), stdin: z.boolean().optional(), username: z.string().optional(), environment: z.string().optional(), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { requireStoreFor } = await import('../../../services/stores/store-id.js');
    const { rotateStoredKey } = await import('../../../services/keys/rotate-key.js');
    const { verifyKey } = await import('../../../services/keys/verify-key.js');
    const { readSecret } = await import('../../../prompts/read-secret.js');
    const store = requireStoreFor('keys rotate', ctx.storeId());
    const settings = ctx.settings();
    const rotated = await rotateStoredKey({
      file: ctx.paths.credentialsFile,
      profile: settings.profile.value,
      store,
      readSecret: () => readSecret(ctx, input.stdin, 'new API key'),
      username: input.username,
      environment: input.environment,
      baseUrl: settings.base_url.value,
      backend: settings.backend.value,
      now: ctx.clock.now(),
      stores: ctx.secretStores,
      verify: (credential) => ctx.withBackendFor(credential, (backend) => verifyKey(backend, credential)),
    });
    return { ...rotated, store, backend: settings.backend.value };
  },
  async render(ctx, r, input) {
    const { renderKeyRotated } = await import('../../../output/views/keys.js');
    renderKeyRotated(ctx, r, r.store, r.backend, input.json === true);
  },
});
