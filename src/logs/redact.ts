/**
 * One redactor for everything that leaves the process or lands on disk outside the secrets file: the
 * developer log, `--debug` lines and error messages. Keys and Authorization values become
 * `[redacted]`; e-mail addresses and phone numbers are masked, as Kustom's own developer logs do.
 */
import { KEY_PATTERN } from '../domain/credential-shape.js';

const SECRET_FIELD = /^(authorization|proxy-authorization|api[_-]?key|apikey|secret|secret_hash|client[_-]?secret|password|passwd|token|access[_-]?token|refresh[_-]?token|key|cookie|set-cookie)$|secret$|_token$|_password$|_api_?key$/i;
const PHONE_FIELD = /phone|mobile|msisdn|telephone/i;
const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
const AUTH_VALUE = /\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]+/g;
const PHONE_TEXT = /\+\d[\d\s-]{6,}\d/g;

/** Secrets that do not look like keys (legacy pair secrets) but are known to this run. */
const known = new Set<string>();
/** Whether some known secret is written differently inside a JSON string (it holds a quote, a backslash…). */
let knownEscapedInJson = false;

export function addKnownSecret(secret: string): void {
  if (secret.length < 4) return;
  known.add(secret);
  if (JSON.stringify(secret).slice(1, -1) !== secret) knownEscapedInJson = true;
}

/** Whether `text` holds a known secret as it stands. */
function includesKnownSecret(text: string): boolean {
  for (const secret of known) if (text.includes(secret)) return true;
  return false;
}

export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.length <= 2 ? '**' : `${'*'.repeat(Math.min(digits.length - 2, 10))}${digits.slice(-2)}`;
}

/** Keys and Authorization values only (for messages to the user, where contact details are wanted). */
export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of known) out = out.split(secret).join('[redacted]');
  return out.replace(KEY_PATTERN, (m) => `${m.slice(0, m.indexOf('_api_') + 5)}[redacted]`).replace(AUTH_VALUE, '$1 [redacted]');
}

/** What any of redactText's patterns needs in a text: most strings (IDs, dates, names) hold none of it. */
const MAY_NEED_REDACTION = /kco_|Basic|Bearer|@|\+\d/;

/** Secrets plus contact details (for the developer log and `--debug`). */
export function redactText(text: string): string {
  // A text without any known secret is redacted as if none were known: the key a run is given is known,
  // and most texts (every string of every body logged) hold neither it nor anything else to hide.
  if (!MAY_NEED_REDACTION.test(text) && !includesKnownSecret(text)) return text;
  return redactSecrets(text)
    .replace(EMAIL, '$1***@$2')
    .replace(PHONE_TEXT, (m) => maskPhone(m));
}

/** A deep copy with secret fields removed and contact details masked. Handles cycles and odd values. */
export function redactValue(value: unknown, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => redactValue(v, seen));
  if (value instanceof Error) return { error: value.name, message: redactText(value.message) };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const kind = fieldKind(k);
    if (kind === 'secret') out[k] = v === null || v === undefined ? v : '[redacted]';
    else if (kind === 'phone' && typeof v === 'string') out[k] = maskPhone(v);
    else out[k] = redactValue(v, seen);
  }
  return out;
}

/**
 * What in a body's JSON text redaction could change, besides its field names (plainShape checks those):
 * a key, an Authorization value, an e-mail address, a phone number, an escaped quote (a string that
 * could hide a field name).
 */
const MAY_HOLD_SECRET = /kco_|Basic|Bearer|@|\+\d|\\"/i;

/** Whether a known secret (one that does not look like a key) could appear in `text`. */
function holdsKnownSecret(text: string): boolean {
  return knownEscapedInJson || includesKnownSecret(text);
}

/** Deeper than any body: a value this deep (or a cycle) is left to the redacting path, which names cycles. */
const MAX_PLAIN_DEPTH = 64;

/**
 * Whether JSON.stringify alone serializes `value` as redaction would, apart from its strings (which the
 * caller tests in the text): plain objects and arrays whose field names are neither secret nor phone
 * fields, dates and primitives. An error, a class instance or a `toJSON` of its own is left to the
 * redacting path. Field names repeat from body to body, so their kinds come from fieldKind's cache: a
 * walk costs less than testing the whole text for every secret field name.
 */
function plainShape(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (depth > MAX_PLAIN_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!plainShape(item, depth + 1)) return false;
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value instanceof Date && proto === Date.prototype;
  const record = value as Record<string, unknown>;
  if (typeof record['toJSON'] === 'function') return false;
  for (const key of Object.keys(record)) {
    if (fieldKind(key) !== 'other' || !plainShape(record[key], depth + 1)) return false;
  }
  return true;
}

/**
 * The JSON as is when nothing in it could need redaction (most bodies: order IDs, amounts, lines), so
 * only a body with something to hide pays for the redacting pass.
 */
function plainJson(value: unknown): string | null | undefined {
  if (!plainShape(value, 0)) return undefined;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return undefined; // odd values (BigInt): the redacting path handles them
  }
  if (text === undefined) return null;
  return MAY_HOLD_SECRET.test(text) || holdsKnownSecret(text) ? undefined : text;
}

type FieldKind = 'secret' | 'phone' | 'other';

/** Field names seen, by kind: a body's few names repeat in every body, and testing each costs two patterns. */
const fieldKinds = new Map<string, FieldKind>();
const MAX_FIELD_KINDS = 1000;

function fieldKind(key: string): FieldKind {
  let kind = fieldKinds.get(key);
  if (kind !== undefined) return kind;
  kind = SECRET_FIELD.test(key) && !/^idempotency/i.test(key) ? 'secret' : PHONE_FIELD.test(key) ? 'phone' : 'other';
  // Free-form maps could bring any number of names: past the bound they are tested each time.
  if (fieldKinds.size < MAX_FIELD_KINDS) fieldKinds.set(key, kind);
  return kind;
}

/**
 * redactValue's rules applied while serializing (one pass, no copy): a secret field's value becomes
 * `[redacted]`, a phone field's string is masked, every other string is redacted as text, an error is its
 * name and message. The holder's own value is checked, as redactValue sees it before `toJSON`.
 */
function redactingReplacer(this: unknown, key: string, value: unknown): unknown {
  const original = (this as Record<string, unknown>)[key];
  if (key !== '' && !Array.isArray(this)) {
    const kind = fieldKind(key);
    if (kind === 'secret') return original === null || original === undefined ? original : '[redacted]';
    if (kind === 'phone' && typeof original === 'string') return maskPhone(original);
  }
  if (original instanceof Date) return value;
  if (typeof value === 'string') return redactText(value);
  if (value instanceof Error) return { error: value.name, message: value.message };
  return value;
}

/** Redacted JSON in one pass; values JSON cannot walk (cycles) get the deep copy, which names them. */
function redactedStringify(value: unknown): string | null {
  try {
    return JSON.stringify(value, redactingReplacer) ?? null;
  } catch {
    return JSON.stringify(redactValue(value)) ?? null;
  }
}

/** Redacted JSON for a log column, cut short so one huge body cannot bloat the log. */
export function redactedJson(value: unknown, max = 8000): string | null {
  return redactedBody(value, false, max).text;
}

/**
 * redactedJson, saying whether the body went through as is (`plain`). A caller that knows a body of this
 * kind needed redaction last time passes `redactFirst` and skips the plain attempt: a body holding
 * contact details (an order) is then serialized once, not twice.
 */
export function redactedBody(value: unknown, redactFirst: boolean, max = 8000): { text: string | null; plain: boolean } {
  if (value === undefined) return { text: null, plain: true };
  const plain = redactFirst ? undefined : plainJson(value);
  const text = plain === undefined ? redactedStringify(value) : plain;
  if (text === null) return { text: null, plain: plain !== undefined };
  return { text: text.length > max ? `${text.slice(0, max)}…(truncated)` : text, plain: plain !== undefined };
}

/**
 * redactedBody remembering, per kind of body (`key`), whether the last one needed redaction. Bodies of one
 * kind have one shape (an order always holds contact details), so the next is redacted in one pass, not
 * first checked as plain JSON.
 */
export function bodyRedactor(): (key: string, value: unknown) => string | null {
  const neededRedaction = new Set<string>();
  return (key, value) => {
    const { text, plain } = redactedBody(value, neededRedaction.has(key));
    if (plain) neededRedaction.delete(key);
    else neededRedaction.add(key);
    return text;
  };
}
