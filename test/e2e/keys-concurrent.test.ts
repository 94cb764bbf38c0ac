/** Secrets are read-modify-written: processes adding keys at once must not lose each other's entries. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, spawnCli } from '../helpers/spawn-cli.js';
import { tempHome } from '../helpers/run-cli.js';

beforeAll(() => assertBuilt());

describe('concurrent keys add', () => {
  it('keeps every key added by six processes at once', async () => {
    const home = tempHome();
    const stores = ['s-a', 's-b', 's-c', 's-d', 's-e', 's-f'];
    const runs = await Promise.all(
      stores.map((store, i) => spawnCli(['keys', 'add', '--store', store, '--stdin'], { home, input: `kco_test_api_concurrentFAKE000000000000000${i}\n` })),
    );
    for (const r of runs) expect(r.exitCode, r.stderr).toBe(0);
    const file = JSON.parse(readFileSync(join(home, 'config', 'credentials.json'), 'utf8')) as { entries: { store: string }[] };
    expect(file.entries.map((e) => e.store).sort()).toEqual(stores);
  });
});
