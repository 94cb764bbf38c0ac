/**
 * `--json id,status,order_amount`: only the named fields of the JSON document (of each item, for a list).
 * The fields a command can print are the fields of its document, so the selection is checked against the
 * document itself: a wrong or empty selection lists the available ones, in the order the document has them.
 */
import { Writable } from 'node:stream';
import { UsageError } from '../errors.js';

/** The comma-separated value of `--json`; an empty value asks for the list of fields. */
export function parseFieldList(value: string): string[] {
  return value
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isRecord = (v: unknown): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The fields of a document: its own keys, or the union of its items' keys (first seen first). */
export function availableFields(doc: unknown): string[] {
  const items = Array.isArray(doc) ? doc : [doc];
  const seen = new Set<string>();
  for (const item of items) if (isRecord(item)) for (const key of Object.keys(item)) seen.add(key);
  return [...seen];
}

/** The document with only `fields` (per item for a list), in the order asked; a field an item lacks is null. */
export function selectFields(doc: unknown, fields: readonly string[]): unknown {
  const available = availableFields(doc);
  // An empty list has no fields to check against; it prints as an empty list whatever was asked.
  const emptyList = Array.isArray(doc) && doc.length === 0;
  const unknown = fields.filter((f) => !available.includes(f));
  if (!emptyList && (fields.length === 0 || unknown.length > 0)) {
    const what = fields.length === 0 ? '--json: name at least one field (or pass --json alone for every field).' : `--json: no field ${unknown.map((f) => `"${f}"`).join(', ')} in this output.`;
    throw new UsageError(`${what} Available fields: ${available.join(', ')}`, {
      // The example names fields this output has (`id` exists in few of them).
      hint: `Example: --json ${available.slice(0, 2).join(',')}`,
      details: { flag: '--json', unknown_fields: unknown, available_fields: available },
    });
  }
  const pick = (item: unknown): unknown => (isRecord(item) ? Object.fromEntries(fields.map((f) => [f, item[f] ?? null])) : item);
  return Array.isArray(doc) ? doc.map(pick) : pick(doc);
}

/**
 * A stdout that applies the selection to every JSON document written to it. Each write of a JSON view is
 * one whole document (pretty JSON, or one NDJSON line), so each is selected as it passes and written in the
 * same style; anything that is not JSON passes unchanged.
 */
export function selectingStdout(stdout: Writable, fields: readonly string[]): Writable {
  const out: Writable = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      stdout.write(chunk, callback);
    },
  });
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : undefined;
    const selected = text === undefined ? undefined : selectText(text, fields);
    return (stdout.write as (...a: unknown[]) => boolean)(selected ?? chunk, ...rest);
  };
  out.write = write as Writable['write'];
  selections.set(out, { fields, stdout });
  return out;
}

const selections = new WeakMap<Writable, { fields: readonly string[]; stdout: Writable }>();

/**
 * The selection behind a selecting stdout, for a writer that streams one JSON document in many writes (a
 * list of a million rows): it selects each page itself and writes to the stream underneath.
 */
export function fieldSelection(stdout: Writable): { fields: readonly string[]; stdout: Writable } | undefined {
  return selections.get(stdout);
}

function selectText(text: string, fields: readonly string[]): string | undefined {
  const body = text.trim();
  if (body === '' || !(body.startsWith('{') || body.startsWith('['))) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    return undefined;
  }
  const pretty = body.includes('\n');
  return `${JSON.stringify(selectFields(doc, fields), null, pretty ? 2 : undefined)}\n`;
}
