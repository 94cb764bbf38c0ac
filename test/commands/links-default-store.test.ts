/**
 * A default store (settings/profile) that cannot take links (no terms URL): on a terminal the picker starts
 * on the first store that can, with the default shown disabled and the reason; in a script, without
 * --store, it is a usage error naming --store and the reason, and nothing is created.
 */
import { describe, expect, it } from 'vitest';
import type { Choice } from '../../src/prompts/prompter.js';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { listLinks, TSHIRT, type LinkJson } from '../helpers/links.js';

async function homeWithDefault(store: string): Promise<string> {
  const home = tempHome();
  const set = await runCli(['config', 'set', 'store', store], { home });
  expect(set.exitCode, set.stderr).toBe(0);
  return home;
}

const flags = ['--email', 'a@example.com', '--reference', 'D-1', '--line', TSHIRT, '--send', 'none', '--auto-capture'];

describe('links create with a default store that cannot take links', () => {
  it('a script without --store: usage error (exit 2) naming --store and the reason; nothing created', async () => {
    const home = await homeWithDefault('de-demo');
    for (const json of [[], ['--json']]) {
      const r = await runCli(['links', 'create', ...flags, '--yes', ...json], { home });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain('--store');
      expect(r.stderr).toContain('de-demo');
      expect(r.stderr).toContain('no terms-and-conditions URL');
    }
    const json = JSON.parse((await runCli(['links', 'create', ...flags, '--json'], { home })).stderr) as { error: { kind: string; details: { missing: string[] } } };
    expect(json.error).toMatchObject({ kind: 'usage', details: { missing: ['--store'] } });
    expect(await listLinks(home)).toEqual([]);
  });

  it('with --store naming another store the default does not matter; naming de-demo itself says what is missing', async () => {
    const home = await homeWithDefault('de-demo');
    const ok = await runCli(['links', 'create', '--store', 'se-demo', ...flags, '--yes', '--json'], { home });
    expect(ok.exitCode, ok.stderr).toBe(0);
    const named = await runCli(['links', 'create', '--store', 'de-demo', '--country', 'DE', ...flags, '--yes'], { home });
    expect(named.exitCode).toBe(2);
    expect(named.stderr).toContain('store de-demo has no terms-and-conditions URL');
  });

  it('on a terminal the picker starts on the first store that can take links; the default is disabled with the reason', async () => {
    const home = await homeWithDefault('de-demo');
    let asked: { message: string; choices: readonly Choice<unknown>[]; default?: unknown } | undefined;
    const r = await runCli(['links', 'create', ...flags, '--yes', '--json'], {
      home,
      tty: true,
      overrides: {
        prompter: {
          interactive: true,
          input: async () => '',
          confirm: async () => true,
          password: async () => '',
          select: async <T,>(o: { message: string; choices: readonly Choice<T>[]; default?: T }) => {
            asked = o;
            return o.default as T;
          },
        },
      },
    });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(asked?.message).toContain('the default, de-demo, cannot take links');
    const dflt = asked?.choices.find((c) => c.value === 'de-demo');
    expect(dflt).toMatchObject({ disabled: expect.stringContaining('no terms-and-conditions URL') });
    const first = asked?.choices.find((c) => !('disabled' in c && c.disabled));
    expect(asked?.default).toBe(first?.value);
    expect(r.json<LinkJson & { store_id: string }>().store_id).toBe(first?.value);
  });

  it('a default store that can take links is used without asking', async () => {
    const home = await homeWithDefault('se-demo');
    const r = await runCli(['links', 'create', ...flags, '--yes', '--json'], { home });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json<{ store_id: string }>().store_id).toBe('se-demo');
  });
});
