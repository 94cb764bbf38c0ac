/** `merchant stores list`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const storesList = defineCommand({
  name: 'list',
  description: 'list the stores of this backend (* marks the default)',
  options: [JSON_OPTION],
  examples: ['merchant stores list', 'merchant stores list --json | jq -r ".[].id"'],
  schema: (z) => z.object(outputFlags(z)),
  async handler(ctx) {
    const { listStores } = await import('../../../services/stores/list-stores.js');
    return listStores(await ctx.backend(), ctx.settings().store.value);
  },
  async render(ctx, rows, input) {
    const { renderStoreList } = await import('../../../output/views/stores.js');
    await renderStoreList(ctx.output(input), rows);
  },
});
