/**
 * Start-up time is paid on every command, so a command's static import graph (not `import type`, not
 * `await import()`) must not pull in a heavy package it does not need: zod, undici, conf or
 * @inquirer/prompts. This walks the graph from the entry point, from every command slice and from the
 * read-only link services, and fails when one reaches such a package outside the short list of modules
 * that do need it (each with its reason). Reading links must not load link creation either.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../../src');
/** Static imports and re-exports (`export … from`), and bare `import '…'`; `import type`/`export type` are erased. */
const STATIC_IMPORT = /^(?:import|export)\s+(?!type\b)[^'"]*?from\s+'([^']+)';|^import\s+'([^']+)';/gms;
/** A `require('…')` at a module's top level (column 0) runs when the module loads, like a static import. */
const TOP_LEVEL_REQUIRE = /^(?:const|let|var)\s[^=\n]*=\s*require\('([^']+)'\)/gm;
const HEAVY = ['zod', 'undici', 'conf', '@inquirer/prompts'];

function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const match of [...text.matchAll(STATIC_IMPORT), ...text.matchAll(TOP_LEVEL_REQUIRE)]) {
      const spec = match[1] ?? match[2] ?? '';
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else seen.add(spec);
    }
  };
  visit(join(SRC, entry));
  return seen;
}

/** The heavy packages a module's graph loads (a subpath such as `undici/lib/…` counts as its package). */
const heavyIn = (entry: string): string[] => {
  const modules = [...staticGraph(entry)];
  return HEAVY.filter((h) => modules.some((m) => m === h || m.startsWith(`${h}/`))).sort();
};

/** Modules that load a heavy package on purpose, and why. Everything else loads none. */
const NEEDS: Record<string, { packages: string[]; why: string }> = {
  'cli/commands/links/create-flow.ts': { packages: ['zod'], why: 'validates a link drafted on the terminal' },
  'cli/commands/links/draft-questions.ts': { packages: ['zod'], why: 'checks each answer while drafting a link' },
};

const commandSlices = readdirSync(join(SRC, 'cli/commands'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => readdirSync(join(SRC, 'cli/commands', d.name)).filter((f) => f.endsWith('.ts')).map((f) => `cli/commands/${d.name}/${f}`));

describe('heavy packages stay out of the static import graph of commands that do not need them', () => {
  it('finds the command slices', () => {
    expect(commandSlices.length).toBeGreaterThan(40);
    expect(commandSlices).toContain('cli/commands/links/list.ts');
  });

  it.each(['cli/main.ts', 'services/links/manage-links.ts', 'services/links/list-links.ts', ...commandSlices])('%s', (entry) => {
    expect(heavyIn(entry)).toEqual(NEEDS[entry]?.packages ?? []);
  });

  it.each(['services/links/manage-links.ts', 'services/links/list-links.ts'])('reading links (%s) does not load link creation', (entry) => {
    const graph = [...staticGraph(entry)].map((m) => relative(SRC, m));
    expect(graph.filter((m) => m === 'services/links/create-link.ts' || m === 'services/links/link-draft.ts')).toEqual([]);
  });

  it('the walk sees static imports and re-exports (modules that do load zod and undici are found)', () => {
    expect(heavyIn('domain/schemas.ts')).toContain('zod');
    expect(heavyIn('backends/kustom/kustom-backend.ts')).toContain('undici');
  });

  // node:crypto costs 5-10 ms to load; reads never use it, so the start-up and the sandbox (which every
  // sandbox read opens) take it through infra/lazy-crypto.ts, on first use.
  it.each(['cli/main.ts', 'backends/sandbox/sandbox-backend.ts', 'backends/sandbox/key-access.ts'])('%s loads node:crypto only on first use', (entry) => {
    expect([...staticGraph(entry)].filter((m) => m === 'node:crypto' || m === 'crypto')).toEqual([]);
  });
});
