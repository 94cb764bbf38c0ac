/**
 * The run spool holds nothing that must survive a crash: its writes keep their rollback journal in memory,
 * never as a file created, written and deleted beside it for every batch of rows.
 */
import { mkdtempSync, readdirSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanRow } from '../../../../../src/services/orders/bulk/bulk-plan.js';
import { RunSpool } from '../../../../../src/services/orders/bulk/run-spool.js';

const planRow = (row: number): PlanRow => ({
  row,
  input: `order-${row}`,
  order_id: `order-${row}`,
  classification: 'capture_full',
  currency: 'SEK',
  amount: 1000,
  capture_reference: null,
  request: { captured_amount: 1000 },
  idempotency_key: `key-${row}`,
  identity: { order_id: `order-${row}`, reference: null, amount: null, lines: null },
  capture_id: null,
  reason: null,
});

describe('RunSpool', () => {
  it('writes its batches without a journal file beside it, and reads them back in row order', async () => {
    const runs = mkdtempSync(join(tmpdir(), 'run-spool-'));
    const spool = new RunSpool(runs);
    const folder = join(runs, readdirSync(runs)[0] as string);
    const seen = new Set<string>();
    const watcher = watch(folder, (_event, name) => void (name && seen.add(name)));
    try {
      for (let i = 1; i <= 1000; i++) spool.addPlanRow(planRow(i));
      for (let i = 1; i <= 1000; i++) spool.addResult({ row: i, input: `order-${i}`, order_id: `order-${i}`, status: 'captured', classification: 'capture_full', amount: 1000, currency: 'SEK', capture_id: `c-${i}`, capture_reference: null, attempts: 1, reason: null });
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
