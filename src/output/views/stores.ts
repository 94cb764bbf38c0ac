/** How stores look in each output mode. JSON field names are the documented, stable ones. */
import type { Column } from '../render.js';
import { time } from '../cells.js';
import type { StoreListing } from '../../services/stores/list-stores.js';

export const storeColumns: Column<StoreListing>[] = [
  { header: 'ID', value: (s) => (s.is_default ? `${s.id} *` : s.id) },
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
