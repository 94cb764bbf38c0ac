// Node 22.1+ can keep V8's compiled code of the bundle between runs (its compile cache), so later runs skip
// most of parsing and compiling it. Node's default folder is shared by every user of the machine's temp
// folder, where another user could place compiled code first; merchant moves money, so it keeps its cache
// only in a folder of its own that this user owns and no one else may read or write, and otherwise runs
// without one. NODE_COMPILE_CACHE (a folder the user chose) and NODE_DISABLE_COMPILE_CACHE are Node's own
// and left to Node. Nothing here may fail a command.
import { lstatSync, mkdirSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function enablePrivateCompileCache(env = process.env) {
  if (typeof module.enableCompileCache !== 'function' || typeof process.getuid !== 'function') return;
  if (env.NODE_COMPILE_CACHE || env.NODE_DISABLE_COMPILE_CACHE) return;
  try {
    const uid = process.getuid();
    const dir = join(tmpdir(), `merchant-compile-cache-${uid}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    if (!stat.isDirectory() || stat.uid !== uid || (stat.mode & 0o077) !== 0) return;
    module.enableCompileCache(dir);
  } catch {
    // Start without the cache.
  }
}
