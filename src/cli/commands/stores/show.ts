/** `merchant stores show <id>`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const storesShow = defineCommand({
  name: 'show',
  description: 'show one store and whether links can be created for it',
  args: [{ name: 'id', description: 'store ID' }],
  options: [JSON_OPTION],
  examples: ['merchant stores show se-demo'],
  schema: (z) => z.object({ id: z.string(), ...outputFlags(z) }),
  async handler(ctx, input) {
    const { showStore } = await import('../../../services/stores/show-store.js');
    return showStore(await ctx.backend(), input.id, ctx.settings().store.value);
  },
  async render(ctx, store, input) {
    const { renderStoreDetails } = await import('../../../output/views/stores.js');
    await renderStoreDetails(ctx.output(input), store);
  },
});
