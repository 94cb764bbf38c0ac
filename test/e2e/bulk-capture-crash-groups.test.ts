/**
 * The built binary against the sandbox, where a bulk run keeps a group of a few hundred rows in flight:
 * each group's claims share one journal commit and its captures one sandbox commit, and the outcomes
 * join the next group's commit. Killed with SIGKILL in the middle of such groups (claims committed and
 * outcomes not yet recorded), a re-run captures every order exactly once. Needs `npm run build` first.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { capturesPerOrder, seedOrders } from '../helpers/orders.js';
import { tempHome } from '../helpers/run-cli.js';

const BIN = join(process.cwd(), 'bin', 'merchant.js');
// Enough orders that the second run, killed once 700 are captured, still has several groups (over a second
// of work) left: the test must see the count and kill before the run ends, on a machine that may stall it.
const ORDERS = 3000;

interface Run {
  kill(): void;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function capture(home: string, input: string): Run {
  const child = spawn(process.execPath, [BIN, 'orders', 'capture', '-', '--yes', '--json', '--concurrency', '4'], {
    env: { ...process.env, MERCHANT_HOME: home, NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(input);
  return {
    kill: () => child.kill('SIGKILL'),
    done: new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))),
  };
}

/** What the database files say right now (readers do not block the writers under WAL). */
function count(home: string, file: string, sql: string): number {
  try {
    const db = new Database(join(home, 'data', file), { readonly: true, timeout: 5000 });
    try {
      return (db.prepare(sql).get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

const captured = (home: string): number => count(home, 'sandbox.db', 'SELECT COUNT(*) AS n FROM captures');
const open = (home: string): number => count(home, 'journal.db', `SELECT COUNT(*) AS n FROM capture_ops WHERE state = 'sending'`);

async function waitFor(predicate: () => boolean, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('bulk capture in large groups survives SIGKILL (built binary)', () => {
  it('killed with a group claimed and not yet recorded, a re-run captures every order exactly once', async () => {
    const home = tempHome();
    const ids = await seedOrders(home, ORDERS);
    const input = ids.join('\n');
    let openAtKill = 0;
    for (const atLeast of [300, 700]) {
      const run = capture(home, input);
      // Mid-run: some groups committed, later ones not; the journal holds the claims still open.
      await waitFor(() => captured(home) >= atLeast && open(home) > 0);
      run.kill();
      expect((await run.done).signal).toBe('SIGKILL');
      openAtKill += open(home);
      expect([...capturesPerOrder(home).values()].filter((n) => n !== 1)).toEqual([]);
    }
    expect(captured(home)).toBeLessThan(ORDERS);
    // Rows claimed and never recorded are reconciled from the orders, not sent twice.
    expect(openAtKill).toBeGreaterThan(0);
    const last = await capture(home, input).done;
    expect(last.code, last.stderr).toBe(0);
    const rows = last.stdout.trim().split('\n').map((l) => JSON.parse(l) as { status: string });
    expect(rows).toHaveLength(ORDERS);
    expect(rows.filter((r) => !['captured', 'already_captured'].includes(r.status))).toEqual([]);
    expect(rows.filter((r) => r.status === 'already_captured').length).toBeGreaterThanOrEqual(700);
    const counts = capturesPerOrder(home);
    expect(ids.filter((id) => counts.get(id) !== 1)).toEqual([]);
    expect(counts.size).toBe(ORDERS);
    expect(open(home)).toBe(0);
  }, 180_000);
});
