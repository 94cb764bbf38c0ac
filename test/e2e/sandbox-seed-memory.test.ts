/**
 * `sandbox seed` keeps its heap flat at any volume: the movements waiting for settlement go through a
 * temporary SQLite table, not JavaScript objects. The real binary (needs `npm run build`) seeds 150,000
 * transactions with V8's old generation capped at 48 MB, which holding them as objects overflows (a fatal
 * out-of-memory abort); at the 20,000,000 the command accepts, that was Node's whole default heap.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';

const BIN = join(import.meta.dirname, '../../bin/merchant.js');

it('seeds 150,000 transactions in a 48 MB heap', async () => {
  const home = tempHome('merchant-seed-memory-');
  try {
    await seedIn(home);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}, 180_000);

async function seedIn(home: string): Promise<void> {
  expect((await runCli(['stores', 'list', '--json'], { home })).exitCode).toBe(0);
  const r = spawnSync(process.execPath, ['--max-old-space-size=48', BIN, 'sandbox', 'seed', '--transactions', '150000', '--stores', 'se-demo', '--months', '1', '--seed', '7', '--json'], {
    env: { ...process.env, MERCHANT_HOME: home, NO_COLOR: '1' },
    encoding: 'utf8',
  });
  expect(r.status, r.stderr.slice(-500)).toBe(0);
  const seeded = JSON.parse(r.stdout) as { transactions: number; orders: number };
  expect(seeded.transactions).toBeGreaterThan(140_000);
  // Every settled transaction is readable: the payouts account for all of them.
  const payouts = (await runCli(['settlements', 'payouts', '--store', 'se-demo', '--all', '--json'], { home })).json<{ transaction_count: number }[]>();
  expect(payouts.reduce((n, p) => n + p.transaction_count, 0)).toBe(seeded.transactions);
}
