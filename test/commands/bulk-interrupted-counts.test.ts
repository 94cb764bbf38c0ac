/**
 * What an interrupted bulk capture says: the rows done, the rows that failed for real (named), the rows
 * still unknown (named) and the rows never started (counted, not listed: a run stopped early leaves most of
 * its rows). Each row's own output keeps its documented shape: a row never started reads `failed`
 * ("not attempted: …"). The signal arrives in-process through a fake signal source, once the run is well
 * into its rows (told by the journal's clock reads, not by time).
 */
import { EventEmitter } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createCancellation } from '../../src/cli/cancellation.js';
import { capturesPerOrder, seedOrders } from '../helpers/orders.js';
import { runCli, tempHome } from '../helpers/run-cli.js';

interface Row {
  row: number;
  status: string;
  reason: string | null;
  attempts: number;
}

interface Counts {
  total: number;
  captured: number;
  already_captured: number;
  skipped: number;
  failed: number;
  unknown: number;
  not_attempted: number;
}

/**
 * A run that gets `signal` once it is well into its rows: `rowsDone` lines on stdout (--json streams a line
 * per finished row), or without --json, `reads` clock reads after the plan was shown (each row's journal
 * entries read the clock).
 */
async function interruptedRun(home: string, argv: string[], stdin: string, signal: 'SIGINT' | 'SIGTERM', when: { rowsDone: number } | { reads: number }) {
  const source = new EventEmitter();
  const exits: number[] = [];
  const cancellation = createCancellation(source, { exitNow: (code) => void exits.push(code) });
  let out = '';
  let err = '';
  let reads = 0;
  let sent = false;
  const check = (): void => {
    const due = 'rowsDone' in when ? out.split('\n').length - 1 >= when.rowsDone : err.includes('Plan ') && ++reads >= when.reads;
    if (due && !sent) {
      sent = true;
      setImmediate(() => source.emit(signal));
    }
  };
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c: Buffer) => {
    out += c.toString();
    check();
  });
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const io = { stdin: Readable.from([stdin]), stdout, stderr, stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false, columns: 120 };
  const clock = {
    now: () => {
      if (!('rowsDone' in when)) check();
      return new Date();
    },
  };
  try {
    const r = await runCli(argv, { home, clock, overrides: { io, cancellation } });
    return { exitCode: r.exitCode, stdout: out, stderr: err, exits };
  } finally {
    cancellation.dispose();
  }
}

const rowsOf = (stdout: string): Row[] => stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row).sort((a, b) => a.row - b.row);

describe('an interrupted bulk capture', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s: failed_rows names only the rows that failed; the rows never started are counted (not_attempted, counts); every row still has its line', async (signal, code) => {
    const home = tempHome();
    const ids = await seedOrders(home, 1500);
    // Two rows fail for real (no such order): row 2 and row 4.
    const input = [ids[0], 'NO-SUCH-1', ids[1], 'NO-SUCH-2', ...ids.slice(2)].join('\n');
    const r = await interruptedRun(home, ['orders', 'capture', '-', '--yes', '--json', '--concurrency', '1'], input, signal, { rowsDone: 100 });
    expect(r.exitCode, r.stderr).toBe(code);
    const error = (JSON.parse(r.stderr) as { error: { kind: string; message: string; details: { run_id: string; failed_rows: number[]; unknown_rows: number[]; not_attempted: number; counts: Counts } } }).error;
    const rows = rowsOf(r.stdout);
    const { counts } = error.details;
    // Every row has its line; the counts add up to them and agree with the lines.
    expect(rows).toHaveLength(ids.length + 2);
    expect(counts.total).toBe(rows.length);
    expect(counts.captured + counts.already_captured + counts.skipped + counts.failed + counts.unknown + counts.not_attempted).toBe(counts.total);
    const notAttempted = rows.filter((x) => x.status === 'failed' && x.attempts === 0 && x.reason?.startsWith('not attempted'));
    expect(error.details.not_attempted).toBe(counts.not_attempted);
    expect(notAttempted).toHaveLength(counts.not_attempted);
    expect(counts.not_attempted).toBeGreaterThan(0);
    expect(counts.captured).toBe(rows.filter((x) => x.status === 'captured').length);
    expect(counts.captured).toBe(capturesPerOrder(home).size);
    // Only the rows that failed for real are named; the rows never started are not listed.
    expect(error.details.failed_rows).toEqual([2, 4]);
    expect(counts.failed).toBe(2);
    expect(error.details.unknown_rows).toEqual([]);
    expect(error.message).toBe(
      `Interrupted (${signal}): ${counts.captured.toLocaleString('en-US')} of ${counts.total.toLocaleString('en-US')} row(s) done (captured ${counts.captured.toLocaleString('en-US')}, already captured 0, skipped 0); failed 2, unknown 0, not attempted ${counts.not_attempted.toLocaleString('en-US')}. Run the same command again to finish run ${error.details.run_id}; nothing will be captured twice.`,
    );
    expect(r.exits).toEqual([]);
  });

  it('without --json: the summary counts the rows never started on their own and lists only the rows that need a look; a re-run finishes', async () => {
    const home = tempHome();
    const ids = await seedOrders(home, 1500);
    const input = [ids[0], 'NO-SUCH-1', ...ids.slice(1)].join('\n');
    const r = await interruptedRun(home, ['orders', 'capture', '-', '--yes', '--concurrency', '1'], input, 'SIGINT', { reads: 200 });
    expect(r.exitCode, r.stderr).toBe(130);
    const summary = /Run \S+: (\d+) row\(s\): captured (\d+), already captured 0, skipped 0, failed 1, unknown 0, not attempted (\d+)\./.exec(r.stderr);
    expect(summary, r.stderr).not.toBeNull();
    const [total, captured, notAttempted] = summary!.slice(1).map(Number) as [number, number, number];
    expect(total).toBe(ids.length + 1);
    expect(captured + 1 + notAttempted).toBe(total);
    // The one real failure is named; the rows never started are one line, not one line each.
    expect(r.stderr).toMatch(/row 2 \(NO-SUCH-1\): failed: no order with ID or merchant reference NO-SUCH-1/);
    expect(r.stderr).toMatch(new RegExp(`not attempted: ${notAttempted} row\\(s\\), from row \\d+: not attempted: the run was interrupted; run it again to finish`));
    expect(r.stderr.split('\n').filter((l) => /^\s+row \d+ \(.*\): failed:/.test(l))).toHaveLength(1);
    // Piped, every row is still printed with its documented status.
    const statuses = r.stdout.trim().split('\n').map((l) => l.split('\t')[3]);
    expect(statuses).toHaveLength(total);
    expect(statuses.filter((s) => s === 'failed')).toHaveLength(1 + notAttempted);
    const again = await runCli(['orders', 'capture', '-', '--yes'], { home, stdin: input });
    expect(again.exitCode).toBe(5);
    expect(again.stderr).toMatch(new RegExp(`captured ${notAttempted}, already captured ${captured}, skipped 0, failed 1, unknown 0\\.`));
    expect([...capturesPerOrder(home).values()].every((n) => n === 1)).toBe(true);
    expect(capturesPerOrder(home).size).toBe(ids.length);
  });
});
