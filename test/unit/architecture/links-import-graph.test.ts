/**
 * Reading links (`links list`, `links show`, cancel, resend) must not load link creation and zod: start-up
 * time is paid on every command. This walks the static imports (not `import type`, not `await import()`)
 * from each read module and fails when one reaches a module that imports zod or creates links.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../../src');
const STATIC_IMPORT = /^import\s+(?!type\b)[^'"]*?from\s+'([^']+)';/gms;

function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      const spec = match[1] ?? '';
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else seen.add(spec);
    }
  };
  visit(join(SRC, entry));
  return seen;
}

describe('reading links loads neither link creation nor zod', () => {
  it.each(['services/links/manage-links.ts', 'services/links/list-links.ts'])('%s', (entry) => {
    const graph = [...staticGraph(entry)];
    expect(graph.filter((m) => m === 'zod' || m.startsWith('zod/'))).toEqual([]);
    expect(graph.filter((m) => m.endsWith('/services/links/create-link.ts') || m.endsWith('/services/links/link-draft.ts'))).toEqual([]);
  });

  it('the walk sees static imports (a module that does import zod is found)', () => {
    expect(staticGraph('domain/schemas.ts').has('zod')).toBe(true);
  });
});
