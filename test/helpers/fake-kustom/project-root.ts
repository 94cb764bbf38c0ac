/** Locates the project root (the nearest directory with a package.json) and the shared OpenAPI folder beside it. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function findProjectRoot(fromDir: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = path.resolve(fromDir);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`fake-kustom: no package.json above ${fromDir}`);
    dir = parent;
  }
}

/**
 * `<projectRoot>/../shared/reference/openapi` (CI checks the project out with `../shared` beside it). A git
 * worktree one level deeper (e.g. `wt/<branch>`) finds the same folder further up.
 */
export function defaultOpenApiDir(): string {
  const root = findProjectRoot();
  const preferred = path.resolve(root, '../shared/reference/openapi');
  for (let dir = path.dirname(root); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'shared/reference/openapi');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return preferred;
  }
}
