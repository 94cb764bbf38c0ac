/**
 * `links create --from` stopped by SIGTERM/SIGINT (built binary, fake Kustom: links are created one by
 * one there): no new row is started, the results file names every row, the exit code is 143/130, and the
 * same command again creates the rest — one link per row. Needs `npm run build` first.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { assertBuilt, spawnCli, startCli, waitUntil } from '../helpers/spawn-cli.js';
import type { FakeKustom } from '../helpers/fake-kustom/index.js';
import { fakeKustomEachTest } from '../helpers/fake-kustom-each-test.js';

beforeAll(() => assertBuilt());

const KEY = 'kco_test_api_FAKEnotAREALlinks000';
let fake: FakeKustom | undefined;
const fakes = fakeKustomEachTest();

describe('links create --from stopped by a signal (kustom)', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)('%s: exit %i, every row in the results file, the re-run creates the rest once', { timeout: 60_000 }, async (signal, code) => {
    fake = await fakes.start({ apiKey: KEY });
    const f = fake;
    const home = tempHome('merchant-signal-links-');
    const env = { NO_COLOR: '1', MERCHANT_BACKEND: 'kustom', MERCHANT_BASE_URL: f.url, MERCHANT_API_KEY: KEY };
    expect((await runCli(['stores', 'add', '--id', 'se-shop', '--name', 'S', '--country', 'SE', '--terms-url', 'https://s.example/terms', '--default'], { home, env })).exitCode).toBe(0);
    const rows = Array.from({ length: 30 }, (_, i) => `se-shop,L-${i + 1},${1000 + i},c${i}@example.com,"name=Cap,price=99,tax=25"`);
    const file = join(home, 'links.csv');
    writeFileSync(file, `store,link_reference,reference,email,lines\n${rows.join('\n')}\n`);
    f.configure({ latencyMs: 40 });

    const run = startCli(['links', 'create', '--from', file], { home, env });
    await waitUntil(() => f.state.sessions.size >= 3 || run.child.exitCode !== null, 'the first links');
    run.child.kill(signal);
    const stopped = await run.done;

    expect(stopped.exitCode, stopped.stderr.slice(-2000)).toBe(code);
    expect(f.state.sessions.size).toBeLessThan(rows.length);
    const results = readFileSync(join(home, 'links.results.csv'), 'utf8').trim().split('\n').slice(1);
    expect(results).toHaveLength(rows.length);
    const byResult = (r: string): number => results.filter((line) => line.split(',')[3] === r).length;
    expect(byResult('created')).toBe(f.state.sessions.size);
    expect(byResult('created') + byResult('not_started')).toBe(rows.length);
    expect(stopped.stderr).toContain(`Interrupted (${signal})`);

    f.configure({ latencyMs: 0 });
    const rerun = await spawnCli(['links', 'create', '--from', file], { home, env });
    expect(rerun.exitCode, rerun.stderr.slice(-2000)).toBe(0);
    expect(rerun.stderr).toContain(`${rows.length - byResult('created')} created, ${byResult('created')} already existed, 0 failed`);
    expect(f.state.sessions.size).toBe(rows.length);
  });
});
