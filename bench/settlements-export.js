// Settlement export benchmark: seeds a sandbox, then streams a 32-day export through the real binary and
// reports rows, wall time and the child's peak RSS (Linux /proc), so "memory stays flat" is measured.
// Usage: npm run build && node bench/settlements-export.js [transactions=1000000]
import { spawn, spawnSync } from 'node:child_process';
import console from 'node:console';
import process from 'node:process';
import { clearInterval, setInterval } from 'node:timers';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '..', 'bin', 'merchant.js');
const home = mkdtempSync(join(tmpdir(), 'merchant-bench-'));
const env = { ...process.env, MERCHANT_HOME: home, NO_COLOR: '1' };
const transactions = process.argv[2] ?? '1000000';

let t = Date.now();
spawnSync(process.execPath, [bin, 'sandbox', 'seed', '--transactions', transactions, '--stores', 'se-demo', '--months', '1'], { env, stdio: 'inherit' });
console.log(`seed: ${((Date.now() - t) / 1000).toFixed(1)} s`);

const payouts = JSON.parse(spawnSync(process.execPath, [bin, 'settlements', 'payouts', '--store', 'se-demo', '--all', '--json'], { env }).stdout.toString());
const from = payouts.at(-1).payout_date.slice(0, 10);
const to = payouts[0].payout_date.slice(0, 10);

t = Date.now();
const child = spawn(process.execPath, [bin, 'settlements', 'export', '--store', 'se-demo', '--from', from, '--to', to], { env, stdio: ['ignore', 'pipe', 'inherit'] });
let peakKb = 0;
const sample = setInterval(() => {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    if (m) peakKb = Math.max(peakKb, Number(m[1]));
  } catch {
    // the child has exited
  }
}, 50);
let rows = 0;
child.stdout.on('data', (chunk) => {
  for (const byte of chunk) if (byte === 10) rows++;
});
child.on('exit', () => {
  clearInterval(sample);
  console.log(`export: ${rows - 1} rows in ${((Date.now() - t) / 1000).toFixed(1)} s, peak RSS ${(peakKb / 1024).toFixed(0)} MiB`);
});
