/**
 * Plan before apply: every input row is read from the provider and classified, so the merchant sees
 * counts and the total before any money moves, and `--apply plan.json` executes exactly what was shown.
 * The run ID is derived from the input (rows sorted, so the same set of orders in another order is the
 * same run), which is what lets a re-run after a crash find its journal and never capture twice.
 */
import { createHash } from 'node:crypto';
import type { Backend, CaptureRequest } from '../../../backends/backend.js';
import { parseAmount } from '../../../domain/money.js';
import { CancelledError, isMerchantError, NotFoundError, StateConflictError, ValidationError, type Issue } from '../../../errors.js';
import { buildCaptureRequest } from '../capture-request.js';
import { captureKey } from '../capture-order.js';
import { ordersApi, resolveOrder } from '../orders-api.js';
import type { BulkInputRow } from './bulk-input.js';
import { forEachConcurrent } from './pool.js';

export const PLAN_VERSION = 1;

export type Classification =
  | 'capture_full' // captures everything still authorized
  | 'capture_part' // captures an amount or some lines
  | 'skip_captured' // nothing left to capture (captured/closed)
  | 'skip_closed' // cancelled or expired
  | 'not_found'
  | 'amount_too_high'
  | 'read_failed' // the order could not be read (transient); re-planned when the run is resumed
  | 'refused'; // another rule refused it

export const CAPTURABLE: readonly Classification[] = ['capture_full', 'capture_part'];
export const SKIPPED: readonly Classification[] = ['skip_captured', 'skip_closed'];

export interface PlanRow {
  row: number;
  input: string;
  order_id: string | null;
  classification: Classification;
  currency: string | null;
  amount: number;
  capture_reference: string | null;
  request: CaptureRequest | null;
  idempotency_key: string | null;
  reason: string | null;
}

export interface BulkPlan {
  version: number;
  run_id: string;
  created_at: string;
  backend: string;
  store: string | null;
  rows: PlanRow[];
}

export function runIdFor(rows: readonly BulkInputRow[], backend: string, store: string | undefined): string {
  const canonical = [...rows].map(({ row: _row, ...rest }) => JSON.stringify(rest)).sort();
  return createHash('sha256').update(JSON.stringify([backend, store ?? '', canonical])).digest('hex').slice(0, 20);
}

function classifyRefusal(error: StateConflictError): Classification {
  const status = (error.details?.['status'] as string | undefined) ?? '';
  if (status === 'CAPTURED' || status === 'CLOSED') return 'skip_captured';
  if (status === 'CANCELLED' || status === 'EXPIRED') return 'skip_closed';
  if (/remains authorized/.test(error.message)) return 'amount_too_high';
  return 'refused';
}

export async function planRow(backend: Backend, runId: string, input: BulkInputRow, store: string | undefined, issues: Issue[]): Promise<PlanRow> {
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
    reason: null,
  };
  const api = ordersApi(backend, 'orders.capture', 'capture orders');
  let order;
  try {
    order = await resolveOrder(api, input.order, store);
  } catch (error) {
    if (error instanceof NotFoundError) return { ...base, classification: 'not_found', reason: `no order with ID or merchant reference ${input.order}` };
    return { ...base, classification: isMerchantError(error) && (error.kind === 'transient' || error.kind === 'rate_limited') ? 'read_failed' : 'refused', reason: isMerchantError(error) ? error.message : String(error) };
  }
  const withOrder = { ...base, order_id: order.order_id, currency: order.purchase_currency };
  let amount: number | undefined;
  try {
    amount = input.amount === undefined ? undefined : parseAmount(input.amount, order.purchase_currency, { field: `row ${input.row} amount`, allowZero: false });
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
    return {
      ...withOrder,
      classification: full ? 'capture_full' : 'capture_part',
      amount: request.captured_amount,
      request,
      idempotency_key: captureKey(order.order_id, request, runId),
    };
  } catch (error) {
    if (error instanceof StateConflictError) {
      const classification = classifyRefusal(error);
      // The amount asked for (or what remains), so the results say how much was not captured.
      return { ...withOrder, classification, amount: amount ?? Math.max(0, order.remaining_authorized_amount), reason: error.message };
    }
    if (error instanceof ValidationError) {
      // A row that cannot make a valid request (unknown line, bad amount for this currency) is an input error.
      issues.push(...error.issues.map((i) => ({ field: i.field.startsWith('row ') ? i.field : `row ${input.row} ${i.field}`, rule: i.rule })));
      return { ...withOrder, reason: error.message };
    }
    throw error;
  }
}

export async function buildPlan(
  backend: Backend,
  rows: readonly BulkInputRow[],
  options: { store?: string | undefined; concurrency: number; onRow?: () => void; stopped?: () => boolean },
): Promise<BulkPlan> {
  const runId = runIdFor(rows, backend.name, options.store);
  const out: PlanRow[] = [];
  const issues: Issue[] = [];
  await forEachConcurrent(rows, options.concurrency, async (row) => {
    out.push(await planRow(backend, runId, row, options.store, issues));
    options.onRow?.();
  }, options.stopped);
  if (options.stopped?.()) throw new CancelledError('Interrupted while planning: nothing was captured.');
  if (issues.length > 0) {
    throw new ValidationError(issues, { hint: 'Nothing was captured: the plan did not validate. Fix the rows named above and run again.' });
  }
  // Two rows resolving to one order with the same request would be one capture: refuse, as for inputs.
  const byKey = new Map<string, number>();
  for (const r of out.sort((a, b) => a.row - b.row)) {
    if (!r.idempotency_key) continue;
    const first = byKey.get(r.idempotency_key);
    if (first !== undefined) issues.push({ field: `row ${r.row}`, rule: `captures the same as row ${first} (order ${r.order_id ?? ''})` });
    byKey.set(r.idempotency_key, r.row);
  }
  if (issues.length > 0) throw new ValidationError(issues, { hint: 'Nothing was captured: the plan did not validate.' });
  return { version: PLAN_VERSION, run_id: runId, created_at: backend.clock.now().toISOString(), backend: backend.name, store: options.store ?? null, rows: out };
}

export interface PlanSummary {
  counts: Record<Classification, number>;
  total_by_currency: Record<string, number>;
}

export function summarizePlan(plan: BulkPlan): PlanSummary {
  const counts = { capture_full: 0, capture_part: 0, skip_captured: 0, skip_closed: 0, not_found: 0, amount_too_high: 0, read_failed: 0, refused: 0 } as Record<Classification, number>;
  const total: Record<string, number> = {};
  for (const r of plan.rows) {
    counts[r.classification]++;
    if (CAPTURABLE.includes(r.classification) && r.currency) total[r.currency] = (total[r.currency] ?? 0) + r.amount;
  }
  return { counts, total_by_currency: total };
}

/** Reads a plan file written by --plan-out, refusing anything that is not one. */
export function parsePlanFile(text: string, file: string): BulkPlan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw ValidationError.single(file, `is not JSON: ${(error as Error).message}`);
  }
  const plan = value as Partial<BulkPlan>;
  if (typeof plan !== 'object' || plan === null || plan.version !== PLAN_VERSION || typeof plan.run_id !== 'string' || !Array.isArray(plan.rows)) {
    throw ValidationError.single(file, `is not a merchant bulk-capture plan (version ${PLAN_VERSION}); write one with --plan-out`);
  }
  const issues: Issue[] = [];
  plan.rows.forEach((r, i) => {
    if (CAPTURABLE.includes(r.classification) && (!r.order_id || !r.request || !r.idempotency_key || !Number.isSafeInteger(r.amount) || r.amount < 1)) {
      issues.push({ field: `${file} rows[${i}]`, rule: 'a capturable row needs order_id, request, idempotency_key and a positive amount' });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return plan as BulkPlan;
}
