import { isCalendarDate } from '../../domain/calendar-date.js';
import type { Backend } from '../../backends/backend.js';
import type { Order } from '../../domain/model/order.js';
import { ORDER_STATUSES, type OrderStatus } from '../../domain/order-lifecycle.js';
import { ValidationError } from '../../errors.js';
import { ordersApi } from './orders-api.js';
import { phoneForCountries } from '../../domain/identifier.js';
import { isNameQuery, MIN_NAME_QUERY_WORD } from '../../domain/name-words.js';
import { readPages, type ListPages } from '../read-pages.js';

export interface ListOrdersOptions {
  storeId?: string | undefined;
  statuses?: string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  reference?: string | undefined;
  email?: string | undefined;
  /** E.164, or a local number read with the store's country. */
  phone?: string | undefined;
  /** The start of any word of the customer's name, every word of it, case- and accent-insensitive. */
  name?: string | undefined;
  /** A prefix of a reference or email, or of the name's words (as `name`), case-insensitive. */
  search?: string | undefined;
  limit: number;
  all?: boolean | undefined;
}

function isoDate(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms) || (/^\d{4}-\d{2}-\d{2}/.test(value) && !isCalendarDate(value))) throw ValidationError.single(field, `${JSON.stringify(value)} must be a date (2026-11-01) or an ISO 8601 time`);
  return new Date(ms).toISOString();
}

function nonEmpty(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') throw ValidationError.single(field, 'must not be empty');
  return text;
}

/** Name and search text need a word of two characters: one letter would match most of the orders. */
function searchText(value: string | undefined, field: '--name' | '--search'): string | undefined {
  const text = nonEmpty(value, field);
  if (text === undefined) return undefined;
  const enough = field === '--name' ? isNameQuery(text) : text.length >= MIN_NAME_QUERY_WORD;
  if (!enough) throw ValidationError.single(field, `${JSON.stringify(text)} is too short: give at least ${MIN_NAME_QUERY_WORD} letters of a ${field === '--name' ? 'name' : 'reference, name or email'}`);
  return text;
}

/**
 * A phone as E.164; a local number is read with the store's country. With no store named, a number with
 * one of the stores' calling codes but no `+` is that number, and a local one is the first store's.
 */
async function phoneFilter(backend: Backend, input: string, country: string | undefined): Promise<string> {
  const phone = phoneForCountries(input, country ? [country] : (await backend.stores.list()).map((s) => s.purchase_country));
  if (!phone) throw ValidationError.single('--phone', `${JSON.stringify(input)} is not a phone number: give +46701234567, or a local number with --store`);
  return phone;
}

/** The orders, newest first, as pages read while they are written (`--all` streams every order). */
export async function listOrders(backend: Backend, options: ListOrdersOptions): Promise<ListPages<Order>> {
  const api = ordersApi(backend, 'orders.list', 'list orders');
  const statuses = options.statuses?.flatMap((s) => s.split(',')).map((s) => s.trim().toUpperCase().replace(/-/g, '_'));
  const bad = statuses?.filter((s) => !(ORDER_STATUSES as readonly string[]).includes(s)) ?? [];
  if (bad.length > 0) throw ValidationError.single('--status', `${bad.join(', ')} is not a status (one of ${ORDER_STATUSES.join(', ')})`);
  const from = isoDate(options.from, '--from');
  const name = searchText(options.name, '--name');
  const search = searchText(options.search, '--search');
  // A bare date for --to means "through the end of that day".
  const toStart = isoDate(options.to, '--to');
  const to = toStart && options.to && /^\d{4}-\d{2}-\d{2}$/.test(options.to) ? new Date(Date.parse(toStart) + 86_400_000).toISOString() : toStart;
  // An unknown store is "not found" (exit 3), as in links list — not an empty list that looks like "no orders".
  const store = options.storeId ? await backend.stores.get(options.storeId) : undefined;
  const phone = options.phone === undefined ? undefined : await phoneFilter(backend, options.phone, store?.purchase_country);
  const query = {
    store_id: options.storeId,
    statuses: statuses as OrderStatus[] | undefined,
    created_from: from,
    created_to: to,
    reference: options.reference,
    email: nonEmpty(options.email, '--email'),
    phone,
    name,
    search,
  };
  return readPages((cursor, want) => api.list({ ...query, pageSize: want, cursor }), { limit: options.all ? Number.POSITIVE_INFINITY : options.limit, pageSize: 200 });
}
