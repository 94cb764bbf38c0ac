/**
 * What an identifier a customer or a colleague holds can be: a link (ID, URL or link reference), an order
 * (ID, Kustom's short reference, merchant reference 1 or 2), a capture or refund (ID, capture reference), a
 * payout's payment reference, an email, a phone, or a customer name. Most free text could be several of
 * these, so the classifier returns every kind the text may be, and the backends try each through an index.
 */
import { ValidationError } from '../errors.js';
import { isNameQuery, nameMatches } from './name-words.js';
import { dialCode } from './phone-numbers.js';
import { callingCodeNumber, compactPhone, localToE164 } from './phone.js';
import { shown } from './text-rules.js';

export const IDENTIFIER_KINDS = [
  'link_id',
  'link_url',
  'link_reference',
  'order_id',
  'klarna_reference',
  'merchant_reference',
  'capture_id',
  'refund_id',
  'capture_reference',
  'payment_reference',
  'email',
  'phone',
  'name',
] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export interface Identifier {
  /** The text as typed, trimmed. */
  text: string;
  /** Every kind the text may be, most specific first. */
  kinds: IdentifierKind[];
  /** The link ID read from a URL's path (`…/l/<id>`, `…?session_id=<id>`). */
  linkId?: string | undefined;
  /** The email, lower-cased (matched case-insensitively). */
  email?: string | undefined;
  /** The phone in E.164 (a local number is read with the store's country). */
  phone?: string | undefined;
}

const UUID_BODY = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** A UUID bare or in braces, as Windows tools copy one (`{0B8E2A8E-…}`), in any case. */
const UUID = new RegExp(`^(?:\\{(${UUID_BODY})\\}|(${UUID_BODY}))$`, 'i');
const EMAIL_LIKE = /^[^\s@]+@[^\s@]+$/;
const PHONE_LIKE = /^\+?[\d\s\-()./]{6,24}$/;
/** Kustom's short order reference: 6–10 upper-case letters and digits (`K4MADNY`). */
const SHORT_REFERENCE = /^[A-Z0-9]{6,10}$/i;
/** Kustom's payment page token (`…/hpp/payments/2OCkffK`): an opaque run of letters and digits. */
const PAGE_TOKEN = /^[A-Za-z0-9]{6,64}$/;

/** The UUID in `text` (trimmed, braces dropped), lower-cased; undefined when it is not one. */
function uuidIn(text: string): string | undefined {
  const m = UUID.exec(text.trim());
  return m ? (m[1] ?? m[2])!.toLowerCase() : undefined;
}

/**
 * An ID as the provider keeps it: trimmed, and a UUID in lower case without braces (IDs are lower-case
 * UUIDs, but a colleague may read one out, copy it from a document that upper-cases it, or from a Windows
 * tool that writes it `{…}`). Every command that reads an order, link, capture or refund ID reads it
 * through this rule.
 */
export function canonicalId(input: string): string {
  return uuidIn(input) ?? input.trim();
}

/** A URL pasted without its scheme: a host name with a dot, then a path (`pay.example.com/l/…`). */
const SCHEMELESS_URL = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(:\d+)?\/\S/i;

/** The rule a URL must meet to name a payment link, in the words of the refusal. */
export const LINK_URL_RULE =
  "a payment link's URL ends with the link ID (a UUID: …/l/0b8e2a8e-…), carries it as session_id=<ID>, or is Kustom's payment page (…/hpp/…/<token>)";

/**
 * The link ID a payment page URL names, or undefined when it names none (see `LINK_URL_RULE`): its
 * `session_id`/`id` query value or its last path segment, which is a UUID, or — in the query or on
 * Kustom's payment page path (`…/hpp/…`) — Kustom's page token (6–64 letters and digits). Anything else
 * (another site's page, `/l/0b7e-1`) is no link ID, so it is refused as such rather than looked up.
 */
export function linkIdFromUrl(input: string): string | undefined {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(SCHEMELESS_URL.test(text) ? `https://${text}` : text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const fromQuery = url.searchParams.get('session_id') ?? url.searchParams.get('id');
  if (fromQuery) return linkIdShaped(fromQuery, true);
  let segments: string[];
  try {
    segments = url.pathname.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  } catch {
    return undefined;
  }
  const last = segments.pop();
  if (!last) return undefined;
  return linkIdShaped(last, segments.some((p) => p.toLowerCase() === 'hpp'));
}

function linkIdShaped(text: string, tokenAllowed: boolean): string | undefined {
  const uuid = uuidIn(text);
  if (uuid) return uuid;
  return tokenAllowed && PAGE_TOKEN.test(text) ? text : undefined;
}

export function isUrl(input: string): boolean {
  const text = input.trim();
  return /^https?:\/\//i.test(text) || SCHEMELESS_URL.test(text);
}

/**
 * A phone typed as people type it, in E.164: `+46 70 123 45 67` as is; `0046…` as `+46…`; `46 70 123 45 67`
 * (the store's calling code without `+`) as `+46…`; a local `070-123 45 67` with the store's country (the
 * trunk 0 dropped, or a trunk-country number typed without it). The rule is `localToE164`'s (phone.ts).
 * Spaces, dashes, dots, slashes and parentheses are dropped (`compactPhone`). Undefined when it cannot be a phone number.
 */
export function phoneToE164(input: string, country: string | undefined): string | undefined {
  const compact = compactPhone(input);
  let e164: string | undefined;
  if (compact.startsWith('+')) e164 = compact;
  else if (compact.startsWith('00')) e164 = `+${compact.slice(2)}`;
  else if (country && dialCode(country)) e164 = localToE164(compact, country) ?? `+${dialCode(country)}${compact.replace(/^0/, '')}`;
  return e164 && /^\+[1-9]\d{7,14}$/.test(e164) ? e164 : undefined;
}

/**
 * A phone read for several stores at once (a search with no store named): a number written with one of
 * their calling codes but no `+` is that number (`46 70…` with a Swedish store among them); anything else
 * is read with the first store's country.
 */
export function phoneForCountries(input: string, countries: readonly string[]): string | undefined {
  for (const country of countries) {
    const international = callingCodeNumber(input, country);
    if (international) return international;
  }
  return phoneToE164(input, countries[0]);
}

/**
 * The address in an email as copied from a mail program: bare, `mailto:…`, or `Anna Svensson
 * <anna@example.com>` (the address between the angle brackets).
 */
function emailIn(text: string): string | undefined {
  const bracketed = /<([^\s<>@]+@[^\s<>@]+)>\s*$/.exec(text)?.[1];
  const bare = bracketed ?? text.replace(/^mailto:/i, '');
  return EMAIL_LIKE.test(bare) ? bare : undefined;
}

/** Every kind `input` may be; `country` (the store's) reads a local phone number. */
export function classifyIdentifier(input: string, country?: string): Identifier {
  const text = input.trim();
  if (text === '') throw ValidationError.single('identifier', 'must not be empty: give a link, order, reference, email, phone or name');
  if (text.length > 255) throw ValidationError.single('identifier', `is ${text.length} characters; no identifier is longer than 255`);
  // References are free text, so every shape may also be one (an exact index lookup each).
  const references: IdentifierKind[] = ['merchant_reference', 'link_reference', 'capture_reference', 'payment_reference'];
  if (isUrl(text)) {
    const linkId = linkIdFromUrl(text);
    const schemeless = !/^https?:\/\//i.test(text);
    // Without a scheme it may as well be a reference with a dot and a slash (`ACME.SE/4411`).
    if (schemeless) return { text, kinds: linkId ? ['link_url', ...references] : references, linkId };
    if (!linkId) throw ValidationError.single('identifier', `${shown(text)} is a URL that names no payment link: ${LINK_URL_RULE}`);
    return { text, kinds: ['link_url'], linkId };
  }
  const uuid = uuidIn(text);
  if (uuid) return { text: uuid, kinds: ['order_id', 'link_id', 'capture_id', 'refund_id', ...references] };
  const email = emailIn(text);
  if (email) return { text: email, kinds: ['email', ...references], email: email.toLowerCase() };
  if (PHONE_LIKE.test(text) && /\d{6}/.test(text.replace(/\D/g, ''))) {
    const phone = phoneToE164(text, country);
    if (phone) return { text, kinds: ['phone', ...references], phone };
  }
  const kinds: IdentifierKind[] = [];
  if (SHORT_REFERENCE.test(text)) kinds.push('klarna_reference');
  kinds.push(...references, 'link_id', 'order_id', 'capture_id', 'refund_id');
  // A name has a letter and a word of two letters or more (see name-words.ts).
  if (isNameQuery(text)) kinds.push('name');
  return { text, kinds };
}

/** What a backend is asked to find: the classified identifier (see `classifyIdentifier`). */
export interface IdentifierQuery {
  text: string;
  kinds: readonly IdentifierKind[];
  link_id?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
}

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * The first of the query's kinds that a record's values match, for backends that match in memory (the
 * kustom ledger): references and IDs exactly and case-insensitively, a phone exactly, a name word by word
 * (`nameMatches`).
 */
export function matchingKind(query: IdentifierQuery, values: Partial<Record<IdentifierKind, readonly (string | null | undefined)[]>>): IdentifierKind | undefined {
  const wanted: Partial<Record<IdentifierKind, string | undefined>> = { link_url: query.link_id, email: query.email, phone: query.phone };
  for (const kind of query.kinds) {
    const target = kind in wanted ? wanted[kind] : query.text;
    if (target === undefined) continue;
    const present = (values[kind] ?? []).filter((v): v is string => typeof v === 'string' && v !== '');
    const hit = kind === 'name' ? present.some((v) => nameMatches(target, v)) : kind === 'phone' ? present.includes(target) : present.some((v) => same(v, target));
    if (hit) return kind;
  }
  return undefined;
}

/** A prefix of any of `values`, case-insensitively (`orders list --search`, `links list --contact`). */
export function startsWithAny(prefix: string, values: readonly (string | null | undefined)[]): boolean {
  const p = prefix.toLowerCase();
  return values.some((v) => typeof v === 'string' && v.toLowerCase().startsWith(p));
}
