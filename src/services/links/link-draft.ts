/**
 * Turns what the merchant typed (flags, prompts, a bulk CSV row) into a complete, validated
 * CreateLinkRequest. Every field is checked and every problem is reported at once, before anything is
 * sent. Reading the lines file and the invoice PDF happens here (services may read files; the rules
 * applied to their contents are in the domain).
 */
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import type { Backend, CreateLinkRequest } from '../../backends/backend.js';
import type { LinkAttachment, LinkChannel } from '../../domain/model/payment-link.js';
import type { Store } from '../../domain/model/store.js';
import { ValidationError, type Issue } from '../../errors.js';
import { keyedRows, readCsvFile } from '../../infra/csv-read.js';
import { readTextFile } from '../../infra/text-file.js';
import { readPdfFile } from '../files/read-pdf.js';
import { linkExpiresAt, parseDuration } from '../../domain/link-expiry.js';
import { validateLinkRequest } from '../../domain/link-request.js';
import {
  normalizeEmail,
  normalizePhone,
  parseIsoTime,
  parseNotes,
  parseWhen,
  validateDescription,
  validateInvoiceNumber,
  validateLinkReference,
  validateMerchantReference,
  validateSendAt,
  validateTemplate,
} from '../../domain/link-fields.js';
import { lineFromFields, LINE_SPEC_KEYS, parseDiscountSpec, parseLineSpec } from '../../domain/line-spec.js';
import { assertCountryAllowed, assertCurrencyAllowed, defaultCurrencyFor, localeFor } from '../../domain/markets.js';
import { computeOrder, type OrderLineInput, type OrderTotals } from '../../domain/order-lines.js';
import { parseLinesFile } from '../../domain/schemas.js';
import { STANDARD_VAT } from '../../domain/standard-vat.js';
import { assertStoreReadyForLinks } from '../../domain/store-rules.js';

export const LINK_CHANNELS: readonly LinkChannel[] = ['email', 'sms', 'none'];

/** Raw values as typed; undefined = not given. */
export interface LinkDraft {
  storeId: string;
  email?: string | undefined;
  phone?: string | undefined;
  country?: string | undefined;
  currency?: string | undefined;
  reference?: string | undefined;
  reference2?: string | undefined;
  lines?: readonly string[] | undefined;
  linesFile?: string | undefined;
  /** An amount-only link: one line of this amount (tax included), named by the description. */
  amount?: string | undefined;
  /** The tax rate of the amount-only line (default: the purchase country's standard VAT rate). */
  tax?: string | undefined;
  /** Lines already built (the interactive flow builds them one by one). */
  lineInputs?: readonly OrderLineInput[] | undefined;
  discounts?: readonly string[] | undefined;
  autoCapture?: boolean | undefined;
  send?: string | undefined;
  sendAt?: string | undefined;
  expiresIn?: string | undefined;
  expiresAt?: string | undefined;
  linkReference?: string | undefined;
  description?: string | undefined;
  notes?: readonly string[] | undefined;
  invoiceNumber?: string | undefined;
  invoicePdf?: string | undefined;
  messageTemplate?: string | undefined;
  createdBy: string;
  duplicatedFrom?: string | undefined;
}

export interface PreparedLink {
  store: Store;
  request: CreateLinkRequest;
  totals: OrderTotals;
}

function attempt<T>(issues: Issue[], run: () => T): T | undefined {
  try {
    return run();
  } catch (error) {
    if (error instanceof ValidationError) {
      issues.push(...error.issues);
      return undefined;
    }
    throw error;
  }
}

/** The store's currency for the country when it is in the agreement, else the agreement's first. */
export function defaultLinkCurrency(store: Store, country: string): string {
  const local = defaultCurrencyFor(country);
  return store.currencies.includes(local) ? local : (store.currencies[0] ?? local);
}

/** Lines from a JSON lines file (API units) or a CSV file (the --line keys as columns, human units). */
export async function readLinesFile(file: string, currency: string): Promise<OrderLineInput[]> {
  if (extname(file).toLowerCase() === '.csv') {
    const { records } = keyedRows(await readCsvFile(file, 'lines_file'), 'lines_file', file);
    if (records.length === 0) throw ValidationError.single('lines_file', `${file} has no lines (expected a header row: ${LINE_SPEC_KEYS.join(',')})`);
    const unknown = Object.keys(records[0] ?? {}).filter((k) => !(LINE_SPEC_KEYS as readonly string[]).includes(k));
    if (unknown.length > 0) throw ValidationError.single('lines_file', `${file} has unknown column(s) ${unknown.join(', ')}; known: ${LINE_SPEC_KEYS.join(', ')}`);
    const issues: Issue[] = [];
    const lines = records.map((r, i) => attempt(issues, () => lineFromFields(r, currency, `lines_file row ${i + 2}`)));
    if (issues.length > 0) throw new ValidationError(issues);
    return lines.filter((l): l is OrderLineInput => l !== undefined);
  }
  const text = readTextFile(file, 'lines_file');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw ValidationError.single('lines_file', `${file} is not valid JSON (${(error as Error).message}); use .csv for a CSV file`);
  }
  return parseLinesFile(value);
}

export function readInvoicePdf(file: string): LinkAttachment {
  return readPdfFile(file, 'invoice_pdf');
}

/**
 * The idempotency key of a create: with a link reference, the (store, reference) pair — a retry or a
 * bulk re-run can never make a second link; without one, a digest of the exact request (a retry of the
 * same call in this run returns the first link).
 */
export function createLinkIdempotencyKey(request: CreateLinkRequest): string {
  if (request.link_reference) return `link-create:${request.store_id}:${request.link_reference}`;
  const { created_by: _ignored, ...rest } = request;
  return `link-create:${createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 32)}`;
}

/**
 * The one line of an amount-only link: named by the description (or "Payment"), quantity 1, taxed at the
 * given rate or else the purchase country's standard VAT rate.
 */
export function amountLine(draft: Pick<LinkDraft, 'amount' | 'tax' | 'description'>, currency: string, country: string): OrderLineInput {
  const standard = STANDARD_VAT[country.toUpperCase()];
  if (draft.tax === undefined && standard === undefined) throw ValidationError.single('tax', `has no standard rate for ${country}; give --tax`);
  const tax = draft.tax ?? String((standard ?? 0) / 100);
  return lineFromFields({ name: draft.description?.trim() || 'Payment', price: draft.amount, qty: '1', tax }, currency, 'amount');
}

/** Loads the store and checks it can take links; stops at once when it has no terms URL. */
export async function linkStore(backend: Backend, storeId: string): Promise<Store> {
  const store = await backend.stores.get(storeId);
  assertStoreReadyForLinks(store);
  return store;
}

export async function prepareLink(backend: Backend, draft: LinkDraft, now: Date): Promise<PreparedLink> {
  const store = await linkStore(backend, draft.storeId);
  let issues: Issue[] = [];

  const country = attempt(issues, () => assertCountryAllowed(store, draft.country ?? store.purchase_country, 'country')) ?? store.purchase_country;
  const currency = attempt(issues, () => assertCurrencyAllowed(store, draft.currency ?? defaultLinkCurrency(store, country), 'currency'));
  const email = draft.email?.trim() ? attempt(issues, () => normalizeEmail(draft.email ?? '')) : undefined;
  const phone = draft.phone?.trim() ? attempt(issues, () => normalizePhone(draft.phone ?? '', 'phone', country)) : undefined;
  if (!draft.email?.trim() && !draft.phone?.trim()) issues.push({ field: 'email', rule: 'give the customer\'s email (--email) or phone (--phone), or both' });
  const reference = draft.reference === undefined ? undefined : attempt(issues, () => validateMerchantReference(draft.reference ?? '', 'merchant_reference1'));
  if (draft.reference === undefined) issues.push({ field: 'merchant_reference1', rule: 'is required (--reference, e.g. your order number)' });
  const reference2 = draft.reference2 === undefined ? undefined : attempt(issues, () => validateMerchantReference(draft.reference2 ?? '', 'merchant_reference2'));
  const linkReference = draft.linkReference === undefined ? undefined : attempt(issues, () => validateLinkReference(draft.linkReference ?? ''));
  const description = draft.description === undefined ? undefined : attempt(issues, () => validateDescription(draft.description ?? ''));
  const notes = attempt(issues, () => parseNotes(draft.notes ?? [])) ?? {};
  const invoiceNumber = draft.invoiceNumber === undefined ? undefined : attempt(issues, () => validateInvoiceNumber(draft.invoiceNumber ?? ''));
  const attachment = draft.invoicePdf === undefined ? undefined : attempt(issues, () => readInvoicePdf(draft.invoicePdf ?? ''));
  const template = draft.messageTemplate === undefined ? undefined : attempt(issues, () => validateTemplate(draft.messageTemplate ?? ''));

  const channel = (draft.send ?? 'none') as LinkChannel;
  if (!LINK_CHANNELS.includes(channel)) issues.push({ field: 'send', rule: `must be email, sms or none; got ${JSON.stringify(draft.send)}` });
  else if (channel === 'email' && !draft.email?.trim()) issues.push({ field: 'email', rule: 'is required to send the link by email (--send email)' });
  else if (channel === 'sms' && !draft.phone?.trim()) issues.push({ field: 'phone', rule: 'is required to send the link by SMS (--send sms)' });
  if (draft.sendAt !== undefined && channel === 'none') issues.push({ field: 'send_at', rule: 'needs --send email or --send sms' });
  if (template !== undefined && channel === 'none' && draft.send !== undefined) issues.push({ field: 'message_template', rule: 'needs --send email or --send sms' });

  let expiresAt: Date | undefined;
  if (draft.expiresIn !== undefined && draft.expiresAt !== undefined) issues.push({ field: 'expires', rule: 'give --expires-in or --expires-at, not both' });
  else {
    expiresAt = attempt(issues, () => {
      if (draft.expiresIn !== undefined) return linkExpiresAt(now, { ttlMs: parseDuration(draft.expiresIn, 'expires_in') });
      if (draft.expiresAt !== undefined) return linkExpiresAt(now, { at: parseIsoTime(draft.expiresAt, 'expires_at'), now });
      return linkExpiresAt(now);
    });
  }
  let sendAt: Date | undefined;
  if (draft.sendAt !== undefined) {
    const at = attempt(issues, () => parseWhen(draft.sendAt ?? '', now, 'send_at'));
    const until = expiresAt;
    if (at && until) attempt(issues, () => validateSendAt(at, now, until));
    sendAt = at;
  }

  let totals: OrderTotals | undefined;
  if (currency !== undefined) {
    const fieldIssues = issues;
    issues = [];
    const inputs: OrderLineInput[] = [...(draft.lineInputs ?? [])];
    (draft.lines ?? []).forEach((spec, i) => {
      const line = attempt(issues, () => parseLineSpec(spec, currency, i));
      if (line) inputs.push(line);
    });
    if (draft.tax !== undefined && draft.amount === undefined) issues.push({ field: 'tax', rule: 'applies only to an amount-only link (--amount); give each line its own tax=' });
    if (draft.amount !== undefined) {
      const line = attempt(issues, () => amountLine(draft, currency, country));
      if (line) inputs.push(line);
    }
    if (draft.linesFile !== undefined) {
      const fromFile = await readLinesFile(draft.linesFile, currency).catch((error: unknown) => {
        if (error instanceof ValidationError) {
          issues.push(...error.issues);
          return [];
        }
        throw error;
      });
      inputs.push(...fromFile);
    }
    const rates = inputs.filter((l) => l.type !== 'discount').map((l) => l.tax_rate);
    (draft.discounts ?? []).forEach((spec, i) => {
      const line = attempt(issues, () => parseDiscountSpec(spec, currency, rates, i));
      if (line) inputs.push(line);
    });
    const given = (draft.lines?.length ?? 0) + (draft.lineInputs?.length ?? 0) + (draft.linesFile === undefined ? 0 : 1) + (draft.amount === undefined ? 0 : 1);
    if (given === 0) issues.push({ field: 'order_lines', rule: 'give at least one line (--line or --lines-file), or one amount (--amount)' });
    else if (draft.amount !== undefined && given > 1) issues.push({ field: 'amount', rule: 'an amount-only link has no other lines: give --amount, or --line/--lines-file, not both' });
    else if (issues.length === 0 && inputs.length > 0) totals = attempt(issues, () => computeOrder(inputs, currency));
    issues = [...fieldIssues, ...issues];
  }

  if (issues.length > 0 || !totals || !currency || !expiresAt || reference === undefined) throw new ValidationError(issues);
  const request: CreateLinkRequest = {
    store_id: store.id,
    purchase_country: country,
    purchase_currency: currency,
    locale: localeFor(country),
    order_amount: totals.order_amount,
    order_tax_amount: totals.order_tax_amount,
    order_lines: totals.order_lines,
    merchant_reference1: reference,
    merchant_reference2: reference2,
    customer: { ...(email ? { email } : {}), ...(phone ? { phone } : {}) },
    auto_capture: Boolean(draft.autoCapture),
    delivery: { channel, ...(sendAt ? { send_at: sendAt.toISOString() } : {}), ...(template ? { template } : {}) },
    expires_at: expiresAt.toISOString(),
    link_reference: linkReference,
    description,
    notes,
    invoice_number: invoiceNumber,
    attachment,
    created_by: draft.createdBy,
    duplicated_from: draft.duplicatedFrom,
  };
  // The same rules every backend applies on create: a dry run or review refuses what the backend would.
  validateLinkRequest(request, store, now);
  return { store, request, totals };
}
