/**
 * `orders capture --apply` given a plan that is not a regular file: bash's `<(cat plan.json)` and
 * `/dev/stdin` fed by `cat`. A pipe can be read only once, so it is read whole; it captures exactly the
 * planned orders, once, and a second apply of the same plan captures nothing more. A damaged plan through
 * a pipe is refused with the message and exit code of the same damaged file. The writer is always a
 * process of its own (`cat`), so the binary reading the pipe can never wait on the test. Needs
 * `npm run build` first.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { capturesPerOrder, seedOrders } from '../helpers/orders.js';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { assertBuilt, BIN, PROJECT_ROOT, type SpawnResult } from '../helpers/spawn-cli.js';

beforeAll(() => assertBuilt());

/** How the plan reaches `--apply`: "$1" is the plan file, the command's own words follow `--apply`. */
const PIPES = {
  'a process substitution': '"$NODE" "$BIN" orders capture --apply <(cat "$1") --yes --json',
  '/dev/stdin fed by cat': 'cat "$1" | "$NODE" "$BIN" orders capture --apply /dev/stdin --yes --json',
  'the file itself': '"$NODE" "$BIN" orders capture --apply "$1" --yes --json',
} as const;
type Way = keyof typeof PIPES;

/** Runs the built binary through bash, the plan handed over as `way` says. */
function applyThrough(way: Way, home: string, plan: string): Promise<SpawnResult> {
  const child = spawn('bash', ['--norc', '--noprofile', '-c', PIPES[way], 'bash', plan], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: home,
      MERCHANT_HOME: home,
      MERCHANT_KEYCHAIN: 'off',
      NO_COLOR: '1',
      NODE: process.execPath,
      BIN,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => resolve({ stdout, stderr, exitCode, signal }));
  });
}

/** A home with `count` authorized orders and a --plan-out plan capturing the first `planned` of them. */
async function plannedHome(count: number, planned: number): Promise<{ home: string; plan: string; ids: string[] }> {
  const home = tempHome('merchant-apply-pipe-');
  const ids = await seedOrders(home, count);
  const plan = join(home, 'plan.json');
  const p = await runCli(['orders', 'capture', ...ids.slice(0, planned), '--plan-out', plan], { home });
  expect(p.exitCode, p.stderr).toBe(0);
  return { home, plan, ids };
}

const statuses = (stdout: string): string[] =>
  stdout
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => (JSON.parse(l) as { status: string }).status);

describe('orders capture --apply from a pipe', () => {
  it.each(['a process substitution', '/dev/stdin fed by cat'] as const)(
    '%s: captures exactly the planned orders once; applied again, nothing more',
    async (way) => {
      // More than a pipe's buffer (64 KiB): the binary must read while cat is still writing.
      const { home, plan, ids } = await plannedHome(90, 80);
      expect(readFileSync(plan, 'utf8').length).toBeGreaterThan(1 << 16);
      const first = await applyThrough(way, home, plan);
      expect(first.exitCode, first.stderr).toBe(0);
      expect(statuses(first.stdout)).toEqual(Array(80).fill('captured'));
      const captures = capturesPerOrder(home);
      expect(ids.map((id) => captures.get(id) ?? 0)).toEqual([...Array(80).fill(1), ...Array(10).fill(0)]);

      const again = await applyThrough(way, home, plan);
      expect(again.exitCode, again.stderr).toBe(0);
      expect(statuses(again.stdout).includes('captured')).toBe(false);
      expect(capturesPerOrder(home)).toEqual(captures);
    },
  );

  it.each(['a process substitution', '/dev/stdin fed by cat'] as const)(
    '%s: a cut plan and a plan with a bad row are refused as the same file is; nothing is captured',
    async (way) => {
      const { home, plan } = await plannedHome(60, 60);
      const text = readFileSync(plan, 'utf8');
      const doc = JSON.parse(text) as { rows: { amount: number }[] };
      (doc.rows[59] as { amount: number }).amount = 0;
      for (const damaged of [text.slice(0, Math.floor(text.length * 0.9)), JSON.stringify(doc, null, 2)]) {
        writeFileSync(plan, damaged);
        const asFile = await applyThrough('the file itself', home, plan);
        const piped = await applyThrough(way, home, plan);
        expect(asFile.exitCode, asFile.stderr).toBe(2);
        expect(piped.exitCode, piped.stderr).toBe(2);
        // The message names what --apply was given: the file's path, or the pipe's (/dev/fd/N, /dev/stdin).
        const named = /\/dev\/(fd\/\d+|stdin)/.exec(piped.stderr)?.[0];
        expect(named, piped.stderr).toBeDefined();
        expect(piped.stderr.replaceAll(named!, plan)).toBe(asFile.stderr);
        expect(piped.stdout).toBe(asFile.stdout);
      }
      expect(capturesPerOrder(home).size).toBe(0);
    },
  );
});
