import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { capturesPerOrder, seedOrders } from '../helpers/orders.js';

interface Row {
  row: number;
  order_id: string | null;
  status: string;
  classification: string;
  amount: number;
  capture_id: string | null;
  reason: string | null;
}
// NDJSON rows are streamed as they finish: sorted by row here.
const ndjson = (text: string): Row[] => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row).sort((a, b) => a.row - b.row);

describe('merchant orders capture (bulk)', () => {
  it('captures IDs from stdin, prints NDJSON results only on stdout, plan and progress on stderr (none under --json)', async () => {
    const home = tempHome();
    const ids = await seedOrders(home, 5);
    const r = await runCli(['orders', 'capture', '-', '--yes', '--json'], { home, stdin: `${ids.join('\n')}\n\n# a comment\n` });
    expect(r.exitCode).toBe(0);
    const rows = ndjson(r.stdout);
    expect(rows.map((x) => x.status)).toEqual(Array(5).fill('captured'));
    expect(rows.every((x) => x.amount === 29900 && x.capture_id)).toBe(true);
    // Under --json stderr carries only an error document: no plan, progress or summary.
    expect(r.stderr).toBe('');
    expect([...capturesPerOrder(home).values()]).toEqual([1, 1, 1, 1, 1]);
    const more = await seedOrders(home, 5, 'H');
    const human = await runCli(['orders', 'capture', '-', '--yes'], { home, stdin: `${more.join('\n')}\n` });
    expect(human.exitCode).toBe(0);
    expect(human.stderr).toMatch(/capture in full: 5[\s\S]*total: 1,495\.00 SEK/);
    expect(human.stderr).toContain('5 row(s): captured 5, already captured 0, skipped 0, failed 0, unknown 0');
  });

  it('classifies: already captured (with its capture ID), cancelled skipped, not found fails (exit 5) and is named', async () => {
    const home = tempHome();
    const [a, b, c] = await seedOrders(home, 3);
    await runCli(['orders', 'capture', a!, '--yes'], { home });
    await runCli(['orders', 'cancel', b!, '--yes'], { home });
    const results = join(home, 'results.csv');
    const r = await runCli(['orders', 'capture', a!, b!, c!, 'missing-order', '--yes', '--results', results], { home });
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toMatch(/row 4 \(missing-order\): failed/);
    expect(r.stderr).toContain('already captured: 1');
    const csv = readFileSync(results, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('row,input,order_id,status,classification,amount,currency,capture_id,capture_reference,attempts,reason');
    expect(csv.slice(1).map((l) => l.split(',')[3])).toEqual(['already_captured', 'skipped', 'captured', 'failed']);
    expect(csv[1]?.split(',')[7]).toMatch(/\S/);
    const tsv = r.stdout.trim().split('\n');
    expect(tsv).toHaveLength(4);
  });

  it('reads a CSV with merchant references, amounts, lines, capture references and tracking', async () => {
    const home = tempHome();
    await seedOrders(home, 4, 'CSV');
    const file = join(home, 'shipped.csv');
    writeFileSync(
      file,
      'reference,amount,lines,capture_reference,carrier,tracking_number,tracking_url\n' +
        'CSV-1,,,,PostNord,PN1,https://t.example/1\n' +
        'CSV-2,"100,50",,BOX-2,,,\n' +
        'CSV-3,,SKU-1:1;SHIP,BOX-3,,,\n' +
        'CSV-4,5000,,,,,\n',
    );
    const r = await runCli(['orders', 'capture', '--from', file, '--yes', '--json'], { home });
    expect(r.exitCode).toBe(5);
    const rows = ndjson(r.stdout);
    expect(rows.map((x) => [x.status, x.classification, x.amount])).toEqual([
      ['captured', 'capture_full', 29900],
      ['captured', 'capture_part', 10050],
      ['captured', 'capture_part', 17400],
      ['failed', 'amount_too_high', 500000],
    ]);
    expect(rows[3]?.reason).toContain('only 299.00 SEK remains authorized');
    const show = await runCli(['orders', 'show', 'CSV-1', '--json'], { home });
    expect(show.json<{ captures: { shipping_info: unknown[] }[] }>().captures[0]?.shipping_info).toEqual([{ shipping_company: 'PostNord', tracking_number: 'PN1', tracking_uri: 'https://t.example/1' }]);
  });

  it('refuses malformed rows with per-row errors and captures nothing', async () => {
    const home = tempHome();
    const ids = await seedOrders(home, 3);
    const file = join(home, 'bad.csv');
    writeFileSync(file, `order_id,amount,lines,tracking_url\n${ids[0]},12.5.0,,\n${ids[1]},,SKU-1:0,\n,,,\n${ids[2]},,,ftp://x\n`);
    const r = await runCli(['orders', 'capture', '--from', file, '--yes'], { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/row 1 amount[\s\S]*row 2 lines[\s\S]*row 3 order_id: is empty[\s\S]*row 4 tracking_url/);
    expect(r.stderr).toContain('Nothing was captured');
    expect(capturesPerOrder(home).size).toBe(0);
    // A row that only fails once the order is read (unknown line) also refuses the whole plan.
    writeFileSync(file, `order_id,lines\n${ids[0]},\n${ids[1]},NOPE:1\n`);
    const late = await runCli(['orders', 'capture', '--from', file, '--yes'], { home });
    expect(late.exitCode).toBe(2);
    expect(late.stderr).toContain('row 2');
    expect(capturesPerOrder(home).size).toBe(0);
    const header = await runCli(['orders', 'capture', '--from', file.replace('bad', 'none'), '--yes'], { home });
    expect(header.exitCode).toBe(2);
    writeFileSync(file, 'id,amount\nx,1\n');
    const badHeader = await runCli(['orders', 'capture', '--from', file, '--yes'], { home });
    expect(badHeader.exitCode).toBe(2);
    expect(badHeader.stderr).toContain('header');
    const dup = await runCli(['orders', 'capture', ids[0]!, ids[0]!, '--yes'], { home });
    expect(dup.exitCode).toBe(2);
    expect(dup.stderr).toContain('repeats order');
  });

  it('writes a plan with --plan-out (nothing captured) and --apply executes exactly it', async () => {
    const home = tempHome();
    const ids = await seedOrders(home, 3);
    const plan = join(home, 'plan.json');
    const p = await runCli(['orders', 'capture', ...ids, '--plan-out', plan], { home });
    expect(p.exitCode).toBe(0);
    expect(p.stdout).toBe('');
    expect(capturesPerOrder(home).size).toBe(0);
    const doc = JSON.parse(readFileSync(plan, 'utf8')) as { run_id: string; rows: { classification: string }[] };
    expect(doc.rows.map((r) => r.classification)).toEqual(['capture_full', 'capture_full', 'capture_full']);
    // Drop one row from the reviewed plan: only the two left are captured.
    doc.rows = doc.rows.slice(0, 2);
    writeFileSync(plan, JSON.stringify(doc));
    const noYes = await runCli(['orders', 'capture', '--apply', plan], { home });
    expect(noYes.exitCode).toBe(2);
    const a = await runCli(['orders', 'capture', '--apply', plan, '--yes', '--json'], { home });
    expect(a.exitCode).toBe(0);
    expect(capturesPerOrder(home).size).toBe(2);
    expect(capturesPerOrder(home).has(ids[2]!)).toBe(false);
    const again = await runCli(['orders', 'capture', '--apply', plan, '--yes', '--json'], { home });
    expect(ndjson(again.stdout).map((r) => [r.status, r.reason])).toEqual([
      ['already_captured', 'captured by an earlier run'],
      ['already_captured', 'captured by an earlier run'],
    ]);
    expect(again.stderr).toBe('');
    writeFileSync(plan, '{"nope":1}');
    const bad = await runCli(['orders', 'capture', '--apply', plan, '--yes'], { home });
    expect(bad.exitCode).toBe(2);
  });

  it('refuses per-order flags in bulk mode and stdin from a terminal', async () => {
    const r = await runCli(['orders', 'capture', 'a', 'b', '--amount', '10', '--yes']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--amount applies to one order');
    const c = await runCli(['orders', 'capture', '--concurrency', '0', 'a', 'b']);
    expect(c.exitCode).toBe(2);
  });

  it('ends with every order captured exactly once under injected faults, resuming unknown outcomes', async () => {
    const home = tempHome();
    const ids = await seedOrders(home, 60);
    // Each run draws its own faults (a new seed), so re-runs do not meet the same failures in the same places.
    const env = (seed: number) => ({ MERCHANT_SANDBOX_FAULTS: `transient=0.25,rate_limited=0.15,timeout_after_commit=0.3,retry_after_ms=5,seed=${seed}` });
    let r = await runCli(['orders', 'capture', '-', '--yes', '--json', '--concurrency', '6'], { home, env: env(11), stdin: ids.join('\n') });
    for (let i = 0; i < 5 && r.exitCode !== 0; i++) {
      expect([5, 6]).toContain(r.exitCode);
      r = await runCli(['orders', 'capture', '-', '--yes', '--json'], { home, env: env(12 + i), stdin: ids.join('\n') });
    }
    // A read can meet a fault on all 4 attempts (0.4⁴ per read, 60 reads a run): the provider heals at the end.
    if (r.exitCode !== 0) r = await runCli(['orders', 'capture', '-', '--yes', '--json'], { home, stdin: ids.join('\n') });
    expect(r.exitCode).toBe(0);
    const counts = capturesPerOrder(home);
    expect(counts.size).toBe(60);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('sets, shows and clears stored sandbox faults (the environment variable wins)', async () => {
    const home = tempHome();
    const set = await runCli(['sandbox', 'faults', 'set', 'transient=0.5,seed=1'], { home });
    expect(set.exitCode).toBe(0);
    const show = await runCli(['sandbox', 'faults', 'show', '--json'], { home });
    expect(show.json()).toMatchObject({ source: 'stored', in_force: { transient: 0.5, seed: 1 } });
    const env = await runCli(['sandbox', 'faults', 'show', '--json'], { home, env: { MERCHANT_SANDBOX_FAULTS: 'rate_limited=0.1' } });
    expect(env.json()).toMatchObject({ source: 'environment', in_force: { transient: 0, rate_limited: 0.1 } });
    const bad = await runCli(['sandbox', 'faults', 'set', 'transient=3'], { home });
    expect(bad.exitCode).toBe(2);
    await runCli(['sandbox', 'faults', 'clear'], { home });
    const cleared = await runCli(['sandbox', 'faults', 'show'], { home });
    expect(cleared.stdout).toBe('none\tnone\n');
  });
});
