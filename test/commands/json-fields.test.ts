import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';

describe('--json <fields>', () => {
  it('prints only the named fields of each item of a list, in the order asked', async () => {
    const r = await runCli(['stores', 'list', '--json', 'name,id']);
    expect(r.exitCode).toBe(0);
    const stores = r.json<Record<string, unknown>[]>();
    expect(stores.length).toBeGreaterThan(0);
    for (const s of stores) expect(Object.keys(s)).toEqual(['name', 'id']);
  });

  it('takes the --json=fields spelling and selects from one object', async () => {
    const r = await runCli(['stores', 'show', 'se-demo', '--json=id,ready_for_links']);
    expect(r.exitCode).toBe(0);
    expect(r.json()).toEqual({ id: 'se-demo', ready_for_links: true });
  });

  it('keeps plain --json printing every field', async () => {
    const r = await runCli(['stores', 'show', 'se-demo', '--json']);
    expect(Object.keys(r.json<Record<string, unknown>>()).length).toBeGreaterThan(2);
  });

  it.each([
    ['an unknown field', ['stores', 'list', '--json', 'id,nope'], 'no field "nope"'],
    ['an empty value', ['stores', 'list', '--json', ''], 'name at least one field'],
    ['only commas', ['sandbox', 'clock', 'show', '--json', ',,'], 'name at least one field'],
  ])('lists the available fields for %s (exit 2, JSON error on stderr, nothing on stdout)', async (_what, argv, words) => {
    const r = await runCli(argv);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    const error = JSON.parse(r.stderr) as { error: { message: string; hint: string; details: { available_fields: string[] } } };
    expect(error.error.message).toContain(words);
    expect(error.error.message).toContain('Available fields:');
    expect(error.error.details.available_fields.length).toBeGreaterThan(1);
    // The example works for this output: it names two of its own fields.
    const example = /--json (\S+)/.exec(error.error.hint)?.[1]?.split(',') ?? [];
    expect(example).toHaveLength(2);
    for (const field of example) expect(error.error.details.available_fields).toContain(field);
  });

  it('selects per NDJSON line and per item on commands that write', async () => {
    const home = tempHome();
    const r = await runCli(['sandbox', 'clock', 'advance', '1h', '--json', 'sandbox_time'], { home });
    expect(r.exitCode).toBe(0);
    expect(Object.keys(r.json<Record<string, unknown>>())).toEqual(['sandbox_time']);
  });
});

describe('--json keeps stderr for the JSON error document only', () => {
  it('prints no human notes on stderr for a command that succeeds', async () => {
    const home = tempHome();
    const r = await runCli(['links', 'create', '--store', 'se-demo', '--email', 'a@example.com', '--reference', 'R-1', '--line', 'name=Tee,price=100,tax=25', '--yes', '--json'], { home });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('writes one parseable error document for a failure', async () => {
    const r = await runCli(['stores', 'show', 'nope', '--json']);
    expect(r.exitCode).toBe(3);
    expect(() => JSON.parse(r.stderr)).not.toThrow();
  });
});
