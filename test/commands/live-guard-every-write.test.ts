/**
 * Every command, classified once: a read, a write to local files only, or a write at the provider. The
 * list fails when a command is added without being classified here. Each provider write then runs under
 * a live key (a kustom-shaped context served by a sandbox, as in live-guard-writes.test.ts): with the
 * store only from MERCHANT_STORE it is refused and nothing is changed; with the store named (--store, an
 * ID that names its store, or pinned in the profile) it prints the live banner naming the store.
 */
import { PassThrough, Readable } from 'node:stream';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { createContext } from '../../src/cli/context.js';
import { createSandboxBackend } from '../../src/backends/sandbox/sandbox-backend.js';
import { runCli, tempHome, type RunOptions } from '../helpers/run-cli.js';
import { createLink, TSHIRT } from '../helpers/links.js';
import { seedOrders } from '../helpers/orders.js';

const LIVE = 'kco_live_api_FAKEnotAREALkey0000abcdQr5678';
const banner = (store: string): RegExp => new RegExp(`^LIVE · store ${store} · mode live \\(kco_live_api_…5678 from MERCHANT_API_KEY\\) · .+$`, 'm');
const REFUSED = /Refusing a live write \(.+\): the store comes only from MERCHANT_STORE\. A live write needs the store named with --store or pinned in the profile\./;

function live(home: string, env: Record<string, string> = {}): RunOptions {
  return { home, env: { MERCHANT_API_KEY: LIVE, MERCHANT_BACKEND: 'kustom', ...env }, overrides: { backendFactory: (deps) => createSandboxBackend(deps) } };
}

async function ok(argv: string[], options: RunOptions): Promise<string> {
  const r = await runCli(argv, options);
  if (r.exitCode !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  return r.stdout.trim();
}

/**
 * How a provider write is run. `needsStore`: refused while the store comes only from MERCHANT_STORE, and
 * announced with `named` (the args naming the store, or `pin` to pin it in the profile). `namesStore`: its
 * argument names the store it changes (a store's own ID, a link's), so it is announced with no store set.
 */
type Write =
  | { kind: 'needsStore'; setup?: (home: string) => Promise<string[]>; args: (setup: string[]) => string[]; named: string[] | 'pin' }
  | { kind: 'namesStore'; setup?: (home: string) => Promise<string[]>; args: (setup: string[]) => string[]; store?: string };

const order = (home: string): Promise<string[]> => seedOrders(home, 1);
const captured = async (home: string): Promise<string[]> => {
  const [id] = await seedOrders(home, 1);
  await ok(['orders', 'capture', id!, '--amount', '10', '--yes'], { home });
  return [id!];
};
const link = async (home: string): Promise<string[]> => [(await createLink(home, [])).link_id];
const cancelledLink = async (home: string): Promise<string[]> => {
  const [id] = await link(home);
  await ok(['links', 'cancel', id!, '--yes'], { home });
  return [id!];
};
const dispute = async (home: string): Promise<string[]> => {
  const [id] = await captured(home);
  return [await ok(['sandbox', 'disputes', 'open', id!, '--amount', '5'], { home })];
};
const issuedKey = async (home: string): Promise<string[]> => [JSON.parse(await ok(['keys', 'create', '--role', 'user', '--store', 'se-demo', '--json'], { home })).key_id];

const READS = [
  'links list', 'links show', 'orders list', 'orders show', 'orders timeline',
  'settlements payouts', 'settlements show', 'settlements balance', 'settlements export', 'settlements reconcile',
  'stores list', 'stores show', 'keys list', 'keys verify', 'keys issued', 'auth status', 'logs', 'lookup',
  'config list', 'config get', 'profiles list', 'sandbox status', 'sandbox clock show', 'sandbox outbox', 'sandbox faults show',
  'help', 'completion', '__complete', 'status', 'disputes list', 'disputes show', 'db status',
];
/** They change this machine's settings and stored keys, never anything at the provider. */
const LOCAL = ['keys add', 'keys use', 'keys remove', 'keys migrate', 'keys rotate', 'config set', 'config unset', 'profiles add', 'profiles use', 'profiles remove', 'db migrate'];

const WRITES: Record<string, Write> = {
  'links create': { kind: 'needsStore', args: () => ['links', 'create', '--email', 'a@example.com', '--reference', 'L1', '--line', TSHIRT, '--yes'], named: ['--store', 'se-demo'] },
  'links cancel': { kind: 'namesStore', setup: link, args: ([id]) => ['links', 'cancel', id!, '--yes'] },
  'links duplicate': { kind: 'namesStore', setup: cancelledLink, args: ([id]) => ['links', 'duplicate', id!] },
  'links resend': { kind: 'namesStore', setup: link, args: ([id]) => ['links', 'resend', id!, '--send', 'email'] },
  'links dispatch': { kind: 'needsStore', args: () => ['links', 'dispatch'], named: 'pin' },
  'orders capture': { kind: 'needsStore', setup: order, args: ([id]) => ['orders', 'capture', id!, '--amount', '10', '--yes'], named: ['--store', 'se-demo'] },
  'orders refund': { kind: 'needsStore', setup: captured, args: ([id]) => ['orders', 'refund', id!, '--amount', '5', '--yes'], named: ['--store', 'se-demo'] },
  'orders cancel': { kind: 'needsStore', setup: order, args: ([id]) => ['orders', 'cancel', id!, '--yes'], named: ['--store', 'se-demo'] },
  'orders release': { kind: 'needsStore', setup: captured, args: ([id]) => ['orders', 'release', id!, '--yes'], named: ['--store', 'se-demo'] },
  'orders extend': { kind: 'needsStore', setup: order, args: ([id]) => ['orders', 'extend', id!, '--yes'], named: ['--store', 'se-demo'] },
  'stores add': { kind: 'namesStore', args: () => ['stores', 'add', '--id', 'se-demo-2', '--name', 'Two', '--country', 'SE', '--terms-url', 'https://shop.example/terms'], store: 'se-demo-2' },
  'stores configure': { kind: 'namesStore', args: () => ['stores', 'configure', 'se-demo', '--name', 'Renamed'] },
  'keys create': { kind: 'needsStore', args: () => ['keys', 'create', '--role', 'user'], named: ['--store', 'se-demo'] },
  'keys revoke': { kind: 'needsStore', setup: issuedKey, args: ([id]) => ['keys', 'revoke', id!, '--yes'], named: 'pin' },
  'sandbox reset': { kind: 'needsStore', args: () => ['sandbox', 'reset', '--yes'], named: 'pin' },
  'sandbox clock advance': { kind: 'needsStore', args: () => ['sandbox', 'clock', 'advance', '1h'], named: 'pin' },
  'sandbox open': { kind: 'needsStore', setup: link, args: ([id]) => ['sandbox', 'open', id!], named: 'pin' },
  'sandbox pay': { kind: 'needsStore', setup: link, args: ([id]) => ['sandbox', 'pay', id!], named: 'pin' },
  'sandbox faults set': { kind: 'needsStore', args: () => ['sandbox', 'faults', 'set', 'transient=0.1'], named: 'pin' },
  'sandbox faults clear': { kind: 'needsStore', args: () => ['sandbox', 'faults', 'clear'], named: 'pin' },
  'sandbox orders seed': { kind: 'needsStore', args: () => ['sandbox', 'orders', 'seed', '--count', '1'], named: ['--store', 'se-demo'] },
  'disputes respond': { kind: 'namesStore', setup: dispute, args: ([id]) => ['disputes', 'respond', id!, '--text', 'Delivered'] },
  'disputes accept': { kind: 'namesStore', setup: dispute, args: ([id]) => ['disputes', 'accept', id!, '--yes'] },
  'sandbox disputes open': { kind: 'namesStore', setup: captured, args: ([id]) => ['sandbox', 'disputes', 'open', id!] },
  'sandbox disputes decide': { kind: 'namesStore', setup: dispute, args: ([id]) => ['sandbox', 'disputes', 'decide', id!, 'lost'] },
  'sandbox seed': { kind: 'needsStore', args: () => ['sandbox', 'seed', '--transactions', '20'], named: 'pin' },
};

function leafCommands(): string[] {
  const io = { stdin: Readable.from([]), stdout: new PassThrough(), stderr: new PassThrough(), stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false, columns: 80 };
  const out: string[] = [];
  const walk = (command: Command, path: string[]): void => {
    if (command.commands.length === 0) out.push(path.join(' '));
    for (const sub of command.commands) walk(sub, [...path, sub.name()]);
  };
  walk(buildProgram(createContext('0.0.0', { io, env: { MERCHANT_HOME: tempHome() } })), []);
  return out.sort();
}

describe('the live guard on every provider write', () => {
  it('classifies every command exactly once (a new command must be added here)', () => {
    const classified = [...READS, ...LOCAL, ...Object.keys(WRITES)];
    expect(new Set(classified).size).toBe(classified.length);
    expect(leafCommands()).toEqual([...classified].sort());
  });

  it.each(Object.entries(WRITES))('%s: refused without a named store, announced with one', async (_name, write) => {
    const home = tempHome();
    const setup = (await write.setup?.(home)) ?? [];
    const args = write.args(setup);
    if (write.kind === 'needsStore') {
      const refused = await runCli(args, live(home, { MERCHANT_STORE: 'se-demo' }));
      expect(refused.exitCode, refused.stderr).toBe(2);
      expect(refused.stderr).toMatch(REFUSED);
      expect(refused.stderr).not.toMatch(/^LIVE/m);
      expect(refused.stdout).toBe('');
      if (write.named === 'pin') await ok(['config', 'set', 'store', 'se-demo'], { home });
      const named = await runCli(write.named === 'pin' ? args : [...args, ...write.named], live(home));
      expect(named.stderr).toMatch(banner('se-demo'));
      expect(named.exitCode, named.stderr).toBe(0);
    } else {
      const named = await runCli(args, live(home));
      expect(named.stderr).toMatch(banner(write.store ?? 'se-demo'));
      expect(named.stderr.match(/^LIVE/gm)).toHaveLength(1);
      expect(named.exitCode, named.stderr).toBe(0);
    }
  });
});
