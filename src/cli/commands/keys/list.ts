/** `merchant keys list`. */
import { defineCommand } from '../../define-command.js';
import { CSV_OPTION, JSON_OPTION, outputFlags } from '../../shared-options.js';

export const keysList = defineCommand({
  name: 'list',
  description: 'stored keys, masked: store, profile, environment, storage, added, last used (* = used when no store is named)',
  options: [JSON_OPTION, CSV_OPTION],
  examples: ['merchant keys list', 'merchant keys list --json'],
  schema: (z) => z.object(outputFlags(z)),
  async handler(ctx) {
    const { listStoredKeys } = await import('../../../services/keys/stored-keys.js');
    return listStoredKeys(ctx.paths.credentialsFile);
  },
  async render(ctx, rows, input) {
    const { renderStoredKeys } = await import('../../../output/views/keys.js');
    await renderStoredKeys(ctx.output(input), rows);
  },
});
