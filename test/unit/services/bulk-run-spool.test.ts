/**
 * The bulk run's spool: plan rows and results go to a file of their own and come back in row order a page
 * at a time (whatever order they were added in), counted in SQL; the plan's rows serialize as the array a
 * plan file holds; the file is removed on close, and a killed process's file by the next run. The spool
 * holds nothing that must survive a crash, so its writes keep their rollback journal in memory, never as a
 * file created, written and deleted beside it for every batch of rows.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RowResult } from '../../../src/services/orders/bulk/bulk-apply.js';
import { PlanRows, summarizePlan, type PlanRow } from '../../../src/services/orders/bulk/bulk-plan.js';
import { RunResults, RunSpool } from '../../../src/services/orders/bulk/run-spool.js';

const runsDir = (): string => join(mkdtempSync(join(tmpdir(), 'spool-')), 'runs');

const planRow = (row: number, over: Partial<PlanRow> = {}): PlanRow => ({
  row,
  input: `o-${row}`,
  order_id: `o-${row}`,
  classification: 'capture_full',
  currency: 'SEK',
  amount: 100,
  capture_reference: null,
  request: { captured_amount: 100 },
  idempotency_key: `k-${row}`,
  identity: null,
  capture_id: null,
  reason: null,
  ...over,
});

const result = (row: number, status: RowResult['status'], attempts = 1): RowResult => ({
  row,
  input: `o-${row}`,
  order_id: `o-${row}`,
  status,
  classification: 'capture_full',
  amount: 100,
  currency: 'SEK',
  capture_id: null,
  capture_reference: null,
  attempts,
  reason: null,
});

describe('bulk run spool', () => {
  it('gives back plan rows in row order across pages, with counts, totals and the snapshot of each row', () => {
    const spool = new RunSpool(runsDir());
    const rows = Array.from({ length: 1_300 }, (_, i) => 1_300 - i); // added last row first
    for (const n of rows) {
      const r = n % 10 === 0 ? planRow(n, { classification: 'not_found', currency: null, amount: 0, idempotency_key: null, request: null }) : planRow(n, { currency: n % 3 === 0 ? 'EUR' : 'SEK' });
      spool.addPlanRow(r, n === 7 ? ({ order_id: 'o-7' } as never) : undefined);
    }
    const plan = new PlanRows(spool);
    expect(plan.length).toBe(1_300);
    const all = [...plan];
    expect(all.map((r) => r.row)).toEqual(Array.from({ length: 1_300 }, (_, i) => i + 1));
    expect([...plan.where(['not_found'], 3)].map((r) => r.row)).toEqual([10, 20, 30]);
    expect(spool.planRows(['capture_full'], 7).next().value?.snapshot).toBeUndefined();
    expect([...spool.planRows(['capture_full'], 7)].at(-1)?.snapshot).toEqual({ order_id: 'o-7' });

    const summary = summarizePlan({ version: 2, run_id: 'r', created_at: '', backend: 'sandbox', store: null, rows: plan });
    expect(summary.counts.not_found).toBe(130);
    expect(summary.counts.capture_full).toBe(1_170);
    const eur = all.filter((r) => r.classification === 'capture_full' && r.currency === 'EUR').length * 100;
    // First seen first, as the rows come: row 1 is SEK, row 3 the first EUR.
    expect(Object.entries(summary.total_by_currency)).toEqual([
      ['SEK', 1_170 * 100 - eur],
      ['EUR', eur],
    ]);
    // A plan file holds the rows as an array, byte for byte as the same rows held in memory.
    expect(JSON.stringify({ rows: plan }, null, 2)).toBe(JSON.stringify({ rows: all }, null, 2));
    spool.close();
  });

  it('names every row that repeats an earlier row\'s capture, with the first row', () => {
    const spool = new RunSpool(runsDir());
    for (const r of [planRow(5, { idempotency_key: 'same' }), planRow(2, { idempotency_key: 'same' }), planRow(9, { idempotency_key: 'same' }), planRow(3)]) spool.addPlanRow(r);
    expect(spool.repeatedKeys().map(({ row, first }) => [row.row, first])).toEqual([
      [5, 2],
      [9, 2],
    ]);
    spool.close();
  });

  it('keeps one result per row, finds capturable rows without one, and ignores results once sealed', () => {
    const spool = new RunSpool(runsDir());
    for (let n = 1; n <= 600; n++) spool.addPlanRow(planRow(n));
    for (let n = 600; n >= 3; n--) spool.addResult(result(n, n % 100 === 0 ? 'failed' : 'captured'));
    spool.addResult(result(4, 'unknown'));
    expect([...new PlanRows(spool).unrecorded(['capture_full'])].map((r) => r.row)).toEqual([1, 2]);
    const results = new RunResults(spool);
    spool.addResult(result(1, 'captured'));
    expect(results.length).toBe(598);
    expect(results.count('unknown')).toBe(1);
    expect(results.rows('failed')).toEqual([100, 200, 300, 400, 500, 600]);
    expect([...results.withStatus(['failed'], 2)].map((r) => r.row)).toEqual([100, 200]);
    expect([...results].map((r) => r.row)).toEqual(Array.from({ length: 598 }, (_, i) => i + 3));
    expect(results.attempted).toBe(true);
    spool.close();
  });

  it('removes its file on close, and a dead process\'s file when the next spool opens', () => {
    const dir = runsDir();
    mkdirSync(join(dir, '999999999-abc'), { recursive: true });
    const spool = new RunSpool(dir);
    expect(existsSync(join(dir, '999999999-abc'))).toBe(false);
    expect(readdirSync(dir)).toHaveLength(1);
    spool.close();
    expect(readdirSync(dir)).toHaveLength(0);
  });

  it('writes its batches without a journal file beside it, and reads them back in row order', async () => {
    const runs = mkdtempSync(join(tmpdir(), 'run-spool-'));
    const spool = new RunSpool(runs);
    const folder = join(runs, readdirSync(runs)[0] as string);
    const seen = new Set<string>();
    const watcher = watch(folder, (_event, name) => void (name && seen.add(name)));
    try {
      for (let i = 1; i <= 1000; i++) spool.addPlanRow(planRow(i));
      for (let i = 1; i <= 1000; i++) spool.addResult({ row: i, input: `o-${i}`, order_id: `o-${i}`, status: 'captured', classification: 'capture_full', amount: 100, currency: 'SEK', capture_id: `c-${i}`, capture_reference: null, attempts: 1, reason: null });
      expect([...spool.planRows()].map((r) => r.row.row)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
      expect(spool.resultCounts().counts.get('captured')).toBe(1000);
      // File events arrive on the next turns of the event loop.
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      watcher.close();
      spool.close();
    }
    expect(seen.has('rows.db')).toBe(true);
    expect([...seen].filter((name) => name.endsWith('-journal'))).toEqual([]);
  });
});
