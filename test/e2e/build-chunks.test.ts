/**
 * The built bundle (rolldown.config.js) keeps start-up lazy: what `--help` and every command load first is
 * the static closure of dist/cli/main.js, and it must neither import a heavy package (zod, undici, conf,
 * @inquirer/prompts, better-sqlite3, pg) nor carry one bundled in. Chunks reached by `await import()` are
 * loaded only by the commands that reach them. The source-level rule per command lives in
 * test/unit/architecture/command-import-graph.test.ts; this checks that bundling did not undo it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt } from '../helpers/spawn-cli.js';

const DIST = resolve(import.meta.dirname, '../../dist');
const HEAVY = ['zod', 'undici', 'conf', '@inquirer/prompts', 'better-sqlite3', 'pg'];
/** `import … from "x"`, `export … from "x"` and bare `import "x"` at the top of a chunk. */
const STATIC_IMPORT = /^(?:import|export)\s[^;]*?from\s*"([^"]+)";|^import\s*"([^"]+)";/gm;
const DYNAMIC_IMPORT = /\bimport\("([^"]+)"\)/g;
/** The bundler marks each bundled module with a `// path` line; packages appear as `// node_modules/<name>/…`. */
const BUNDLED_PACKAGE = /^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm;

interface Chunk {
  staticImports: string[];
  dynamicImports: string[];
  bundledPackages: Set<string>;
}

function readChunk(file: string): Chunk {
  const text = readFileSync(file, 'utf8');
  return {
    staticImports: [...text.matchAll(STATIC_IMPORT)].map((m) => m[1] ?? m[2] ?? ''),
    dynamicImports: [...text.matchAll(DYNAMIC_IMPORT)].map((m) => m[1] ?? ''),
    bundledPackages: new Set([...text.matchAll(BUNDLED_PACKAGE)].map((m) => m[1] ?? '')),
  };
}

/** Every file a static import chain from `entry` loads, and the packages it imports or carries. */
function staticClosure(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const chunk = readChunk(file);
    for (const name of chunk.bundledPackages) packages.add(`${name} (bundled)`);
    for (const spec of chunk.staticImports) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else if (!spec.startsWith('node:')) packages.add(spec);
    }
  };
  visit(join(DIST, entry));
  return { files: [...files].map((f) => relative(DIST, f)).sort(), packages: [...packages].sort() };
}

/** Every built module, relative to dist/: the entries and the chunks. */
const builtFiles = (): string[] =>
  ['cli', 'chunks'].flatMap((dir) => readdirSync(join(DIST, dir)).filter((f) => f.endsWith('.js')).map((f) => `${dir}/${f}`));

const isHeavy = (name: string): boolean => HEAVY.some((h) => name === h || name.startsWith(`${h}/`) || name.startsWith(`${h} `));

describe('the bundle keeps heavy packages out of start-up', () => {
  beforeAll(() => assertBuilt());

  it('--version loads one module and no package', () => {
    expect(staticClosure('cli/version.js')).toEqual({ files: ['cli/version.js'], packages: [] });
  });

  it('the entry point (what --help loads) imports and carries no heavy package', () => {
    const { files, packages } = staticClosure('cli/main.js');
    expect(files.length).toBeGreaterThan(1);
    expect(packages.filter(isHeavy)).toEqual([]);
  });

  it('the walk sees what it checks: zod is bundled, into a chunk outside start-up, and heavy packages are imported lazily', () => {
    const files = builtFiles();
    const withZod = files.filter((f) => readChunk(join(DIST, f)).bundledPackages.has('zod'));
    expect(withZod.length).toBeGreaterThan(0);
    const startup = new Set(staticClosure('cli/main.js').files);
    expect(withZod.filter((f) => startup.has(f))).toEqual([]);
    const lazy = files.flatMap((f) => readChunk(join(DIST, f)).dynamicImports);
    expect(lazy).toContain('conf');
  });

  it('every chunk a dynamic import names exists', () => {
    const missing = builtFiles()
      .flatMap((f) => readChunk(join(DIST, f)).dynamicImports.filter((s) => s.startsWith('.')).map((s) => resolve(DIST, dirname(f), s)))
      .filter((file) => !existsSync(file));
    expect(missing).toEqual([]);
  });
});
