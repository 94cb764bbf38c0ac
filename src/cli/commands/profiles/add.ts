/** `merchant profiles add <name>`: the global --backend and --base-url are read as this command's values. */
import { defineCommand } from '../../define-command.js';

export const profilesAdd = defineCommand({
  name: 'add',
  description: 'create a profile (the global --backend and --base-url set its backend and base URL)',
  args: [{ name: 'name', description: 'profile name' }],
  options: [
    { flags: '--store <id>', description: 'default store' },
    { flags: '--use', description: 'switch to it now' },
  ],
  globals: ['backend', 'baseUrl'],
  examples: ['merchant profiles add ci --backend kustom --store M123456 --use'],
  schema: (z) => z.object({ name: z.string(), store: z.string().optional(), use: z.boolean().optional(), backend: z.string().optional(), baseUrl: z.string().optional() }),
  async handler(ctx, input) {
    const { createProfile } = await import('../../../services/config/settings.js');
    await createProfile(ctx.settingsStore, input.name, { backend: input.backend, store: input.store, base_url: input.baseUrl }, input.use === true);
    return { name: input.name, used: input.use === true };
  },
  async render(ctx, r) {
    const { renderProfileAdded } = await import('../../../output/views/config.js');
    renderProfileAdded(ctx, r.name, r.used);
  },
});
