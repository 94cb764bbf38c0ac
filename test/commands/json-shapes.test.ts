/**
 * Every documented `--json` shape, checked by a JSON Schema per command (test/fixtures/json-schemas) against
 * the real output, and against README "JSON output" (each command and each of its fields is listed there).
 * A list is always a bare JSON array of items; an object is one record.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';

const dir = new URL('../fixtures/json-schemas/', import.meta.url);
const schemas = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { title: string; type: string; items?: { properties: Record<string, unknown> }; properties?: Record<string, unknown> });
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const jsonSection = readme.slice(readme.indexOf('## JSON output'), readme.indexOf('## Exit codes'));

let home: string;
let ids: { link: string; order: string };
beforeAll(async () => {
  home = tempHome();
  await runCli(['sandbox', 'seed', '--transactions', '200', '--months', '1', '--seed', '7'], { home });
  const link = await runCli(['links', 'create', '--store', 'se-demo', '--email', 'a@example.com', '--reference', 'R1', '--line', 'name=Tee,price=100,tax=25', '--yes', '--json'], { home });
  const [order] = (await runCli(['sandbox', 'orders', 'seed', '--store', 'se-demo', '--count', '1', '--json'], { home })).json<{ order_id: string }[]>();
  await runCli(['orders', 'capture', order!.order_id, '--amount', '10', '--yes'], { home });
  ids = { link: link.json<{ link_id: string }>().link_id, order: order!.order_id };
}, 120_000);

/** `merchant orders show --json` → the argv, with a real ID where the command takes one. */
function argvOf(title: string): string[] {
  const words = title.replace(/^merchant /, '').replace(/ --json$/, '').split(' ');
  const arg = title.startsWith('merchant links show') ? [ids.link] : /orders (show|timeline)/.test(title) ? [ids.order] : title.startsWith('merchant stores show') ? ['se-demo'] : [];
  return [...words, ...arg, '--json'];
}

describe('--json shapes', () => {
  const ajv = new Ajv({ allErrors: true });
  it.each(schemas.map((s) => [s.title, s] as const))('%s matches its schema', async (_title, schema) => {
    const r = await runCli(argvOf(schema.title), { home });
    expect(r.exitCode, r.stderr).toBe(0);
    const doc = r.json();
    const valid = ajv.validate(schema, doc);
    expect(ajv.errors ?? [], JSON.stringify(ajv.errors)).toEqual([]);
    expect(valid).toBe(true);
    if (schema.type === 'array') expect((doc as unknown[]).length, 'a list to check items against').toBeGreaterThan(0);
  });

  it.each(schemas.map((s) => [s.title, s] as const))('README documents %s and each of its fields', (title, schema) => {
    const command = title.replace(/^merchant /, '').replace(/ --json$/, '');
    const row = jsonSection.split('\n').find((l) => l.startsWith(`| \`${command}\``));
    expect(row, `README "JSON output" has no row for ${command}`).toBeDefined();
    expect(row).toContain(schema.type === 'array' ? 'list' : 'object');
    for (const field of Object.keys(schema.items?.properties ?? schema.properties ?? {})) expect(row, field).toContain(`\`${field}\``);
  });
});
