/** Running the built CLI from a figure: a throw-away MERCHANT_HOME per scenario, and a checked spawn. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const homes: string[] = [];
// A volume sandbox is gigabytes: every home a run made goes when the run ends, measured or failed.
process.once('exit', () => {
  for (const home of homes) rmSync(home, { recursive: true, force: true });
});

export function benchHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'merchant-bench-'));
  homes.push(home);
  return home;
}

export function benchEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, MERCHANT_HOME: home, NO_COLOR: '1', ...extra };
  // A developer's own key or profile must not leak into a measured run.
  delete env['MERCHANT_API_KEY'];
  delete env['MERCHANT_PROFILE'];
  delete env['MERCHANT_BACKEND'];
  Object.assign(env, extra);
  return env;
}

/** Runs `merchant …` to completion for set-up work (not measured); throws with its stderr on failure. */
export function merchant(bin: string, args: readonly string[], env: NodeJS.ProcessEnv): string {
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`merchant ${args.join(' ')} exited ${String(r.status)}: ${r.stderr.slice(-2000)}`);
  return r.stdout;
}

/** `sandbox orders seed --count` takes at most this many per run (NUMERIC_RANGES.count). */
const SEED_CHUNK = 10_000;

/** The IDs printed by `sandbox orders seed` (one per line), seeded in runs of at most SEED_CHUNK orders. */
export function seedSandboxOrders(bin: string, env: NodeJS.ProcessEnv, count: number): string[] {
  const ids: string[] = [];
  for (let left = count; left > 0; left -= SEED_CHUNK) {
    const chunk = String(Math.min(left, SEED_CHUNK));
    ids.push(...merchant(bin, ['sandbox', 'orders', 'seed', '--count', chunk, '--store', 'se-demo'], env).split('\n').filter((l) => l !== ''));
  }
  return ids;
}
