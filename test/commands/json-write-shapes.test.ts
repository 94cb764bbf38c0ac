/**
 * The `--json` output of every write command, and each row of the bulk commands, checked by a JSON Schema
 * (test/fixtures/json-schemas/write) against a real run, and against README "JSON output" (a row per command
 * naming its shape and each field). Same convention as the read commands: a list is a bare array, a single
 * thing one object, a streamed bulk run NDJSON (one object per line, each checked).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempHome, type RunOptions } from '../helpers/run-cli.js';
import { seedOrders } from '../helpers/orders.js';
import { TSHIRT } from '../helpers/links.js';

type Schema = { title: string; type: string; 'x-shape'?: 'ndjson'; items?: { properties: Record<string, unknown> }; properties?: Record<string, unknown> };

const dir = new URL('../fixtures/json-schemas/write/', import.meta.url);
const schemas = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Schema);
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const jsonSection = readme.slice(readme.indexOf('## JSON output'), readme.indexOf('## Exit codes'));

const KEY = 'kco_test_api_FAKEnotAREALkey0000abcdQr1234';
let home: string;
let n = 0;
const ok = async (argv: string[], options: RunOptions = {}) => {
  const r = await runCli(argv, { home, ...options });
  expect(r.exitCode, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
  return r;
};
const order = async () => (await seedOrders(home, 1, `W${++n}`))[0]!;
const captured = async () => {
  const id = await order();
  await ok(['orders', 'capture', id, '--amount', '100', '--yes']);
  return id;
};
const link = async (extra: string[] = []) =>
  (await ok(['links', 'create', '--store', 'se-demo', '--email', 'w@example.com', '--phone', '+46701234567', '--reference', `W-${++n}`, '--line', TSHIRT, '--yes', '--json', ...extra])).json<{ link_id: string }>().link_id;
const dispute = async () => (await ok(['sandbox', 'disputes', 'open', await captured(), '--amount', '40', '--reason', 'faulty_goods', '--json'])).json<{ dispute_id: string }>().dispute_id;
const file = (name: string, text: string) => {
  const path = join(home, name);
  writeFileSync(path, text);
  return path;
};

/** Each documented command → a real run of it (set up in the shared sandbox) with `--json`. */
const RUNS: Record<string, () => Promise<{ argv: string[]; options?: RunOptions; exit?: number }>> = {
  'links create': async () => ({ argv: ['links', 'create', '--store', 'se-demo', '--email', 'w@example.com', '--phone', '+46701234567', '--reference', 'W-C', '--line', TSHIRT, '--send', 'email,sms', '--yes'] }),
  'links create --dry-run': async () => ({ argv: ['links', 'create', '--store', 'se-demo', '--email', 'w@example.com', '--reference', 'W-D', '--line', TSHIRT, '--dry-run'] }),
  'links create --from': async () => ({
    argv: ['links', 'create', '--from', file('links.csv', `link_reference,reference,email,lines\nWB-1,WB-1,b@example.com,"${TSHIRT}"\nWB-2,WB-2,c@example.com,"${TSHIRT}"\n`), '--store', 'se-demo', '--results', join(home, 'links-results.csv')],
  }),
  'links cancel': async () => ({ argv: ['links', 'cancel', await link(), '--yes'] }),
  'links resend': async () => ({ argv: ['links', 'resend', await link(['--send', 'email,sms']), '--send', 'email,sms'] }),
  'links duplicate': async () => {
    const id = await link();
    await ok(['links', 'cancel', id, '--yes']);
    return { argv: ['links', 'duplicate', id, '--send', 'email'] };
  },
  'links dispatch': async () => {
    await link(['--send', 'sms', '--send-at', new Date(Date.now() + 60_000).toISOString()]);
    await ok(['sandbox', 'clock', 'advance', '2m']);
    return { argv: ['links', 'dispatch'] };
  },
  'orders capture': async () => ({ argv: ['orders', 'capture', await order(), '--amount', '50', '--yes'] }),
  // Every kind of row: captured, skipped (a cancelled order) and failed (no such order), so exit 5.
  'orders capture --from': async () => {
    const cancelled = await order();
    await ok(['orders', 'cancel', cancelled, '--yes']);
    const rows = [await order(), cancelled, '00000000-0000-4000-8000-000000000000'];
    return { argv: ['orders', 'capture', '--from', file('capture.csv', `order_id\n${rows.join('\n')}\n`), '--yes'], exit: 5 };
  },
  'orders refund': async () => ({ argv: ['orders', 'refund', await captured(), '--amount', '10', '--yes'] }),
  'orders cancel': async () => ({ argv: ['orders', 'cancel', await order(), '--yes'] }),
  'orders release': async () => ({ argv: ['orders', 'release', await captured(), '--yes'] }),
  'orders extend': async () => ({ argv: ['orders', 'extend', await order(), '--yes'] }),
  'stores add': async () => ({ argv: ['stores', 'add', '--id', 'no-json', '--name', 'Oslo', '--country', 'NO', '--terms-url', 'https://o.example/terms'] }),
  'stores configure': async () => ({ argv: ['stores', 'configure', 'se-demo', '--name', 'Stockholm Demo'] }),
  // Keys run in a home of their own: an issued sandbox key makes every later write there need one.
  'keys add': async () => ({ argv: ['keys', 'add', '--store', 'se-demo', '--stdin', '--storage', 'file'], options: { home: tempHome(), stdin: `${KEY}\n` } }),
  'keys create': async () => ({ argv: ['keys', 'create', '--role', 'admin', '--store', 'se-demo'], options: { home: tempHome() } }),
  'keys use': async () => {
    const keysHome = tempHome();
    await ok(['keys', 'add', '--store', 'de-demo', '--stdin', '--storage', 'file'], { home: keysHome, stdin: `${KEY}\n` });
    return { argv: ['keys', 'use', 'de-demo'], options: { home: keysHome } };
  },
  'keys migrate': async () => {
    const keysHome = tempHome();
    await ok(['keys', 'add', '--store', 'se-demo', '--stdin', '--storage', 'file'], { home: keysHome, stdin: `${KEY}\n` });
    return { argv: ['keys', 'migrate', '--to', 'file'], options: { home: keysHome } };
  },
  // The sandbox issues two keys: the first is stored, the rotation verifies the second and swaps it in.
  'keys rotate': async () => {
    const keysHome = tempHome();
    const issue = async (asKey?: string) =>
      (await ok(['keys', 'create', '--role', 'admin', '--store', 'se-demo'], { home: keysHome, env: asKey ? { MERCHANT_API_KEY: asKey } : {} })).stdout.trim();
    const first = await issue();
    const second = await issue(first);
    await ok(['keys', 'add', '--store', 'se-demo', '--stdin', '--storage', 'file'], { home: keysHome, stdin: `${first}\n` });
    return { argv: ['keys', 'rotate', '--store', 'se-demo', '--stdin'], options: { home: keysHome, stdin: `${second}\n` } };
  },
  // A home of its own, so the run applies (and lists) every step.
  'db migrate': async () => ({ argv: ['db', 'migrate'], options: { home: tempHome() } }),
  'sandbox seed': async () => ({ argv: ['sandbox', 'seed', '--transactions', '50', '--months', '1', '--seed', '3'], options: { home: tempHome() } }),
  'disputes respond': async () => ({ argv: ['disputes', 'respond', await dispute(), '--text', 'Delivered, signed for', '--evidence', file('proof.pdf', '%PDF-1.4\n% proof\n')] }),
  'disputes accept': async () => ({ argv: ['disputes', 'accept', await dispute(), '--yes'] }),
  'sandbox open': async () => ({ argv: ['sandbox', 'open', await link()] }),
  'sandbox pay': async () => ({ argv: ['sandbox', 'pay', await link()] }),
  'sandbox clock advance': async () => ({ argv: ['sandbox', 'clock', 'advance', '1m'] }),
  'sandbox disputes open': async () => ({ argv: ['sandbox', 'disputes', 'open', await captured(), '--amount', '10', '--reason', 'faulty_goods'] }),
  'sandbox disputes decide': async () => ({ argv: ['sandbox', 'disputes', 'decide', await dispute(), 'won'] }),
  'sandbox orders seed': async () => ({ argv: ['sandbox', 'orders', 'seed', '--store', 'se-demo', '--count', '2'] }),
};

/** `merchant orders capture --from … --json` → `orders capture --from`. */
const commandOf = (title: string) => title.replace(/^merchant /, '').replace(/ --json$/, '').replace(/ …/g, '');

beforeAll(() => {
  home = tempHome();
}, 60_000);

/** The documents a run printed: one for JSON, one per line for NDJSON. */
function documents(stdout: string, schema: Schema): unknown[] {
  if (schema['x-shape'] === 'ndjson') return stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown);
  return [JSON.parse(stdout) as unknown];
}

describe('--json shapes of write commands and bulk rows', () => {
  const ajv = new Ajv({ allErrors: true, strictTuples: false });
  ajv.addKeyword('x-shape');

  it('every command with a run has a schema, and every schema a run', () => {
    expect(schemas.map((s) => commandOf(s.title)).sort()).toEqual(Object.keys(RUNS).sort());
  });

  it.each(schemas.map((s) => [s.title, s] as const))('%s matches its schema', async (title, schema) => {
    const run = RUNS[commandOf(title)];
    expect(run, `no run for ${title}`).toBeDefined();
    const { argv, options, exit = 0 } = await run!();
    const r = await runCli([...argv, '--json'], { home, ...options });
    expect(r.exitCode, r.stderr).toBe(exit);
    const docs = documents(r.stdout, schema);
    expect(docs.length).toBeGreaterThan(schema['x-shape'] === 'ndjson' ? 1 : 0);
    for (const doc of docs) {
      ajv.validate(schema, doc);
      expect(ajv.errors ?? [], JSON.stringify(ajv.errors)).toEqual([]);
      if (schema.type === 'array') expect((doc as unknown[]).length, 'a list to check items against').toBeGreaterThan(0);
    }
  });

  it.each(schemas.map((s) => [s.title, s] as const))('README documents %s and each of its fields', (title, schema) => {
    const command = commandOf(title);
    const row = jsonSection.split('\n').find((l) => l.startsWith(`| \`${command}\``));
    expect(row, `README "JSON output" has no row for ${command}`).toBeDefined();
    expect(row).toContain(schema['x-shape'] === 'ndjson' ? 'NDJSON' : schema.type === 'array' ? 'list' : 'object');
    for (const field of Object.keys(schema.items?.properties ?? schema.properties ?? {})) expect(row, field).toContain(`\`${field}\``);
  });
});
