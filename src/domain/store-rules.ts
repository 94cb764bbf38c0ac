/**
 * What makes a store definition valid: an ID usable in flags and file names, a supported purchase
 * country, currencies from its agreement, and (Kustom's rule) a terms URL before any link is created.
 */
import { ValidationError, type Issue } from '../errors.js';
import { validateStoreMarket } from './markets.js';
import { shown, textIssues } from './text-rules.js';

/**
 * One rule for store IDs everywhere (`stores add`, `--store`, `keys add`): Kustom MIDs are upper case
 * (`M123`), sandbox stores lower case (`se-demo`); an ID is kept as typed and compared exactly.
 */
export const STORE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{1,62}$/;
export const STORE_ID_RULE = 'must be 2–63 characters of letters, digits and "-", starting with a letter or digit';

/** The store ID rule as an issue list (empty when `id` is valid). */
export function storeIdIssues(id: string, field = 'store'): Issue[] {
  return STORE_ID_PATTERN.test(id) ? [] : [{ field, rule: `${JSON.stringify(id.slice(0, 80))} ${STORE_ID_RULE}` }];
}
const URL_MAX = 2000; // merchant_urls.terms limit

export interface StoreDefinition {
  id?: string;
  name?: string;
  purchase_country?: string;
  currencies?: readonly string[];
  terms_url?: string | null;
  payout_schedule?: string;
}

export function validateTermsUrl(value: string, field = 'terms_url'): Issue[] {
  if (value.length > URL_MAX) return [{ field, rule: `must be at most ${URL_MAX} characters` }];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return [{ field, rule: `${shown(value)} is not an absolute URL (expected https://…)` }];
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return [{ field, rule: 'must be an http(s) URL' }];
  return [];
}

/** Checks a whole new store, or (with `partial`) only the fields given in an update. */
export function validateStoreDefinition(store: StoreDefinition, partial = false): Issue[] {
  const issues: Issue[] = [];
  if (!partial || store.id !== undefined) {
    if (!store.id || !STORE_ID_PATTERN.test(store.id)) {
      issues.push({ field: 'id', rule: STORE_ID_RULE });
    }
  }
  if (!partial || store.name !== undefined) {
    const name = store.name?.trim() ?? '';
    if (name.length < 1 || name.length > 100) issues.push({ field: 'name', rule: 'must be 1–100 characters' });
    else issues.push(...textIssues(store.name ?? '', 'name'));
  }
  if (!partial || store.purchase_country !== undefined || store.currencies !== undefined) {
    if (store.purchase_country !== undefined && store.currencies !== undefined) {
      issues.push(...validateStoreMarket({ purchase_country: store.purchase_country, currencies: [...store.currencies] }));
    } else if (!partial) {
      if (store.purchase_country === undefined) issues.push({ field: 'purchase_country', rule: 'is required' });
      if (store.currencies === undefined) issues.push({ field: 'currencies', rule: 'is required (at least one)' });
    }
  }
  if (store.terms_url !== undefined && store.terms_url !== null) issues.push(...validateTermsUrl(store.terms_url));
  if (store.payout_schedule !== undefined && store.payout_schedule !== 'daily' && store.payout_schedule !== 'weekly') {
    issues.push({ field: 'payout_schedule', rule: 'must be daily or weekly' });
  }
  return issues;
}

export function assertValidStore(store: StoreDefinition, partial = false): void {
  const issues = validateStoreDefinition(store, partial);
  if (issues.length > 0) throw new ValidationError(issues);
}

/** Kustom refuses a checkout without merchant_urls.terms; we refuse the link before anything is sent. */
export function assertStoreReadyForLinks<S extends { id: string; terms_url: string | null }>(store: S): asserts store is S & { terms_url: string } {
  if (!store.terms_url) {
    throw new ValidationError([{ field: 'terms_url', rule: `store ${store.id} has no terms-and-conditions URL; Kustom requires one before any payment link` }], {
      hint: `Set it with: merchant stores configure ${store.id} --terms-url https://your-shop.example/terms`,
    });
  }
}
