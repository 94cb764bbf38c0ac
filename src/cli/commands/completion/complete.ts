/** `merchant __complete stores|profiles`: local IDs for the completion scripts (files only: no prompt, no network, no database created). */
import { DYNAMIC_KINDS } from '../../completion/values.js';
import { defineCommand } from '../../define-command.js';
import { choiceOf } from './completion.js';

export const completeIds = defineCommand({
  name: '__complete',
  hidden: true,
  description: 'list local store IDs or profile names, one a line (called by the completion scripts)',
  args: [{ name: 'kind', description: 'stores or profiles' }],
  examples: ['merchant __complete stores', 'merchant __complete profiles'],
  schema: (z) => z.object({ kind: choiceOf(z, 'kind', DYNAMIC_KINDS) }),
  async handler(ctx, input) {
    const { localIds } = await import('../../../services/completion/local-ids.js');
    return localIds(input.kind, ctx.paths, () => ctx.settingsStore.read());
  },
  async render(ctx, ids) {
    const { writeLines } = await import('../../../output/views/text.js');
    writeLines(ctx.io, ids);
  },
});
