/** The built binary, spawned as a separate process: what a new user or a CI job sees. */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { assertBuilt, spawnCli } from '../helpers/spawn-cli.js';
import { tempHome } from '../helpers/run-cli.js';

beforeAll(() => assertBuilt());

describe('bin/merchant.js', () => {
  it('prints help with examples and exits 0', async () => {
    const r = await spawnCli(['--help'], { home: tempHome() });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Usage: merchant');
    expect(r.stdout).toContain('Examples:');
  });

  it('prints the package version', async () => {
    const r = await spawnCli(['--version'], { home: tempHome() });
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('prints JSON on a pipe, with nothing on stderr', async () => {
    const r = await spawnCli(['stores', 'list', '--json'], { home: tempHome() });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { id: string }[]).map((s) => s.id)).toEqual(['de-demo', 'se-demo']);
  });

  it('exits 2 on an unknown flag, with the error on stderr only', async () => {
    const r = await spawnCli(['stores', 'list', '--nope'], { home: tempHome() });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("unknown option '--nope'");
  });

  it('refuses to prompt when not on a terminal, naming the flag', async () => {
    const r = await spawnCli(['sandbox', 'reset'], { home: tempHome() });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--yes');
  });
});
