/** `merchant links list`: history across stores (or one), filtered, newest first, `--limit` in total. */
import type { Backend, LinkQuery } from '../../backends/backend.js';
import type { PaymentLink } from '../../domain/model/payment-link.js';
import { isLinkStatus, LINK_STATUSES, type LinkStatus } from '../../domain/link-lifecycle.js';
import { parseIsoTime } from '../../domain/link-fields.js';
import { phoneForCountries } from '../../domain/identifier.js';
import { ValidationError } from '../../errors.js';
import { linksApi } from './links-api.js';
import { readPages, type ListPages } from '../read-pages.js';

export const DEFAULT_LINK_LIMIT = 50;

export interface ListLinksOptions {
  storeId?: string | undefined;
  statuses?: readonly string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  reference?: string | undefined;
  contact?: string | undefined;
  limit?: number | undefined;
  all?: boolean | undefined;
}

export function parseStatuses(values: readonly string[]): LinkStatus[] {
  const out = values.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase().replace(/[ -]/g, '_')).filter((v) => v !== '');
  const bad = out.filter((v) => !isLinkStatus(v));
  if (bad.length > 0) throw ValidationError.single('status', `unknown status ${bad.join(', ')}; known: ${LINK_STATUSES.join(', ')}`);
  return out as LinkStatus[];
}

/**
 * A phone (`+…`, or digits with what people put between them) is read as every phone is (`phoneToE164`),
 * a local number with the store's country (with none named, see `phoneForCountries`); anything else is the
 * start of an email (`anna`, `anna@ex`), matched in any case.
 */
async function contactFilter(backend: Backend, contact: string | undefined, storeId: string | undefined): Promise<string | undefined> {
  if (contact === undefined || contact === '') return undefined;
  if (!contact.startsWith('+') && !/^[\d\s\-()./]+$/.test(contact)) return contact.toLowerCase();
  const countries = storeId ? [(await backend.stores.get(storeId)).purchase_country] : (await backend.stores.list()).map((s) => s.purchase_country);
  const phone = phoneForCountries(contact, countries);
  if (!phone) throw ValidationError.single('contact', `${JSON.stringify(contact)} is not a phone number: give +46701234567, or a local number with --store`);
  return phone;
}

/** A date alone as `--to` means the whole day, so `--from 2026-11-01 --to 2026-11-30` includes the 30th. */
function endOf(input: string): string {
  const at = parseIsoTime(input, 'to');
  return (input.trim().length === 10 ? new Date(at.getTime() + 86_400_000) : at).toISOString();
}

/** The links, newest first, as pages read while they are written (`--all` streams every link). */
export async function listLinks(backend: Backend, options: ListLinksOptions): Promise<ListPages<PaymentLink>> {
  const links = linksApi(backend);
  const contact = options.contact?.trim();
  const query: LinkQuery = {
    store_id: options.storeId,
    statuses: options.statuses?.length ? parseStatuses(options.statuses) : undefined,
    created_from: options.from === undefined ? undefined : parseIsoTime(options.from, 'from').toISOString(),
    created_to: options.to === undefined ? undefined : endOf(options.to),
    reference: options.reference?.trim() || undefined,
    contact: await contactFilter(backend, contact, options.storeId),
  };
  if (query.created_from && query.created_to && query.created_from >= query.created_to) {
    throw ValidationError.single('from', `${options.from} is not before --to ${options.to}`);
  }
  if (options.storeId) await backend.stores.get(options.storeId);
  const limit = options.all ? Number.POSITIVE_INFINITY : (options.limit ?? DEFAULT_LINK_LIMIT);
  return readPages((cursor, want) => links.list({ ...query, cursor, pageSize: want }), { limit, pageSize: 200 });
}
