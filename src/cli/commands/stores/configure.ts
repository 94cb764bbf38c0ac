/** `merchant stores configure <id>`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const storesConfigure = defineCommand({
  name: 'configure',
  description: 'change a store: name, country, currencies, terms URL, payout schedule, default',
  args: [{ name: 'id', description: 'store ID' }],
  options: [
    { flags: '--name <name>', description: 'display name' },
    { flags: '--country <code>', description: 'purchase country' },
    { flags: '--currency <code>', description: "replace the agreement's currencies (repeatable)", repeatable: true },
    { flags: '--terms-url <url>', description: 'terms-and-conditions URL' },
    { flags: '--clear-terms-url', description: 'remove the terms URL (blocks new links)' },
    { flags: '--payout-schedule <when>', description: 'daily or weekly', choices: ['daily', 'weekly'] },
    { flags: '--default', description: 'make it the default store of the current profile' },
    JSON_OPTION,
  ],
  examples: ['merchant stores configure de-demo --terms-url https://shop.example/de/agb', 'merchant stores configure se-demo --default'],
  schema: (z) =>
    z.object({
      id: z.string(),
      name: z.string().optional(),
      country: z.string().optional(),
      currency: z.array(z.string()).optional(),
      termsUrl: z.string().optional(),
      clearTermsUrl: z.boolean().optional(),
      payoutSchedule: z.string().optional(),
      default: z.boolean().optional(),
      ...outputFlags(z),
    }),
  async handler(ctx, input) {
    const { configureStore } = await import('../../../services/stores/configure-store.js');
    const store = await configureStore(() => ctx.backend(), input.id, {
      name: input.name,
      country: input.country,
      currencies: input.currency,
      termsUrl: input.termsUrl,
      clearTermsUrl: input.clearTermsUrl,
      payoutSchedule: input.payoutSchedule,
      makeDefault: input.default,
      gate: ctx.writeGate,
    });
    if (input.default) {
      const { setSetting } = await import('../../../services/config/settings.js');
      await setSetting(ctx.settingsStore, ctx.settings().profile.value, 'store', store.id);
    }
    return store;
  },
  async render(ctx, store, input) {
    const { renderStoreConfigured } = await import('../../../output/views/stores.js');
    renderStoreConfigured(ctx, store, input.default === true, input.json === true);
  },
});
