/**
 * Seeded random plan-shaped JSON documents, written in any layout a user's editor or tool could give
 * (minified, indented, members reordered, whitespace of every kind, strings and numbers escaped or spelled
 * differently), and corrupted (cut, a character changed, dropped or added).
 */
import type { Classification } from '../../src/services/orders/bulk/bulk-plan.js';

type Rng = () => number;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const int = (rng: Rng, n: number): number => Math.floor(rng() * n);

/** Characters a row's text can hold: quotes, backslashes, controls, brackets, non-Latin and astral ones. */
const CHARS = ['a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\t', '\u0000', '\u001f', '[', ']', '{', '}', ',', ':', 'Å', 'ö', '東', '京', '😀', '\u2028', '\u00a0', '€', 'e', '-'];

export function randomText(rng: Rng, long = false): string {
  const n = long && rng() < 0.2 ? 500 + int(rng, 3000) : int(rng, 14);
  let s = '';
  for (let i = 0; i < n; i++) s += pick(rng, CHARS);
  return s;
}

const CLASSES: Classification[] = ['capture_full', 'capture_part', 'already_captured', 'skip_closed', 'not_found', 'amount_too_high', 'read_failed', 'refused'];

/** A plan row that passes the plan file's checks. */
export function randomRow(rng: Rng, row: number): Record<string, unknown> {
  const classification = pick(rng, CLASSES);
  const capturable = classification === 'capture_full' || classification === 'capture_part';
  const identity = { order_id: `o-${row}`, reference: rng() < 0.5 ? randomText(rng) : null, amount: rng() < 0.5 ? 1 + int(rng, 1e6) : null, lines: rng() < 0.3 ? [{ reference: randomText(rng), quantity: 1 + int(rng, 5) }] : null };
  return {
    row,
    input: randomText(rng, true),
    order_id: classification === 'not_found' ? null : `o-${row}`,
    classification,
    currency: pick(rng, ['SEK', 'EUR', null]),
    amount: capturable ? 1 + int(rng, 1e7) : int(rng, 100),
    capture_reference: rng() < 0.5 ? randomText(rng) : null,
    request: capturable ? { captured_amount: 1 + int(rng, 1e7), description: randomText(rng), order_lines: [], shipping_info: rng() < 0.5 ? [] : [{ tracking_number: randomText(rng) }] } : null,
    idempotency_key: capturable || classification === 'already_captured' ? `k-${row}-${int(rng, 1e9)}` : null,
    identity: capturable ? identity : null,
    capture_id: classification === 'already_captured' ? `c-${row}` : null,
    reason: rng() < 0.3 ? randomText(rng) : null,
  };
}

/** A plan document: its header members, the rows, now and then a member of the user's own. */
export function randomDocument(rng: Rng, rows = int(rng, rng() < 0.1 ? 300 : 30)): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    version: 2,
    run_id: `${int(rng, 1e12).toString(16)}`,
    created_at: '2026-01-02T03:04:05.000Z',
    backend: 'sandbox',
    store: rng() < 0.5 ? null : 'se-demo',
    rows: Array.from({ length: rows }, (_, i) => randomRow(rng, i + 1)),
  };
  if (rng() < 0.2) doc['note'] = { by: randomText(rng), tags: [randomText(rng), 1.5, true, null, [], {}] };
  return doc;
}

const SPACES = [' ', '\t', '\n', '\r', '\r\n', '  '];

function space(rng: Rng): string {
  if (rng() < 0.6) return '';
  let s = '';
  for (let n = 1 + int(rng, 3); n > 0; n--) s += pick(rng, SPACES);
  return s;
}

const hex4 = (unit: number): string => `\\u${unit.toString(16).padStart(4, '0')}`;

/** A string with some characters (whole code points) escaped as \uXXXX, and `/` now and then as `\/`. */
function writeString(s: string, rng: Rng, escapeRate: number): string {
  let out = '"';
  for (const ch of s) {
    const unit = ch.charCodeAt(0);
    if (rng() < escapeRate || unit < 0x20 || ch === '"' || ch === '\\') {
      if (ch === '"' || ch === '\\') out += rng() < 0.5 ? `\\${ch}` : hex4(unit);
      else if (ch === '\n' && rng() < 0.5) out += '\\n';
      // A pair of surrogates (an astral character) is escaped whole: never half of it raw.
      else out += Array.from({ length: ch.length }, (_, k) => hex4(ch.charCodeAt(k))).join('');
    } else if (ch === '/' && rng() < 0.5) out += '\\/';
    else out += ch;
  }
  return `${out}"`;
}

function writeNumber(n: number, rng: Rng): string {
  if (!Number.isInteger(n) || rng() < 0.6) return JSON.stringify(n);
  return pick(rng, [`${n}.0`, `${n}e0`, `${n}E+0`, `${n}.000e-0`]);
}

/** Any valid layout of `value`: members in any order, any whitespace, escapes, number spellings. */
function writeValue(value: unknown, rng: Rng, escapeRate: number): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') return writeNumber(value, rng);
  if (typeof value === 'string') return writeString(value, rng, escapeRate);
  if (Array.isArray(value)) return `[${space(rng)}${value.map((v) => `${writeValue(v, rng, escapeRate)}${space(rng)}`).join(`,${space(rng)}`)}]`;
  const keys = Object.keys(value as object);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = int(rng, i + 1);
    [keys[i], keys[j]] = [keys[j] as string, keys[i] as string];
  }
  const member = (k: string): string => `${writeString(k, rng, escapeRate)}${space(rng)}:${space(rng)}${writeValue((value as Record<string, unknown>)[k], rng, escapeRate)}${space(rng)}`;
  return `{${space(rng)}${keys.map(member).join(`,${space(rng)}`)}}`;
}

/** The document as JSON in one of several layouts (always valid JSON for the same value). */
export function writeJson(doc: unknown, rng: Rng): string {
  switch (int(rng, 4)) {
    case 0:
      return JSON.stringify(doc);
    case 1:
      return JSON.stringify(doc, null, pick(rng, [1, 2, 4, '\t', '\r\n']));
    case 2:
      // Every non-ASCII character escaped, as some tools write JSON.
      return JSON.stringify(doc, null, 2).replace(/[\u0080-\uffff]/g, (c) => hex4(c.charCodeAt(0)));
    default:
      return `${space(rng)}${writeValue(doc, rng, pick(rng, [0, 0.05, 0.5]))}${space(rng)}`;
  }
}

const JUNK = ['{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\n', 'x', '0', '-', 'e', '.', 'n', 't', 'é', '\u0000'];

/** The text damaged once: cut, a character changed, dropped or added, or something after the end. */
export function corrupt(text: string, rng: Rng): string {
  const at = int(rng, text.length + 1);
  switch (int(rng, 5)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + pick(rng, JUNK) + text.slice(at + 1);
    case 2:
      return text.slice(0, at) + text.slice(at + 1);
    case 3:
      return text.slice(0, at) + pick(rng, JUNK) + text.slice(at);
    default:
      return text + pick(rng, ['x', '{}', ',', ' \n', ']', '}']);
  }
}
