/**
 * An export stopped midway never leaves a truncated file at --out: the real binary (needs `npm run build`)
 * is signalled while it is writing its temporary file. SIGINT/SIGTERM stop it cleanly (temporary file
 * removed, exit 130/143); SIGKILL leaves at most the hidden temporary file.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';

const BIN = join(import.meta.dirname, '../../bin/merchant.js');
let home: string;
let from: string;
let to: string;

beforeAll(async () => {
  home = tempHome('merchant-interrupt-');
  expect((await runCli(['sandbox', 'seed', '--transactions', '150000', '--stores', 'se-demo', '--months', '1'], { home })).exitCode).toBe(0);
  const payouts = (await runCli(['settlements', 'payouts', '--store', 'se-demo', '--all', '--json'], { home })).json<{ payout_date: string }[]>();
  from = payouts.at(-1)!.payout_date.slice(0, 10);
  to = payouts[0]!.payout_date.slice(0, 10);
}, 120_000);

/** Starts an export and sends `signal` once its temporary file holds data; resolves with how it ended. */
async function interruptedExport(dir: string, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const child = spawn(process.execPath, [BIN, 'settlements', 'export', '--store', 'se-demo', '--from', from, '--to', to, '--out', join(dir, 'export.csv')], {
    env: { ...process.env, MERCHANT_HOME: home, NO_COLOR: '1' },
    stdio: 'ignore',
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig })));
  for (;;) {
    const temp = readdirSync(dir).find((f) => f.endsWith('.tmp'));
    if (temp && statSync(join(dir, temp)).size > 100_000) break;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  child.kill(signal);
  return exited;
}

describe('interrupted export', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s midway: exit %i, no file at --out and the temporary file is removed', async (signal, code) => {
    const dir = mkdtempSync(join(tmpdir(), 'merchant-kill-'));
    expect(await interruptedExport(dir, signal)).toEqual({ code, signal: null });
    expect(existsSync(join(dir, 'export.csv'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);

  it('SIGKILL midway: still no file at --out (at most a hidden .tmp beside it)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'merchant-kill-'));
    expect((await interruptedExport(dir, 'SIGKILL')).signal).toBe('SIGKILL');
    expect(existsSync(join(dir, 'export.csv'))).toBe(false);
    expect(readdirSync(dir).every((f) => f.startsWith('.export.csv.') && f.endsWith('.tmp'))).toBe(true);
  }, 60_000);
});
