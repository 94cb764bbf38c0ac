/**
 * `keys rotate` verifies the new key on a backend the context builds for that key: the same factory as
 * every other backend of the run (so tests' and the registry's wiring apply), and closed afterwards.
 */
import { describe, expect, it } from 'vitest';
import { createSandboxBackend } from '../../src/backends/sandbox/sandbox-backend.js';
import type { BackendDeps } from '../../src/backends/registry.js';
import { runCli, tempHome } from '../helpers/run-cli.js';

async function issue(home: string, asKey?: string): Promise<string> {
  const r = await runCli(['keys', 'create', '--role', 'admin', '--store', 'se-demo'], { home, env: asKey ? { MERCHANT_API_KEY: asKey } : {} });
  expect(r.exitCode, r.stderr).toBe(0);
  return r.stdout.trim();
}

describe('keys rotate verification', () => {
  it('goes through the context backend factory with the new key, and closes that backend', async () => {
    const home = tempHome();
    const first = await issue(home);
    const second = await issue(home, first);
    await runCli(['keys', 'add', '--store', 'se-demo', '--stdin'], { home, stdin: first });
    const built: { secret: string | undefined; closed: boolean }[] = [];
    const backendFactory = async (deps: BackendDeps) => {
      const backend = await createSandboxBackend(deps);
      const record = { secret: deps.credential?.secret(), closed: false };
      built.push(record);
      return {
        ...backend,
        close: async () => {
          record.closed = true;
          await backend.close();
        },
      };
    };
    const r = await runCli(['keys', 'rotate', '--store', 'se-demo', '--stdin', '--json'], { home, stdin: second, overrides: { backendFactory } });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(built).toEqual([{ secret: second, closed: true }]);
    expect(r.json()).toMatchObject({ verified: { ok: true, backend: 'sandbox' } });
  });

  it('a key the factory-built backend refuses is not stored (exit 4), and that backend is closed too', async () => {
    const home = tempHome();
    const first = await issue(home);
    await runCli(['keys', 'add', '--store', 'se-demo', '--stdin'], { home, stdin: first });
    let closed = 0;
    const backendFactory = async (deps: BackendDeps) => {
      const backend = await createSandboxBackend(deps);
      return { ...backend, close: async () => void (closed += 1, await backend.close()) };
    };
    const r = await runCli(['keys', 'rotate', '--store', 'se-demo', '--stdin'], { home, stdin: 'kco_test_api_FakeNotIssuedByThisSandbox0', overrides: { backendFactory } });
    expect(r.exitCode).toBe(4);
    expect(closed).toBe(1);
    expect((await runCli(['auth', 'status', '--json'], { home })).json()).toMatchObject({ masked: `kco_test_api_…${first.slice(-4)}` });
  });
});
