/**
 * The built binary keeps a bulk capture's stdin in a private file while it reads it: 0600, in the data
 * folder's `runs`, and gone when the process ends — after a run, on SIGINT or SIGTERM while stdin is still
 * arriving — and, after a kill -9, removed by the next run. Needs `npm run build` first.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { capturesPerOrder, seedOrders } from '../helpers/orders.js';
import { tempHome } from '../helpers/run-cli.js';
import { assertBuilt, BIN, PROJECT_ROOT, spawnCli, waitUntil } from '../helpers/spawn-cli.js';

beforeAll(() => assertBuilt());

const runsOf = (home: string): string[] => (existsSync(join(home, 'data', 'runs')) ? readdirSync(join(home, 'data', 'runs')) : []);

/** The binary reading a bulk capture from a pipe that stays open until the test closes it. */
function captureFromOpenPipe(home: string, argv: string[]) {
  const child = spawn(process.execPath, [BIN, 'orders', 'capture', ...argv, '--yes', '--json'], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env['PATH'] ?? '', HOME: home, MERCHANT_HOME: home, MERCHANT_KEYCHAIN: 'off', NO_COLOR: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdout.resume();
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  return { child, done };
}

/** The stdin file of the process `pid`, once it exists. */
async function stdinFileOf(home: string, pid: number): Promise<string> {
  let file = '';
  await waitUntil(() => {
    const folder = runsOf(home).find((n) => n.startsWith(`${pid}-stdin-`));
    file = folder ? join(home, 'data', 'runs', folder, 'stdin') : '';
    return file !== '' && existsSync(file) && statSync(file).size > 0;
  }, 'the stdin file');
  return file;
}

describe('bulk capture from a pipe: the private stdin file', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s while stdin is still arriving: exit %i, nothing captured, the file gone', { timeout: 60_000 }, async (signal, code) => {
    const home = tempHome('merchant-stdin-');
    const ids = await seedOrders(home, 3);
    const run = captureFromOpenPipe(home, ['--from', '-']);
    run.child.stdin.write(`order_id\n${ids.join('\n')}\n`);
    const file = await stdinFileOf(home, run.child.pid!);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    run.child.kill(signal);
    const ended = await run.done;
    expect(ended.code, ended.stderr).toBe(code);
    expect(runsOf(home)).toEqual([]);
    expect(capturesPerOrder(home).size).toBe(0);
  });

  it('kill -9 leaves the file; the next run removes it, and its own, and captures each order once', { timeout: 60_000 }, async () => {
    const home = tempHome('merchant-stdin-');
    const ids = await seedOrders(home, 3);
    const run = captureFromOpenPipe(home, ['-']);
    run.child.stdin.write(`${ids[0]}\n`);
    await stdinFileOf(home, run.child.pid!);
    run.child.kill('SIGKILL');
    await run.done;
    expect(runsOf(home)).toHaveLength(1);
    const next = await spawnCli(['orders', 'capture', '-', '--yes', '--json'], { home, input: `${ids.join('\n')}\n` });
    expect(next.exitCode, next.stderr).toBe(0);
    expect(runsOf(home)).toEqual([]);
    expect([...capturesPerOrder(home).values()]).toEqual([1, 1, 1]);
  });

  it('a finished run from a pipe leaves no file', { timeout: 60_000 }, async () => {
    const home = tempHome('merchant-stdin-');
    const ids = await seedOrders(home, 3);
    const r = await spawnCli(['orders', 'capture', '--from', '-', '--yes', '--json'], { home, input: `order_id\n${ids.join('\n')}\n` });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(runsOf(home)).toEqual([]);
    expect([...capturesPerOrder(home).values()]).toEqual([1, 1, 1]);
  });
});
