/**
 * A bulk run starts loading its backend's code while it reads its input; loading must open nothing: no
 * database, no log, no connection, whatever the backend, and a bad setting is left for backend() to report.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/cli/context.js';
import { resolvePaths } from '../../../src/config/paths.js';

const io = () => ({ stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false, columns: 80 });
const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

/** Every file under `dir`, relative to it. */
const files = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort() : []);

describe('preloading the backend', () => {
  it.each(['sandbox', 'kustom'])('%s: creates no file in the data folder and opens no backend', async (backend) => {
    const home = mkdtempSync(join(tmpdir(), 'merchant-preload-'));
    const env = { MERCHANT_HOME: home, MERCHANT_BACKEND: backend, MERCHANT_API_KEY: 'kco_test_api_FAKEnotAREALkey0000abcd' };
    const before = files(home);
    const ctx = createContext('0.0.0', { io: io(), env });
    ctx.preloadBackend();
    await settle();
    expect(files(home)).toEqual(before);
    expect(files(resolvePaths(env).dataDir)).toEqual([]);
  });

  it('leaves a settings file it cannot read to backend(), which reports it', async () => {
    const home = mkdtempSync(join(tmpdir(), 'merchant-preload-'));
    const env = { MERCHANT_HOME: home };
    const { configFile, configDir } = resolvePaths(env);
    mkdirSync(configDir, { recursive: true });
    writeFileSync(configFile, 'this is = = not [valid');
    const ctx = createContext('0.0.0', { io: io(), env });
    expect(() => ctx.preloadBackend()).not.toThrow();
    await expect(ctx.backend()).rejects.toThrow();
  });
});
