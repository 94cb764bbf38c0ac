/** How stores look in each output mode. JSON field names are the documented, stable ones. */
import type { Writable } from 'node:stream';
import type { Store } from '../../domain/model/store.js';
import type { StoreListing } from '../../services/stores/list-stores.js';
import type { StoreDetails } from '../../services/stores/show-store.js';
import { time } from '../cells.js';
import { renderList, renderRecord, writeJson, type Column, type RenderTarget } from '../render.js';

export const storeColumns: Column<StoreListing>[] = [
  // The default store is a column of its own, so `cut -f1` of a piped row is always an ID.
  { header: 'ID', value: (s) => s.id },
  { header: 'Default', value: (s) => (s.is_default ? 'yes' : 'no') },
  { header: 'Name', value: (s) => s.name },
  { header: 'Country', value: (s) => s.purchase_country },
  { header: 'Currencies', value: (s) => s.currencies.join(',') },
  { header: 'Terms URL', value: (s) => s.terms_url ?? '(none: links blocked)' },
  { header: 'Payouts', value: (s) => s.payout_schedule },
  { header: 'Created', value: (s) => time(s.created_at) },
];

export const storeJson = (s: StoreListing) => ({
  id: s.id,
  name: s.name,
  purchase_country: s.purchase_country,
  currencies: s.currencies,
  terms_url: s.terms_url,
  payout_schedule: s.payout_schedule,
  is_default: s.is_default,
  created_at: s.created_at,
});

export async function renderStoreList(target: RenderTarget, rows: readonly StoreListing[]): Promise<void> {
  await renderList(target, rows, storeColumns, (r) => r.map(storeJson), { empty: 'No stores. Add one: merchant stores add' });
}

export async function renderStoreDetails(target: RenderTarget, s: StoreDetails): Promise<void> {
  await renderRecord(
    target,
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
}

interface WriteTarget {
  io: { stdout: Writable };
  logger: { success(message: string): void };
  settings(): { profile: { value: string }; store: { value: string | undefined } };
}

export function renderStoreAdded(ctx: WriteTarget, store: Store, madeDefault: boolean, json: boolean): void {
  if (json) writeJson(ctx.io, { ...store, is_default: madeDefault });
  else ctx.io.stdout.write(`${store.id}\n`);
  ctx.logger.success(`Added store ${store.id} (${store.name}).${store.terms_url ? '' : ' It has no terms URL yet: links are blocked until you set one.'}`);
}

export function renderStoreConfigured(ctx: WriteTarget, store: Store, madeDefault: boolean, json: boolean): void {
  if (json) writeJson(ctx.io, { ...store, is_default: madeDefault ? true : ctx.settings().store.value === store.id });
  ctx.logger.success(`Updated store ${store.id}.${madeDefault ? ` It is now the default store of profile "${ctx.settings().profile.value}".` : ''}`);
}
