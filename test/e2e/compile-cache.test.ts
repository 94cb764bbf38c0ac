/**
 * The binary's compile cache (Node 22.1+; Node 20 has none): kept only in a folder of this user's own in
 * the temp folder, 0700; a folder of that name that others may write, or a symlink, is not used; Node's own
 * settings are left to Node; and whatever the cache's state, the output is the same.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempHome } from '../helpers/run-cli.js';
import { assertBuilt, spawnCli } from '../helpers/spawn-cli.js';

beforeAll(() => assertBuilt());

const nodeHasCache = typeof (module as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const uid = process.getuid?.() ?? -1;
const folderIn = (temp: string): string => join(temp, `merchant-compile-cache-${uid}`);
/** Every file under `dir`, at any depth. */
const filesUnder = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile()) : []);

describe.skipIf(process.platform === 'win32')('the compile cache', () => {
  // One home for every run: the sandbox's stores (and their creation times) are the same each time.
  const home = tempHome();
  const run = (temp: string, env: Record<string, string> = {}) => spawnCli(['stores', 'list', '--json'], { home, env: { TMPDIR: temp, ...env } });

  it(`is kept in a 0700 folder of this user's in the temp folder ${nodeHasCache ? '(this Node has one)' : '(not on this Node)'}, the output the same`, async () => {
    const temp = mkdtempSync(join(tmpdir(), 'merchant-cc-'));
    const first = await run(temp);
    const second = await run(temp);
    const without = await run(mkdtempSync(join(tmpdir(), 'merchant-cc-')), { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stderr).toBe('');
    expect(second).toEqual(first);
    expect(without).toEqual(first);
    if (nodeHasCache) {
      expect(statSync(folderIn(temp)).mode & 0o777).toBe(0o700);
      expect(filesUnder(folderIn(temp)).length).toBeGreaterThan(0);
    } else {
      expect(existsSync(folderIn(temp))).toBe(false);
    }
  });

  it('is not kept in a folder of that name that others may write, nor through a symlink', async () => {
    const open = mkdtempSync(join(tmpdir(), 'merchant-cc-'));
    mkdirSync(folderIn(open));
    chmodSync(folderIn(open), 0o777);
    const linked = mkdtempSync(join(tmpdir(), 'merchant-cc-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'merchant-cc-target-'));
    symlinkSync(elsewhere, folderIn(linked));
    for (const temp of [open, linked]) {
      const r = await run(temp);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
    }
    expect(filesUnder(folderIn(open))).toEqual([]);
    expect(filesUnder(elsewhere)).toEqual([]);
  });

  it("leaves Node's own settings to Node: NODE_DISABLE_COMPILE_CACHE keeps none", async () => {
    const temp = mkdtempSync(join(tmpdir(), 'merchant-cc-'));
    const r = await run(temp, { NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(existsSync(folderIn(temp))).toBe(false);
  });
});
