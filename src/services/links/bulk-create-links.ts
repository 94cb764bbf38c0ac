/**
 * `merchant links create --from links.csv`: one link per row. Every row is validated before any link is
 * created (a bad row anywhere → nothing created, exit 2); on the sandbox the new rows are then created in
 * one transaction. Each row needs a link reference, which makes a
 * re-run idempotent: a row whose reference already has a link in its store is reported `existing`, not
 * created again. The per-row results are returned for the result file.
 *
 * Columns (header row required; names case-insensitive; `link_reference`, `reference`, one of
 * `email`/`phone`, and `lines` or `amount` are required):
 *   store, link_reference, reference, reference2, email, phone, country, currency,
 *   lines (line specs separated by `|`), amount and tax (an amount-only link, as --amount and --tax),
 *   discount (discount specs separated by `|`), send, send_at, expires_in,
 *   auto_capture (true/false/yes/no/1/0), description, notes (`k=v` separated by `;`), invoice_number
 *
 * Rows are numbered as a spreadsheet numbers them (the header is row 1), and every message names the
 * row and the file's column: `row 3 lines[2].price: …`.
 */
import type { Backend, CreateLinkRequest } from '../../backends/backend.js';
import type { PaymentLink } from '../../domain/model/payment-link.js';
import { PartialFailureError, ValidationError, type Issue } from '../../errors.js';
import { csvText } from '../../infra/csv-write.js';
import { writeFileAtomicSync } from '../../infra/atomic-file.js';
import { createLink, requireLinkCapabilities } from './create-link.js';
import { linksApi } from './links-api.js';
import { createLinkIdempotencyKey, prepareLink, type LinkDraft } from './link-draft.js';
import { forEachConcurrent } from '../orders/bulk/pool.js';
import { BULK_RESULT_COLUMNS, type BulkRowResult } from '../../domain/model/bulk-link-result.js';
import type { BulkLinkRow } from './bulk-link-input.js';

export const BULK_COLUMNS = [
  'store',
  'link_reference',
  'reference',
  'reference2',
  'email',
  'phone',
  'country',
  'currency',
  'lines',
  'amount',
  'tax',
  'discount',
  'send',
  'send_at',
  'expires_in',
  'auto_capture',
  'description',
  'notes',
  'invoice_number',
] as const;

export { BULK_RESULT_COLUMNS, type BulkRowResult } from '../../domain/model/bulk-link-result.js';

const split = (value: string | undefined, sep: string): string[] =>
  (value ?? '').split(sep).map((s) => s.trim()).filter((s) => s !== '');

function parseBool(value: string | undefined, field: string): boolean | undefined {
  const v = value?.trim().toLowerCase();
  if (v === undefined || v === '') return undefined;
  if (['true', 'yes', '1'].includes(v)) return true;
  if (['false', 'no', '0'].includes(v)) return false;
  throw ValidationError.single(field, `${JSON.stringify(value)} must be true or false`);
}

const opt = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v);

export interface BulkOptions {
  defaultStoreId?: string | undefined;
  createdBy: string;
}

interface PreparedRow {
  row: number;
  request: CreateLinkRequest;
}

/**
 * A row's lines or amount, as the single command's --line / --amount / --tax flags take them: lines, or
 * one amount (with an optional tax rate), never both. What does not fit is left out of the draft and
 * reported once, in the file's words.
 */
function rowShape(raw: Record<string, string>): { lines: string[]; amount?: string; tax?: string; issues: Issue[] } {
  const lines = split(raw['lines'], '|');
  const amount = opt(raw['amount']);
  const tax = opt(raw['tax']);
  const issues: Issue[] = [];
  if (lines.length > 0 && amount !== undefined) {
    issues.push({ field: 'amount', rule: 'a row has lines or an amount (an amount-only link), not both; empty one of the two columns' });
    return { lines, issues };
  }
  if (lines.length === 0 && amount === undefined) {
    issues.push({ field: 'lines', rule: 'is empty; give the row lines, or an amount (an amount-only link, taxed at the country\'s standard VAT rate unless tax says otherwise)' });
    return { lines, issues };
  }
  if (tax !== undefined && amount === undefined) {
    issues.push({ field: 'tax', rule: 'goes with amount (the rate of an amount-only link); a row with lines gives each line its own tax=' });
    return { lines, issues };
  }
  return { lines, ...(amount !== undefined ? { amount } : {}), ...(tax !== undefined ? { tax } : {}), issues };
}

/** The single command's field and flag names, as the file's columns. */
const COLUMN_OF: Record<string, string> = {
  merchant_reference1: 'reference',
  merchant_reference2: 'reference2',
  order_lines: 'lines',
  expires: 'expires_in',
  'amount.price': 'amount',
  'amount.tax': 'tax',
  'amount.name': 'description',
};

/** `row 3 lines[2].price: …`: the row as a spreadsheet numbers it, then the file's column. */
function rowIssue(row: number, issue: Issue): Issue {
  const field = COLUMN_OF[issue.field] ?? issue.field.replace(/^line\[/, 'lines[');
  const rule = issue.rule.replace(/--([a-z][a-z0-9-]*)/g, (flag, name: string) => (name === 'line' ? 'lines' : (BULK_COLUMNS as readonly string[]).includes(name.replace(/-/g, '_')) ? name.replace(/-/g, '_') : flag));
  return { field: `row ${row} ${field}`, rule };
}

/** Validates every row; throws one ValidationError naming `row N column` for every problem. */
export async function prepareBulk(backend: Backend, rows: AsyncIterable<BulkLinkRow>, options: BulkOptions): Promise<PreparedRow[]> {
  const issues: Issue[] = [];
  const prepared: PreparedRow[] = [];
  const seen = new Map<string, number>();
  const now = backend.clock.now();
  for await (const { row, raw } of rows) {
    const prefix = (i: Issue): Issue => rowIssue(row, i);
    const storeId = opt(raw['store']) ?? options.defaultStoreId;
    const linkReference = opt(raw['link_reference']);
    if (!storeId) issues.push(prefix({ field: 'store', rule: 'is required (a store column, or --store for every row)' }));
    if (!linkReference) issues.push(prefix({ field: 'link_reference', rule: 'is required in bulk files: it makes re-running the file safe' }));
    if (!storeId || !linkReference) continue;
    const key = `${storeId}\u0000${linkReference}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push(prefix({ field: 'link_reference', rule: `${linkReference} is also on row ${first}; each row needs its own link reference` }));
      continue;
    }
    seen.set(key, row);
    const shape = rowShape(raw);
    issues.push(...shape.issues.map(prefix));
    try {
      const draft: LinkDraft = {
        storeId,
        email: opt(raw['email']),
        phone: opt(raw['phone']),
        country: opt(raw['country']),
        currency: opt(raw['currency']),
        reference: raw['reference'] === undefined ? undefined : raw['reference'],
        reference2: opt(raw['reference2']),
        lines: shape.lines,
        amount: shape.amount,
        tax: shape.tax,
        discounts: split(raw['discount'], '|'),
        send: opt(raw['send']),
        sendAt: opt(raw['send_at']),
        expiresIn: opt(raw['expires_in']),
        autoCapture: parseBool(raw['auto_capture'], 'auto_capture'),
        linkReference,
        description: opt(raw['description']),
        notes: split(raw['notes'], ';'),
        invoiceNumber: opt(raw['invoice_number']),
        createdBy: options.createdBy,
      };
      prepared.push({ row, request: (await prepareLink(backend, draft, now)).request });
    } catch (error) {
      // A row whose lines/amount shape is already refused is not told again that it has no lines.
      const rowIssues = (i: Issue): boolean => !(shape.issues.length > 0 && i.field === 'order_lines');
      // The link's total is the row's amount, or the sum of its lines: named by that column.
      const totalColumn = (i: Issue): Issue => (i.field === 'order_amount' ? { ...i, field: shape.amount !== undefined ? 'amount' : 'lines' } : i);
      if (error instanceof ValidationError) issues.push(...error.issues.filter(rowIssues).map(totalColumn).map(prefix));
      else if (error instanceof Error && 'kind' in error && (error as { kind: string }).kind === 'not_found') issues.push(prefix({ field: 'store', rule: error.message }));
      else throw error;
    }
  }
  if (issues.length > 0) {
    throw new ValidationError(issues, { hint: 'Nothing was created. Fix the rows named above and run the same command again.' });
  }
  return prepared;
}

/**
 * Creates the prepared rows; rows whose reference already has a link are `existing`. When the backend can
 * create a batch atomically (the sandbox: one SQLite transaction) the new rows are created all or none;
 * otherwise one by one, each with its own idempotency key, so a re-run completes what a failed run left.
 */
export interface CreateBulkOptions {
  /** True once the run should start no new row (SIGINT/SIGTERM). */
  stopped?: () => boolean;
  /** Aborted when a stopped run gives up waiting for the row in flight. */
  abandon?: AbortSignal;
  /** Each row's result as soon as it is known (--json streams them as NDJSON lines). */
  onResult?: (result: BulkRowResult) => void;
}

/**
 * A created row: `created`, or `send_failed` when the link exists but a message of it could not be sent
 * (the single command's partial failure): the error names the medium and the resend that sends it.
 */
export function createdRow(base: Pick<BulkRowResult, 'row' | 'link_reference' | 'store'>, link: PaymentLink): BulkRowResult {
  const failed = link.messages.filter((m) => m.status === 'failed');
  const media = [...new Set(failed.map((m) => m.channel))].join(',');
  const reasons = failed.map((m) => `${m.channel} not sent: ${m.detail ?? 'failed'}`).join('; ');
  // Fields in BULK_RESULT_COLUMNS order, as every other row (the NDJSON line and the .json file keep it).
  return {
    row: base.row,
    link_reference: base.link_reference,
    store: base.store,
    result: failed.length === 0 ? 'created' : 'send_failed',
    link_id: link.link_id,
    url: link.url,
    status: link.status,
    error: failed.length === 0 ? null : `link created; ${reasons}; send it with: merchant links resend ${link.link_id} --send ${media}`,
  };
}

export async function createBulk(backend: Backend, prepared: readonly PreparedRow[], options: CreateBulkOptions = {}): Promise<BulkRowResult[]> {
  const links = linksApi(backend);
  const results = new Map<number, BulkRowResult>();
  const record = (result: BulkRowResult): void => {
    results.set(result.row, result);
    options.onResult?.(result);
  };
  const todo: PreparedRow[] = [];
  const base = ({ row, request }: PreparedRow) => ({ row, link_reference: request.link_reference ?? '', store: request.store_id });
  for (const item of prepared) {
    requireLinkCapabilities(backend, item.request);
    const existing = await links.findByReference(item.request.store_id, item.request.link_reference ?? '');
    if (existing) record({ ...base(item), result: 'existing', link_id: existing.link_id, url: existing.url, status: existing.status, error: null });
    else todo.push(item);
  }
  if (links.createMany && todo.length > 0) {
    const created = await links.createMany(todo.map((t) => ({ request: t.request, idempotencyKey: createLinkIdempotencyKey(t.request) })));
    todo.forEach((t, i) => {
      const link = created[i];
      if (link) record(createdRow(base(t), link));
    });
  } else {
    const inFlight = new Set<number>();
    // One at a time; the pool stops taking rows once stopped, and stops waiting once abandoned.
    await forEachConcurrent(todo, 1, async (t) => {
      inFlight.add(t.row);
      try {
        record(createdRow(base(t), await createLink(backend, t.request)));
      } catch (error) {
        if (!(error instanceof Error) || !('kind' in error)) throw error;
        record({ ...base(t), result: 'failed', link_id: null, url: null, status: null, error: error.message });
      } finally {
        inFlight.delete(t.row);
      }
    }, options.stopped, options.abandon);
    for (const t of todo) {
      if (results.has(t.row)) continue;
      const unknown = inFlight.has(t.row);
      const error = unknown ? 'still in flight when the run stopped; run the same command again to finish it' : 'not started: the run was stopped; run the same command again';
      record({ ...base(t), result: unknown ? 'unknown' : 'not_started', link_id: null, url: null, status: null, error });
    }
  }
  return prepared.map((p) => results.get(p.row)).filter((r): r is BulkRowResult => r !== undefined);
}

export function assertBulkSucceeded(results: readonly BulkRowResult[], resultFile: string): void {
  const failed = results.filter((r) => r.result === 'failed');
  // A row whose link exists but whose message was not sent fails the run as the single command does (exit 5);
  // running the file again does not send it (the row is `existing`): its error names the resend.
  const unsent = results.filter((r) => r.result === 'send_failed');
  if (failed.length === 0 && unsent.length === 0) return;
  const named = (rows: readonly BulkRowResult[]) => rows.map((r) => `row ${r.row} (${r.error ?? 'error'})`).join('; ');
  const parts = [
    ...(failed.length > 0 ? [`${failed.length} of ${results.length} rows failed: ${named(failed)}`] : []),
    ...(unsent.length > 0 ? [`${unsent.length} of ${results.length} rows created a link whose message was not sent: ${named(unsent)}`] : []),
  ];
  const hints = [
    ...(failed.length > 0 ? ['Fix the failed rows and run the same command again: rows already created are skipped.'] : []),
    ...(unsent.length > 0 ? ['Send the unsent links with the resend named on each row.'] : []),
  ];
  throw new PartialFailureError(`${parts.join('. ')}.`, {
    hint: `Results per row are in ${resultFile}. ${hints.join(' ')}`,
    details: { failed: failed.map((r) => r.row), send_failed: unsent.map((r) => r.row) },
  });
}

/** Writes the per-row results: JSON when the file name ends in .json, else CSV with BULK_RESULT_COLUMNS. */
export async function writeBulkResults(file: string, results: readonly BulkRowResult[]): Promise<void> {
  try {
    if (file.toLowerCase().endsWith('.json')) {
      writeFileAtomicSync(file, `${JSON.stringify(results, null, 2)}\n`);
      return;
    }
    writeFileAtomicSync(file, await csvText(results.map((r) => BULK_RESULT_COLUMNS.map((c) => r[c] ?? '')), { columns: BULK_RESULT_COLUMNS }));
  } catch (error) {
    throw ValidationError.single('results', `cannot write ${file}: ${(error as Error).message}`);
  }
}
