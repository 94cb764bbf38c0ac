/** `merchant keys migrate --to <where>`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';
import { storageOption, storageSchema } from './key-options.js';

export const keysMigrate = defineCommand({
  name: 'migrate',
  description: "move stored keys between the keychain and the secrets file (the profile's keys, or one store's)",
  options: [{ ...storageOption('--to <where>', 'where to move the secrets'), required: true }, { flags: '-s, --store <id>', description: "only this store's key" }, JSON_OPTION],
  examples: ['merchant keys migrate --to keychain', 'merchant keys migrate --to file --store se-demo --profile live'],
  schema: (z) => z.object({ to: storageSchema(z), store: z.string().optional(), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { migrateKeys } = await import('../../../services/keys/key-storage.js');
    const profile = ctx.settings().profile.value;
    return { result: migrateKeys(ctx.paths.credentialsFile, ctx.secretStores, { to: input.to, profile, store: input.store }), profile };
  },
  async render(ctx, { result, profile }, input) {
    const { renderKeysMigrated } = await import('../../../output/views/keys.js');
    renderKeysMigrated(ctx, result, { to: input.to, profile, store: input.store, json: input.json === true });
  },
});
