/**
 * The plan file (`--plan-out`): written row by row from the run's spool, it is byte for byte the text the
 * whole plan held in memory gives (`JSON.stringify(plan, null, 2)`), for rows of every classification and
 * across the spool's pages and the writer's chunks. It replaces the file atomically: a failed or stopped
 * write leaves the target as it was and no temporary file beside it.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../src/errors.js';
import { writePlanFile } from '../../../src/output/views/orders-bulk.js';
import { PlanRows, PLAN_VERSION, type BulkPlan, type Classification, type PlanRow } from '../../../src/services/orders/bulk/bulk-plan.js';
import { RunSpool } from '../../../src/services/orders/bulk/run-spool.js';

const folder = (): string => mkdtempSync(join(tmpdir(), 'plan-file-'));
const quiet = { success: (): void => undefined };

/** A row of each classification in turn, with the fields each kind has (requests, identities, reasons). */
function planRow(row: number): PlanRow {
  const kinds: Classification[] = ['capture_full', 'capture_part', 'already_captured', 'skip_closed', 'not_found', 'amount_too_high', 'read_failed', 'refused'];
  const classification = kinds[row % kinds.length] as Classification;
  const base: PlanRow = {
    row,
    input: row % 5 === 0 ? `REF-${row} "Åsa" \\ 東京` : `o-${row}`,
    order_id: classification === 'not_found' ? null : `o-${Math.ceil(row / 2)}`,
    classification,
    currency: classification === 'not_found' ? null : row % 3 === 0 ? 'EUR' : 'SEK',
    amount: 0,
    capture_reference: row % 4 === 0 ? `BOX-${row}` : null,
    request: null,
    idempotency_key: null,
    identity: null,
    capture_id: null,
    reason: null,
  };
  const identity = { order_id: base.order_id as string, reference: base.capture_reference, amount: row % 2 === 0 ? 1050 : null, lines: row % 7 === 0 ? [{ reference: 'SKU-1', quantity: 1 }, { reference: 'SHIP' }] : null };
  switch (classification) {
    case 'capture_full':
    case 'capture_part':
      return {
        ...base,
        amount: classification === 'capture_full' ? 29900 : 1050,
        request: {
          captured_amount: classification === 'capture_full' ? 29900 : 1050,
          reference: base.capture_reference ?? undefined,
          description: 'Shipment\nwith a line break',
          order_lines: [{ reference: 'SKU-1', name: 'Tröja', quantity: 1, unit_price: 29900, total_amount: 29900, tax_rate: 2500, total_tax_amount: 5980 }],
          shipping_info: row % 6 === 0 ? [{ shipping_company: 'PostNord', tracking_number: `PN${row}`, tracking_uri: 'https://t.example/1?a=1&b=2' }] : undefined,
        },
        idempotency_key: `key-${row}`,
        identity,
      } as PlanRow;
    case 'already_captured':
      return { ...base, amount: 29900, idempotency_key: `key-${row}`, identity, capture_id: `cap-${row}` };
    case 'not_found':
      return { ...base, reason: `no order with ID or merchant reference ${base.input}` };
    default:
      return { ...base, amount: 500000, reason: `${classification}: only 299.00 SEK remains authorized` };
  }
}

function plan(dir: string, rows: number): BulkPlan {
  const spool = new RunSpool(join(dir, 'runs'));
  // Added out of order, as concurrent planning adds them: the file has them in row order.
  for (let row = rows; row >= 1; row -= 1) spool.addPlanRow(planRow(row), row % 2 === 0 ? ({ order_id: `o-${row}` } as never) : undefined);
  return { version: PLAN_VERSION, run_id: 'a1b2c3d4e5f6a7b8c9d0', created_at: '2026-12-02T06:00:00.000Z', backend: 'sandbox', store: null, rows: new PlanRows(spool) };
}

describe('writePlanFile', () => {
  it.each([1, 8, 1_300])('writes the text the whole plan gives, for %i rows of every kind', async (rows) => {
    const dir = folder();
    const p = plan(dir, rows);
    const file = join(dir, 'plan.json');
    await writePlanFile(file, p, quiet);
    expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(p, null, 2)}\n`);
    p.rows.spool.close();
  });

  it('stopped while it writes: the target keeps its old content and nothing is left beside it', async () => {
    const dir = folder();
    const p = plan(dir, 2_000);
    const file = join(dir, 'plan.json');
    writeFileSync(file, 'the reviewed plan');
    const stop = new AbortController();
    const writing = writePlanFile(file, p, quiet, stop.signal);
    stop.abort('SIGINT');
    await expect(writing).rejects.toBeInstanceOf(CancelledError);
    expect(readFileSync(file, 'utf8')).toBe('the reviewed plan');
    expect(readdirSync(dir).sort()).toEqual(['plan.json', 'runs']);
    p.rows.spool.close();
  });

  it('a failure while rows are read: no file written, no temporary file left', async () => {
    const dir = folder();
    const p = plan(dir, 10);
    p.rows.spool.close();
    const file = join(dir, 'plan.json');
    await expect(writePlanFile(file, p, quiet)).rejects.toThrow();
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
