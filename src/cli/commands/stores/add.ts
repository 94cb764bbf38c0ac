/** `merchant stores add`. */
import { defineCommand } from '../../define-command.js';
import { JSON_OPTION, outputFlags } from '../../shared-options.js';

export const storesAdd = defineCommand({
  name: 'add',
  description: 'add a store to this backend',
  options: [
    { flags: '--id <id>', description: 'store ID: letters, digits, "-" (a Kustom MID such as M123 as it is)', required: true },
    { flags: '--name <name>', description: 'display name', required: true },
    { flags: '--country <code>', description: 'purchase country, ISO 3166 alpha-2 (SE, NO, FI, DK, GB, DE, NL, AT, CH, US, ES, FR, BE, PL)', required: true },
    { flags: '--currency <code>', description: "a currency in the agreement (repeatable; default: the country's)", repeatable: true },
    { flags: '--terms-url <url>', description: 'terms-and-conditions URL (required before links)' },
    { flags: '--payout-schedule <when>', description: 'daily or weekly', choices: ['daily', 'weekly'], defaultValue: 'daily' },
    { flags: '--default', description: 'make it the default store of the current profile' },
    JSON_OPTION,
  ],
  examples: ['merchant stores add --id fi-shop --name "Helsinki Shop" --country FI --terms-url https://shop.example/fi/terms --default'],
  schema: (z) =>
    z.object({
      id: z.string(),
      name: z.string(),
      country: z.string(),
      currency: z.array(z.string()).optional(),
      termsUrl: z.string().optional(),
      payoutSchedule: z.string(),
      default: z.boolean().optional(),
      ...outputFlags(z),
    }),
  async handler(ctx, input) {
    const { addStore } = await import('../../../services/stores/add-store.js');
    const store = await addStore(() => ctx.backend(), {
      id: input.id,
      name: input.name,
      country: input.country,
      currencies: input.currency,
      termsUrl: input.termsUrl,
      payoutSchedule: input.payoutSchedule,
      gate: ctx.writeGate,
    });
    if (input.default) {
      const { setSetting } = await import('../../../services/config/settings.js');
      await setSetting(ctx.settingsStore, ctx.settings().profile.value, 'store', store.id);
    }
    return store;
  },
  async render(ctx, store, input) {
    const { renderStoreAdded } = await import('../../../output/views/stores.js');
    renderStoreAdded(ctx, store, input.default === true, input.json === true);
  },
});
