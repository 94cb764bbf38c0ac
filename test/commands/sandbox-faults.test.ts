/** `sandbox faults set|show|clear`: the stored spec goes through the sandbox's control API; the environment wins. */
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';

describe('sandbox faults', () => {
  it('stores a spec in its normal form, shows it with its source, and clears it', async () => {
    const home = tempHome();
    const set = await runCli(['sandbox', 'faults', 'set', 'seed=7, transient=0.25'], { home });
    expect(set.exitCode, set.stderr).toBe(0);
    expect(set.stderr).toContain('Sandbox faults set: transient=0.25,seed=7');
    expect((await runCli(['sandbox', 'faults', 'show'], { home })).stdout).toBe('transient=0.25,seed=7\tstored\n');
    expect((await runCli(['sandbox', 'faults', 'show', '--json'], { home })).json()).toEqual({
      stored: 'transient=0.25,seed=7',
      environment: null,
      in_force: { transient: 0.25, rate_limited: 0, timeout_after_commit: 0, retry_after_ms: 50, seed: 7 },
      source: 'stored',
    });
    expect((await runCli(['sandbox', 'faults', 'clear'], { home })).exitCode).toBe(0);
    expect((await runCli(['sandbox', 'faults', 'show'], { home })).stdout).toBe('none\tnone\n');
  });

  it('lets MERCHANT_SANDBOX_FAULTS win over the stored spec', async () => {
    const home = tempHome();
    await runCli(['sandbox', 'faults', 'set', 'transient=0.5'], { home });
    const shown = await runCli(['sandbox', 'faults', 'show'], { home, env: { MERCHANT_SANDBOX_FAULTS: 'rate_limited=0.1' } });
    expect(shown.stdout).toBe('rate_limited=0.1\tenvironment\n');
  });

  it('stores nothing for a spec whose shares are all 0', async () => {
    const home = tempHome();
    const r = await runCli(['sandbox', 'faults', 'set', 'transient=0,seed=3'], { home });
    expect(r.stderr).toContain('No faults set (every share was 0).');
    expect((await runCli(['sandbox', 'faults', 'show', '--json'], { home })).json()).toMatchObject({ stored: null, source: 'none' });
  });

  it.each([['transient=2'], ['bogus=1'], ['transient=x'], ['seed=1.5'], ['retry_after_ms=-1']])('refuses %s (exit 2, naming the key) and keeps the stored spec', async (spec) => {
    const home = tempHome();
    await runCli(['sandbox', 'faults', 'set', 'timeout_after_commit=0.1'], { home });
    const r = await runCli(['sandbox', 'faults', 'set', spec], { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`spec.${spec.split('=')[0] ?? ''}`);
    expect((await runCli(['sandbox', 'faults', 'show'], { home })).stdout).toBe('timeout_after_commit=0.1\tstored\n');
  });

  it.each([['show'], ['set', 'transient=0.1'], ['clear']])('faults %s is refused on the kustom backend (a sandbox-only control)', async (...verb) => {
    const r = await runCli(['sandbox', 'faults', ...verb], { home: tempHome(), env: { MERCHANT_BACKEND: 'kustom', MERCHANT_API_KEY: 'kco_test_api_FAKEnotAREALAAAAAAAA' } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('missing capability sandbox.control');
  });
});
