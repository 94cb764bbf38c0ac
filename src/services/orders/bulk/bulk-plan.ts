/**
 * Plan before apply: every input row is read from the provider and classified, so the merchant sees
 * counts and the total before any money moves, and `--apply plan.json` executes exactly what was shown.
 * Each row's capture is named by its identity (capture-identity.ts), never by the run: a row whose
 * capture the order already has is `already_captured` here, with that capture's ID, and is not sent.
 * The run ID only labels this input in messages.
 */
import { hash } from 'node:crypto';
import type { Backend, CaptureRequest, Order } from '../../../backends/backend.js';
import { parseAmount } from '../../../domain/money.js';
import { AuthError, CancelledError, DatabaseUnavailableError, isMerchantError, NotFoundError, StateConflictError, ValidationError, type Issue } from '../../../errors.js';
import { buildCaptureRequest } from '../capture-request.js';
import { ordersApi, resolveOrder } from '../orders-api.js';
import { inputColumn, type BulkInputRow } from './bulk-input.js';
import { existingCapture, identityKey, type CaptureIdentity } from '../capture-identity.js';
import { forEachConcurrent, Slots, workersFor } from './pool.js';
import { readAhead, readAheadKey } from './plan-reads.js';
import { slices } from '../../../infra/slices.js';
import type { RunSpool } from './run-spool.js';

export const PLAN_VERSION = 2;

export type Classification =
  | 'capture_full' // captures everything still authorized
  | 'capture_part' // captures an amount or some lines
  | 'already_captured' // the order already has this row's capture (capture_id names it)
  | 'skip_closed' // cancelled or expired
  | 'not_found'
  | 'amount_too_high'
  | 'read_failed' // the order could not be read (transient); re-planned when the run is resumed
  | 'refused'; // another rule refused it

export const CAPTURABLE: readonly Classification[] = ['capture_full', 'capture_part'];
export const SKIPPED: readonly Classification[] = ['skip_closed'];

export interface PlanRow {
  row: number;
  input: string;
  order_id: string | null;
  classification: Classification;
  currency: string | null;
  amount: number;
  capture_reference: string | null;
  request: CaptureRequest | null;
  /** Derived from the identity: the journal's key and the provider's idempotency key. */
  idempotency_key: string | null;
  identity: CaptureIdentity | null;
  /** The capture that already exists (already_captured). */
  capture_id: string | null;
  reason: string | null;
}

/** A plan as written to and read from a plan file (`--plan-out`, `--apply`). */
export interface PlanFile {
  version: number;
  run_id: string;
  created_at: string;
  backend: string;
  store: string | null;
  rows: PlanRow[];
}

/** A plan being run: its rows are in the run's spool (run-spool.ts), read a page at a time. */
export interface BulkPlan extends Omit<PlanFile, 'rows'> {
  rows: PlanRows;
}

/**
 * The order each row was planned from, kept beside the plan (never written to a plan file): applying the
 * plan in the same run hands it to the backend, which then need not read the order again. It is taken
 * (and freed) when its row is sent.
 */
const snapshots = new WeakMap<PlanRow, Order>();

export function takePlannedOrder(row: PlanRow): Order | undefined {
  const order = snapshots.get(row);
  snapshots.delete(row);
  return order;
}

/**
 * The plan's rows in row order, read from the spool a page at a time. A plan file holds them as an array:
 * written row by row from `plain()` (orders-bulk.ts), byte for byte what `toJSON` (the rows held at once)
 * gives, which is what the same rows held in memory would give.
 */
export class PlanRows implements Iterable<PlanRow> {
  private count: number | undefined;

  constructor(readonly spool: RunSpool) {}

  get length(): number {
    return (this.count ??= this.spool.planCount());
  }

  [Symbol.iterator](): Iterator<PlanRow> {
    return this.where();
  }

  /** The rows of these classifications (or all), each with the order it was planned from for takePlannedOrder. */
  *where(classes?: readonly Classification[], limit?: number): Generator<PlanRow> {
    for (const { row, snapshot } of this.spool.planRows(classes, limit)) {
      if (snapshot) snapshots.set(row, snapshot);
      yield row;
    }
  }

  /** Rows of these classifications that have no result in the spool yet. */
  unrecorded(classes: readonly Classification[]): Iterable<PlanRow> {
    return this.spool.unrecorded(classes);
  }

  /** Every row in row order, as a plan file holds it (without the order it was planned from). */
  *plain(): Generator<PlanRow> {
    for (const { row } of this.spool.planRows()) yield row;
  }

  toJSON(): PlanRow[] {
    return [...this.plain()];
  }
}

/**
 * A plan file as --apply reads it: its members other than the rows, and the rows, read again from the
 * file a chunk at a time as they are spooled (plan-file-read.ts), or held when the file is read whole.
 */
export interface PlanSource {
  header: Omit<PlanFile, 'rows'>;
  rows: PlanRow[] | AsyncIterable<PlanRow>;
}

/**
 * A plan file's rows put into the run's spool, so a plan read from a file runs like one just made. Held
 * rows are emptied once spooled, so a run does not hold them while it applies.
 */
export async function spoolPlanFile(source: PlanSource, spool: RunSpool): Promise<BulkPlan> {
  for await (const row of source.rows) spool.addPlanRow(row);
  if (Array.isArray(source.rows)) source.rows.length = 0;
  return { ...source.header, rows: new PlanRows(spool) };
}

/**
 * What a capture checks against: the order's state and its captures' identities (ID, amount, reference).
 * Its lines, customer, refunds and the captures' lines are left out, so a plan of 100,000 rows holds a
 * few hundred bytes per row until it is applied, not every order whole.
 */
export function captureSnapshot(order: Order): Order {
  return { ...order, order_lines: [], refunds: [], customer: {}, captures: order.captures.map((c) => ({ ...c, order_lines: [], shipping_info: [] })) };
}

const DIGEST_SPACE = 1n << 256n;

/**
 * The run's ID, taken from its rows as they are planned: the same rows in any order (and whatever their
 * row numbers) give the same ID. Each row's digest is added up, so no row is held to compute it.
 */
export class RunId {
  private sum = 0n;

  add({ row: _row, ...rest }: BulkInputRow): void {
    this.sum = (this.sum + BigInt(`0x${hash('sha256', JSON.stringify(rest), 'hex')}`)) % DIGEST_SPACE;
  }

  of(backend: string, store: string | undefined): string {
    return hash('sha256', JSON.stringify([backend, store ?? '', this.sum.toString(16)]), 'hex').slice(0, 20);
  }
}

/** A slice of rows for a provider that reads each row's order itself: the rows alive at once while planning. */
const REMOTE_SLICE = 4096;
/** Its first slice: the first reads go out once these rows are read, not once a whole slice is. */
const FIRST_REMOTE_SLICE = 128;

function classifyRefusal(error: StateConflictError): Classification {
  const status = (error.details?.['status'] as string | undefined) ?? '';
  if (status === 'CANCELLED' || status === 'EXPIRED') return 'skip_closed';
  if (/remains authorized/.test(error.message)) return 'amount_too_high';
  return 'refused';
}

/**
 * `slots`: held while the order is read, so a run's reads stay within its concurrency (see pool.ts).
 * `known`: the order the row names by ID, already read (plan-reads.ts); then nothing is read here.
 */
export async function planRow(backend: Backend, input: BulkInputRow, store: string | undefined, issues: Issue[], slots?: Slots, known?: Order): Promise<PlanRow> {
  const base: PlanRow = {
    row: input.row,
    input: input.order,
    order_id: null,
    classification: 'refused',
    currency: null,
    amount: 0,
    capture_reference: input.capture_reference ?? null,
    request: null,
    idempotency_key: null,
    identity: null,
    capture_id: null,
    reason: null,
  };
  const api = ordersApi(backend, 'orders.capture', 'capture orders');
  let order;
  const release = await slots?.acquire();
  // The run stopped while this row waited (a rejected key on another row): it is not read.
  if (slots && !release) return { ...base, classification: 'read_failed', reason: 'not read: the run stopped' };
  try {
    order = known ?? (await resolveOrder(api, input.order, store));
  } catch (error) {
    if (error instanceof NotFoundError) return { ...base, classification: 'not_found', reason: `no order with ID or merchant reference ${input.order}` };
    // A rejected key (exit 4) or a shared database gone (exit 1) fails every row the same way: the run
    // stops at the first one.
    if (error instanceof AuthError || error instanceof DatabaseUnavailableError) {
      slots?.close();
      throw error;
    }
    return { ...base, classification: isMerchantError(error) && (error.kind === 'transient' || error.kind === 'rate_limited') ? 'read_failed' : 'refused', reason: isMerchantError(error) ? error.message : String(error) };
  } finally {
    release?.();
  }
  const withOrder = { ...base, order_id: order.order_id, currency: order.purchase_currency };
  let amount: number | undefined;
  try {
    amount = input.amount === undefined ? undefined : parseAmount(input.amount, order.purchase_currency, { field: `row ${input.row} amount`, allowZero: false });
    const identity: CaptureIdentity = { order_id: order.order_id, reference: input.capture_reference ?? null, amount: amount ?? null, lines: input.lines ?? null };
    const key = identityKey(identity);
    const found = existingCapture(order, identity);
    if (found) {
      return { ...withOrder, classification: 'already_captured', amount: found.captured_amount, idempotency_key: key, identity, capture_id: found.capture_id };
    }
    const request = buildCaptureRequest(
      order,
      {
        amount,
        lines: input.lines,
        reference: input.capture_reference,
        description: input.description,
        carrier: input.carrier,
        trackingNumber: input.tracking_number,
        trackingUrl: input.tracking_url,
      },
      backend.clock.now(),
    );
    const full = request.captured_amount === order.remaining_authorized_amount;
    const planned: PlanRow = {
      ...withOrder,
      classification: full ? 'capture_full' : 'capture_part',
      amount: request.captured_amount,
      request,
      idempotency_key: key,
      identity,
    };
    // Kept only for a backend that checks against it (the sandbox reads its own order in the write).
    if (api.usesSnapshot === true) snapshots.set(planned, captureSnapshot(order));
    return planned;
  } catch (error) {
    if (error instanceof StateConflictError) {
      const classification = classifyRefusal(error);
      // The amount asked for (or what remains), so the results say how much was not captured.
      return { ...withOrder, classification, amount: amount ?? Math.max(0, order.remaining_authorized_amount), reason: error.message };
    }
    if (error instanceof ValidationError) {
      // A row that cannot make a valid request (unknown line, bad amount for this currency) is an input error.
      issues.push(...error.issues.map((i) => ({ field: i.field.startsWith('row ') ? i.field : `row ${input.row} ${inputColumn(i.field)}`, rule: i.rule })));
      return { ...withOrder, reason: error.message };
    }
    throw error;
  }
}

export async function buildPlan(
  backend: Backend,
  rows: Iterable<BulkInputRow> | AsyncIterable<BulkInputRow>,
  options: { store?: string | undefined; concurrency: number; spool: RunSpool; onRow?: () => void; stopped?: () => boolean; inputIssues?: readonly Issue[] },
): Promise<BulkPlan> {
  const runId = new RunId();
  const { spool } = options;
  const issues: Issue[] = [];
  let halted: Error | undefined;
  const slots = new Slots(options.concurrency);
  const stopped = (): boolean => {
    const stop = halted !== undefined || (options.stopped?.() ?? false);
    // Rows already waiting for a slot are not read either.
    if (stop) slots.close();
    return stop;
  };
  // A local provider reads a batch of orders at once (plan-reads.ts); a remote one reads each row's order.
  // Either way the rows are taken a slice at a time, and a slice is dropped once its rows are spooled.
  const batch = backend.orders?.captureGroup;
  for await (const slice of slices(rows, batch ?? REMOTE_SLICE, batch ?? FIRST_REMOTE_SLICE)) {
    if (stopped()) break;
    for (const row of slice) runId.add(row);
    const known = batch && backend.orders ? await readAhead(backend.orders, slice) : undefined;
    await forEachConcurrent(
      slice,
      workersFor(options.concurrency),
      async (row) => {
        try {
          const order = known?.get(readAheadKey(row.order));
          const planned = await planRow(backend, row, options.store, issues, order ? undefined : slots, order);
          spool.addPlanRow(planned, takePlannedOrder(planned));
        } catch (error) {
          halted ??= error instanceof Error ? error : new Error(String(error));
          slots.close();
        }
        options.onRow?.();
      },
      stopped,
    );
  }
  if (halted !== undefined) throw halted;
  if (options.stopped?.()) throw new CancelledError('Interrupted while planning: nothing was captured.');
  // Two rows naming one capture (same order and reference, or same order and content) are one capture.
  for (const { row: r, first } of spool.repeatedKeys()) {
    const what = r.capture_reference ? `capture_reference ${r.capture_reference}` : 'content';
    issues.push({ field: `row ${r.row}`, rule: `repeats order ${r.input} from row ${first} with the same ${what}: one capture; give each shipment its own capture_reference` });
  }
  // The input's problems are read once the rows are: a file read again as it is planned adds any it finds.
  const found = [...(options.inputIssues ?? []), ...issues];
  if (found.length > 0) {
    throw new ValidationError(byRow(found), { hint: 'Nothing was captured: fix every row named above and run again.' });
  }
  return { version: PLAN_VERSION, run_id: runId.of(backend.name, options.store), created_at: backend.clock.now().toISOString(), backend: backend.name, store: options.store ?? null, rows: new PlanRows(spool) };
}

const rowOf = (issue: Issue): number => Number(/\brow (\d+)/.exec(issue.field)?.[1] ?? 0);

/** Issues from the input and from planning, in row order (file-level ones first), each listed once. */
function byRow(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => rowOf(a.issue) - rowOf(b.issue) || a.i - b.i)
    .map((x) => x.issue)
    .filter((issue) => {
      const key = `${issue.field}\u0000${issue.rule}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

export interface PlanSummary {
  counts: Record<Classification, number>;
  total_by_currency: Record<string, number>;
}

export function summarizePlan(plan: BulkPlan): PlanSummary {
  const counts = { capture_full: 0, capture_part: 0, already_captured: 0, skip_closed: 0, not_found: 0, amount_too_high: 0, read_failed: 0, refused: 0 } as Record<Classification, number>;
  const found = plan.rows.spool.planTotals(CAPTURABLE);
  for (const [classification, n] of found.counts) counts[classification as Classification] = n;
  return { counts, total_by_currency: Object.fromEntries(found.totals) };
}

/** Reads a plan file written by --plan-out, refusing anything that is not one. */
export function parsePlanFile(text: string, file: string): PlanFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw ValidationError.single(file, `is not JSON: ${(error as Error).message}`);
  }
  const plan = value as Partial<PlanFile>;
  if (!isPlanHeader(plan) || !Array.isArray(plan.rows)) {
    throw ValidationError.single(file, `is not a merchant bulk-capture plan (version ${PLAN_VERSION}); write one with --plan-out`);
  }
  const issues: Issue[] = [];
  plan.rows.forEach((r, i) => {
    const issue = planRowIssue(r, i, file);
    if (issue) issues.push(issue);
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return plan as PlanFile;
}

/** A plan file's members other than its rows, as --apply checks them. */
export function isPlanHeader(plan: unknown): boolean {
  const header = plan as Partial<PlanFile> | null;
  return typeof header === 'object' && header !== null && header.version === PLAN_VERSION && typeof header.run_id === 'string';
}

/** What is wrong with the plan file's `i`th row (undefined: nothing). */
export function planRowIssue(r: PlanRow, i: number, file: string): Issue | undefined {
  if (CAPTURABLE.includes(r.classification) && (!r.order_id || !r.request || !r.idempotency_key || !r.identity || !Number.isSafeInteger(r.amount) || r.amount < 1)) {
    return { field: `${file} rows[${i}]`, rule: 'a capturable row needs order_id, request, idempotency_key, identity and a positive amount' };
  }
  return undefined;
}
