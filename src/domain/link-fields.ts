/**
 * Rules for the fields of a payment link that are not order lines: customer contact, references, notes,
 * message templates and the invoice attachment. Pure: every function takes values and returns values or
 * throws a ValidationError naming the field and the rule.
 */
import { isCalendarDate } from './calendar-date.js';
import { ValidationError } from '../errors.js';
import type { Issue } from '../errors.js';
import { parseDuration } from './link-expiry.js';
import { compactPhone, localToE164 } from './phone.js';
import { checkText, shown, textIssues } from './text-rules.js';

/** Kustom's limit on merchant_reference1/2 and our link reference. */
export const MAX_MERCHANT_REFERENCE_LENGTH = 255;
export const MAX_LINK_REFERENCE_LENGTH = 64;
export const MAX_DESCRIPTION_LENGTH = 500;
export const MAX_NOTES = 20;
export const MAX_NOTE_KEY_LENGTH = 40;
const NOTE_KEY = new RegExp(`^[A-Za-z0-9][A-Za-z0-9_-]{0,${MAX_NOTE_KEY_LENGTH - 1}}$`);
export const MAX_NOTE_VALUE_LENGTH = 255;
export const MAX_INVOICE_NUMBER_LENGTH = 64;
/** An attachment larger than this would not survive most mail servers; Kustom has no attachment API at all. */
export const MAX_PDF_BYTES = 5 * 1024 * 1024;
export const MAX_TEMPLATE_LENGTH = 1000;

// Practical address check (RFC 5322 is far looser than what mail providers accept): local@domain.tld.
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Trims and checks an email address; returns it lower-cased in the domain part. */
export function normalizeEmail(input: string, field = 'email'): string {
  const text = checkText(input, field).trim();
  if (text.length > 254 || !EMAIL.test(text) || text.includes('..')) {
    throw ValidationError.single(field, `${shown(input)} is not an email address (expected name@example.com)`);
  }
  const at = text.lastIndexOf('@');
  return `${text.slice(0, at)}@${text.slice(at + 1).toLowerCase()}`;
}

/**
 * E.164: a `+`, a country code that does not start with 0, and 8–15 digits in all. Spaces, dashes, dots,
 * slashes and parentheses people type are removed first (`compactPhone`). A number without `+` (`00…`, the
 * calling code without `+`, or a local `0701112233`) is read with `country` — the store's or the link's
 * purchase country (`localToE164`); without one its country would be a guess.
 */
export function normalizePhone(input: string, field = 'phone', country?: string): string {
  let compact = compactPhone(checkText(input, field));
  if (!compact.startsWith('+')) {
    const international = country === undefined ? undefined : localToE164(compact, country);
    if (international === undefined) {
      throw ValidationError.single(
        field,
        `${shown(input)} must be in international E.164 form with a leading +, e.g. +46701234567${country === undefined ? '' : ` (or a local ${country.toUpperCase()} number)`}`,
      );
    }
    compact = international;
  }
  if (!/^\+[1-9]\d{7,14}$/.test(compact)) {
    throw ValidationError.single(field, `${shown(input)} is not an E.164 number: + then 8–15 digits, the first not 0, e.g. +46701234567`);
  }
  return compact;
}

export function validateMerchantReference(value: string, field: string): string {
  const text = checkText(value, field).trim();
  if (text === '') throw ValidationError.single(field, 'must not be empty');
  if (text.length > MAX_MERCHANT_REFERENCE_LENGTH) {
    throw ValidationError.single(field, `is ${text.length} characters; at most ${MAX_MERCHANT_REFERENCE_LENGTH} are allowed`);
  }
  return text;
}

/** A link reference is the merchant's own handle for a link (unique per store): 1–64 of A–Z a–z 0–9 . _ - */
export function validateLinkReference(value: string, field = 'link_reference'): string {
  const text = value.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(text)) {
    throw ValidationError.single(
      field,
      `${shown(value)} must be 1–${MAX_LINK_REFERENCE_LENGTH} characters of letters, digits, ".", "_" or "-", starting with a letter or digit`,
    );
  }
  return text;
}

export function validateDescription(value: string, field = 'description'): string {
  const text = checkText(value, field).trim();
  if (text.length > MAX_DESCRIPTION_LENGTH) {
    throw ValidationError.single(field, `is ${text.length} characters; at most ${MAX_DESCRIPTION_LENGTH} are allowed`);
  }
  return text;
}

export function validateInvoiceNumber(value: string, field = 'invoice_number'): string {
  const text = value.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9/._-]*$/.test(text) || text.length > MAX_INVOICE_NUMBER_LENGTH) {
    throw ValidationError.single(field, `${shown(value)} must be 1–${MAX_INVOICE_NUMBER_LENGTH} characters of letters, digits, "/", ".", "_" or "-"`);
  }
  return text;
}

/** Parses `key=value` notes (several); keys are unique, 1–40 of a–z 0–9 _ - (case kept), values ≤255. */
export function parseNotes(entries: readonly string[], field = 'notes'): Record<string, string> {
  const notes: Record<string, string> = {};
  const issues: Issue[] = [];
  if (entries.length > MAX_NOTES) issues.push({ field, rule: `${entries.length} notes given; at most ${MAX_NOTES} are allowed` });
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const key = eq < 0 ? entry.trim() : entry.slice(0, eq).trim();
    const value = eq < 0 ? '' : entry.slice(eq + 1).trim();
    if (eq < 0) {
      issues.push({ field, rule: `${shown(entry)} is not key=value (e.g. --note channel=phone)` });
    } else if (!NOTE_KEY.test(key)) {
      issues.push({ field: `${field}.${key || '(empty)'}`, rule: `the key must be 1–${MAX_NOTE_KEY_LENGTH} characters of letters, digits, "_" or "-"` });
    } else if (Object.hasOwn(notes, key)) {
      issues.push({ field: `${field}.${key}`, rule: 'is given twice; each key may appear once' });
    } else if (value === '' || value.length > MAX_NOTE_VALUE_LENGTH) {
      issues.push({ field: `${field}.${key}`, rule: `the value must be 1–${MAX_NOTE_VALUE_LENGTH} characters` });
    } else if (textIssues(value, `${field}.${key}`).length > 0) {
      issues.push(...textIssues(value, `${field}.${key}`));
    } else {
      notes[key] = value;
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return notes;
}

export const TEMPLATE_PLACEHOLDERS = ['url', 'amount', 'store', 'reference', 'expires', 'description'] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];
export type TemplateValues = Record<TemplatePlaceholder, string>;

export const DEFAULT_TEMPLATES = {
  email: 'Hello,\n\n{store} has sent you a payment link for order {reference}: {amount}.\nPay here: {url}\n\nThe link is valid until {expires}.',
  sms: '{store}: pay {amount} for order {reference} at {url} (valid until {expires})',
} as const;

/**
 * Checks a message template: only known `{placeholder}`s, `{url}` present (a message without the link is
 * useless), balanced braces, at most 1000 characters. `{{` and `}}` write literal braces.
 */
export function validateTemplate(template: string, field = 'message_template'): string {
  const issues: Issue[] = [];
  if (template.trim() === '') issues.push({ field, rule: 'must not be empty' });
  issues.push(...textIssues(template, field, { multiline: true }));
  if (template.length > MAX_TEMPLATE_LENGTH) issues.push({ field, rule: `is ${template.length} characters; at most ${MAX_TEMPLATE_LENGTH} are allowed` });
  const stripped = template.replace(/\{\{|\}\}/g, '');
  const names = [...stripped.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? '');
  const unknown = names.filter((n) => !(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    issues.push({ field, rule: `unknown placeholder ${unknown.map((n) => `{${n}}`).join(', ')}; known: ${TEMPLATE_PLACEHOLDERS.map((n) => `{${n}}`).join(', ')}` });
  }
  if (/[{}]/.test(stripped.replace(/\{[^{}]*\}/g, ''))) issues.push({ field, rule: 'has an unmatched { or }; write {{ or }} for a literal brace' });
  if (!names.includes('url')) issues.push({ field, rule: 'must contain {url}, or the customer gets no link' });
  if (issues.length > 0) throw new ValidationError(issues);
  return template;
}

/** Fills a (validated) template. */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template.replace(/\{\{|\}\}|\{([a-z]+)\}/g, (match, name: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    return values[name as TemplatePlaceholder] ?? match;
  });
}

/** Checks an invoice attachment: a real PDF (starts with `%PDF-`), not empty, at most 5 MB. */
export function checkPdf(bytes: Uint8Array, filename: string, field = 'invoice_pdf'): void {
  if (bytes.length === 0) throw ValidationError.single(field, `${filename} is empty`);
  if (bytes.length > MAX_PDF_BYTES) {
    throw ValidationError.single(field, `${filename} is ${(bytes.length / 1048576).toFixed(1)} MB; at most ${MAX_PDF_BYTES / 1048576} MB is allowed`);
  }
  const magic = Buffer.from(bytes.subarray(0, 5)).toString('latin1');
  if (magic !== '%PDF-') throw ValidationError.single(field, `${filename} is not a PDF (it does not start with %PDF-)`);
}

/** A scheduled send must be in the future and before the link expires. */
export function validateSendAt(sendAt: Date, now: Date, expiresAt: Date, field = 'send_at'): void {
  if (Number.isNaN(sendAt.getTime())) throw ValidationError.single(field, 'is not a valid ISO 8601 time');
  if (sendAt.getTime() <= now.getTime()) throw ValidationError.single(field, `${sendAt.toISOString()} is in the past; give a later time, or leave it out to send now`);
  if (sendAt.getTime() >= expiresAt.getTime()) {
    throw ValidationError.single(field, `${sendAt.toISOString()} is not before the link expires (${expiresAt.toISOString()})`);
  }
}

/** Parses an ISO 8601 time given on the command line (a date alone means 00:00 UTC). */
export function parseIsoTime(input: string, field: string): Date {
  const text = input.trim();
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
    throw ValidationError.single(field, `${shown(input)} is not an ISO 8601 time, e.g. 2026-12-01T09:00:00Z or 2026-12-01`);
  }
  const date = new Date(text.length === 10 ? `${text}T00:00:00Z` : text.replace(' ', 'T'));
  if (Number.isNaN(date.getTime()) || !isCalendarDate(text)) throw ValidationError.single(field, `${shown(input)} is not a valid time`);
  return date;
}

/** A time given as ISO 8601 (`2026-12-01T09:00:00Z`) or as a delay from now (`2h`, `1d`, `90m`). */
export function parseWhen(input: string, now: Date, field: string): Date {
  const text = input.trim();
  if (/^(?:\d+[wdhms])+$/.test(text)) return new Date(now.getTime() + parseDuration(text, field));
  return parseIsoTime(text, field);
}
