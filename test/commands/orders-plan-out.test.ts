/**
 * `orders capture --plan-out`: the file is written row by row from the run's spool and is the plan's
 * pretty-printed JSON exactly (each row as the whole plan gives it; test/unit/output/plan-file.test.ts
 * compares the two writers byte for byte), for an input with rows of every kind; a plan refused for its
 * rows (invalid, repeated) writes no file.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { capturesPerOrder, seedOrders } from '../helpers/orders.js';

interface PlanDoc {
  version: number;
  rows: { row: number; classification: string; amount: number; capture_reference: string | null; reason: string | null }[];
}

describe('merchant orders capture --plan-out', () => {
  it('writes a plan with rows of every kind as pretty-printed JSON, in row order, capturing nothing', async () => {
    const home = tempHome();
    await seedOrders(home, 8, 'PO');
    expect((await runCli(['orders', 'capture', 'PO-1', '--yes'], { home })).exitCode).toBe(0);
    expect((await runCli(['orders', 'cancel', 'PO-2', '--yes'], { home })).exitCode).toBe(0);
    const input = join(home, 'shipped.csv');
    writeFileSync(
      input,
      'reference,amount,lines,capture_reference,description,carrier,tracking_number,tracking_url\n' +
        'PO-1,,,,,,,\n' + // already captured
        'PO-2,,,,,,,\n' + // cancelled: skipped
        'PO-3,,,,"Tröja, 東京 ""quoted""",PostNord,PN3,https://t.example/3?a=1&b=2\n' + // in full
        'PO-4,"100,50",,BOX-4a,,,,\n' + // in part: an amount
        'PO-4,50,,BOX-4b,,,,\n' + // the same order again, another shipment
        'PO-5,,SKU-1:1;SHIP,BOX-5,,,,\n' + // in part: lines
        'PO-6,5000,,,,,,\n' + // more than remains
        'NO-SUCH-ORDER,,,,,,,\n',
    );
    const plan = join(home, 'plan.json');
    const r = await runCli(['orders', 'capture', '--from', input, '--plan-out', plan], { home });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`Wrote the plan to ${plan}`);
    const text = readFileSync(plan, 'utf8');
    const doc = JSON.parse(text) as PlanDoc;
    expect(text).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    expect(doc.rows.map((x) => [x.row, x.classification])).toEqual([
      [2, 'already_captured'],
      [3, 'skip_closed'],
      [4, 'capture_full'],
      [5, 'capture_part'],
      [6, 'capture_part'],
      [7, 'capture_part'],
      [8, 'amount_too_high'],
      [9, 'not_found'],
    ]);
    expect(doc.rows[4]?.capture_reference).toBe('BOX-4b');
    expect(text).toContain('Tröja, 東京 \\"quoted\\"');
    expect(capturesPerOrder(home).size).toBe(1);
    expect(readdirSync(home).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes no file when the rows are refused (an invalid row, a repeated row)', async () => {
    const home = tempHome();
    const ids = await seedOrders(home, 2);
    const plan = join(home, 'plan.json');
    const input = join(home, 'bad.csv');
    writeFileSync(input, `order_id,amount\n${ids[0]},12.5.0\n${ids[1]},\n`);
    const invalid = await runCli(['orders', 'capture', '--from', input, '--plan-out', plan], { home });
    expect(invalid.exitCode).toBe(2);
    const repeated = await runCli(['orders', 'capture', ids[0]!, ids[0]!, '--plan-out', plan], { home });
    expect(repeated.exitCode).toBe(2);
    expect(repeated.stderr).toContain('repeats order');
    expect(existsSync(plan)).toBe(false);
    expect(readdirSync(home).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
