/** `merchant stores list|show|add|configure`. */
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { collect, examples, withJson } from '../options.js';
import { completeValues } from '../completion/values.js';

export function registerStoresCommands(program: Command, ctx: Context): void {
  const stores = program.command('stores').description('stores (merchant agreements): country, currencies, terms URL, default');

  examples(
    withJson(stores.command('list').description('list the stores of this backend (* marks the default)')),
    ['merchant stores list', 'merchant stores list --json | jq -r ".[].id"'],
  ).action(async (opts: { json?: boolean }) => {
    const { listStores } = await import('../../services/stores/list-stores.js');
    const { renderList } = await import('../../output/render.js');
    const { storeColumns, storeJson } = await import('../../output/views/stores.js');
    const rows = await listStores(await ctx.backend(), ctx.settings().store.value);
    await renderList(ctx.output(opts), rows, storeColumns, (r) => r.map(storeJson), { empty: 'No stores. Add one: merchant stores add' });
  });

  examples(withJson(stores.command('show').argument('<id>', 'store ID').description('show one store and whether links can be created for it')), [
    'merchant stores show se-demo',
  ]).action(async (id: string, opts: { json?: boolean }) => {
    const { showStore } = await import('../../services/stores/show-store.js');
    const { renderRecord } = await import('../../output/render.js');
    const { storeJson } = await import('../../output/views/stores.js');
    const { time } = await import('../../output/cells.js');
    const s = await showStore(await ctx.backend(), id, ctx.settings().store.value);
    await renderRecord(
      ctx.output(opts),
      [
        ['ID', s.id],
        ['Name', s.name],
        ['Default', s.is_default ? 'yes' : 'no'],
        ['Purchase country', s.purchase_country],
        ['Currencies', s.currencies.join(', ')],
        ['Terms URL', s.terms_url ?? '(none)'],
        ['Payout schedule', s.payout_schedule],
        ['Created', time(s.created_at)],
        ['Ready for links', s.ready_for_links ? 'yes' : `no: ${s.problems.join('; ')}`],
      ],
      { ...storeJson(s), ready_for_links: s.ready_for_links, problems: s.problems },
    );
  });

  examples(
    withJson(
      stores
        .command('add')
        .description('add a store to this backend')
        .requiredOption('--id <id>', 'store ID (a–z, 0–9, "-")')
        .requiredOption('--name <name>', 'display name')
        .requiredOption('--country <code>', 'purchase country, ISO 3166 alpha-2 (SE, NO, FI, DK, GB, DE, NL, AT, CH, US, ES, FR, BE, PL)')
        .option('--currency <code>', 'a currency in the agreement (repeatable; default: the country\'s)', collect)
        .option('--terms-url <url>', 'terms-and-conditions URL (required before links)')
        .option('--payout-schedule <when>', 'daily or weekly', 'daily')
        .option('--default', 'make it the default store of the current profile'),
    ),
    ['merchant stores add --id fi-shop --name "Helsinki Shop" --country FI --terms-url https://shop.example/fi/terms --default'],
  ).action(async (opts: { id: string; name: string; country: string; currency?: string[]; termsUrl?: string; payoutSchedule: string; default?: boolean; json?: boolean }) => {
    const { addStore } = await import('../../services/stores/add-store.js');
    const { guardLiveWrite } = await import('../../services/auth/live-guard.js');
    guardLiveWrite(ctx, { action: `add store ${opts.id}`, store: opts.id });
    const { setSetting } = await import('../../services/config/settings.js');
    const { writeJson } = await import('../../output/render.js');
    const store = await addStore(await ctx.backend(), {
      id: opts.id,
      name: opts.name,
      country: opts.country,
      currencies: opts.currency,
      termsUrl: opts.termsUrl,
      payoutSchedule: opts.payoutSchedule,
    });
    if (opts.default) await setSetting(ctx.settingsStore, ctx.settings().profile.value, 'store', store.id);
    if (opts.json) writeJson(ctx.io, { ...store, is_default: Boolean(opts.default) });
    else ctx.io.stdout.write(`${store.id}\n`);
    ctx.logger.success(`Added store ${store.id} (${store.name}).${store.terms_url ? '' : ' It has no terms URL yet: links are blocked until you set one.'}`);
  });

  examples(
    withJson(
      stores
        .command('configure')
        .argument('<id>', 'store ID')
        .description('change a store: name, country, currencies, terms URL, payout schedule, default')
        .option('--name <name>', 'display name')
        .option('--country <code>', 'purchase country')
        .option('--currency <code>', 'replace the agreement\'s currencies (repeatable)', collect)
        .option('--terms-url <url>', 'terms-and-conditions URL')
        .option('--clear-terms-url', 'remove the terms URL (blocks new links)')
        .option('--payout-schedule <when>', 'daily or weekly')
        .option('--default', 'make it the default store of the current profile'),
    ),
    ['merchant stores configure de-demo --terms-url https://shop.example/de/agb', 'merchant stores configure se-demo --default'],
  ).action(
    async (
      id: string,
      opts: { name?: string; country?: string; currency?: string[]; termsUrl?: string; clearTermsUrl?: boolean; payoutSchedule?: string; default?: boolean; json?: boolean },
    ) => {
      const { configureStore, hasStoreChanges } = await import('../../services/stores/configure-store.js');
      const { setSetting } = await import('../../services/config/settings.js');
      const { UsageError } = await import('../../errors.js');
      const { writeJson } = await import('../../output/render.js');
      const changes = {
        name: opts.name,
        country: opts.country,
        currencies: opts.currency,
        termsUrl: opts.termsUrl,
        clearTermsUrl: opts.clearTermsUrl,
        payoutSchedule: opts.payoutSchedule,
      };
      if (!hasStoreChanges(changes) && !opts.default) {
        throw new UsageError('Nothing to change: give at least one of --name, --country, --currency, --terms-url, --clear-terms-url, --payout-schedule, --default.');
      }
      const { guardLiveWrite } = await import('../../services/auth/live-guard.js');
      guardLiveWrite(ctx, { action: `configure store ${id}`, store: id });
      const backend = await ctx.backend();
      const store = await configureStore(backend, id, changes);
      if (opts.default) await setSetting(ctx.settingsStore, ctx.settings().profile.value, 'store', store.id);
      if (opts.json) writeJson(ctx.io, { ...store, is_default: opts.default ? true : ctx.settings().store.value === store.id });
      ctx.logger.success(`Updated store ${store.id}.${opts.default ? ` It is now the default store of profile "${ctx.settings().profile.value}".` : ''}`);
    },
  );
  for (const verb of ['add', 'configure']) completeValues(stores, [verb], '--payout-schedule', ['daily', 'weekly']);
}
