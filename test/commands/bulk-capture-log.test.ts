/**
 * What a sandbox bulk capture leaves in the developer log: its plan reads the orders a batch at a time
 * (one `orders.getMany` row per batch, logged by its size, so no order's contact details are copied into
 * the log), and each capture is its own row naming its order and idempotency key.
 */
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';

interface Entry {
  operation: string;
  outcome: string;
  order_id: string | null;
  idempotency_key: string | null;
  request: unknown;
  response: unknown;
}

describe('sandbox bulk capture in the developer log', () => {
  it('logs the plan reads as one batch row and every capture as its own row', async () => {
    const home = tempHome();
    const seeded = await runCli(['sandbox', 'orders', 'seed', '--count', '60', '--store', 'se-demo'], { home });
    expect(seeded.exitCode, seeded.stderr).toBe(0);
    const ids = seeded.stdout.trim().split('\n');
    expect(ids).toHaveLength(60);
    const run = await runCli(['orders', 'capture', ...ids, '--store', 'se-demo', '--yes', '--json'], { home });
    expect(run.exitCode, run.stderr).toBe(0);
    const r = await runCli(['logs', '--json', '--operation', 'orders', '--limit', '1000'], { home });
    expect(r.exitCode, r.stderr).toBe(0);
    const entries = r.json<Entry[]>();
    const reads = entries.filter((e) => e.operation === 'orders.getMany');
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ outcome: 'ok', request: [ids], response: '(60 rows)' });
    expect(entries.filter((e) => e.operation === 'orders.get')).toEqual([]);
    const captures = entries.filter((e) => e.operation === 'orders.capture');
    expect(captures.map((e) => e.order_id).sort()).toEqual([...ids].sort());
    expect(captures.every((e) => e.outcome === 'ok' && typeof e.idempotency_key === 'string')).toBe(true);
    expect(r.stdout).not.toMatch(/@/);
  });
});
