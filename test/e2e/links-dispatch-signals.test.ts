/**
 * `links dispatch` stopped by SIGTERM (built binary, fake Kustom: each due message is one distribution
 * request there, slowed down so the signal lands midway): no further message is started, the process
 * exits 143, and the same command again sends the rest — every message sent exactly once. Needs
 * `npm run build` first.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { assertBuilt, spawnCli, startCli, waitUntil } from '../helpers/spawn-cli.js';
import type { FakeKustom } from '../helpers/fake-kustom/index.js';
import { fakeKustomEachTest } from '../helpers/fake-kustom-each-test.js';

beforeAll(() => assertBuilt());

const KEY = 'kco_test_api_FAKEnotAREALdispatch000';
let fake: FakeKustom | undefined;
const fakes = fakeKustomEachTest();

describe('links dispatch stopped by a signal (kustom)', () => {
  it('SIGTERM midway: exit 143; the re-run sends the rest; each message is sent once', { timeout: 60_000 }, async () => {
    fake = await fakes.start({ apiKey: KEY });
    const f = fake;
    const home = tempHome('merchant-signal-dispatch-');
    const env = { NO_COLOR: '1', MERCHANT_BACKEND: 'kustom', MERCHANT_BASE_URL: f.url, MERCHANT_API_KEY: KEY };
    expect((await runCli(['stores', 'add', '--id', 'se-shop', '--name', 'S', '--country', 'SE', '--terms-url', 'https://s.example/terms', '--default'], { home, env })).exitCode).toBe(0);
    const count = 24;
    // Due in a moment; the links are created at a clock a minute earlier, so their messages are scheduled
    // (not sent) however long creating them takes on a loaded machine.
    const due = new Date(Date.now() + 200);
    const createdAt = { now: () => new Date(due.getTime() - 60_000) };
    const rows = Array.from({ length: count }, (_, i) => `se-shop,D-${i + 1},${2000 + i},c${i}@example.com,"name=Cap,price=99,tax=25",email,${due.toISOString()}`);
    const file = join(home, 'links.csv');
    writeFileSync(file, `store,link_reference,reference,email,lines,send,send_at\n${rows.join('\n')}\n`);
    const created = await runCli(['links', 'create', '--from', file], { home, env, clock: createdAt });
    expect(created.exitCode, created.stderr).toBe(0);
    const distributions = (): string[] => f.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/distribution') && r.status >= 200 && r.status < 300).map((r) => r.path);
    expect(distributions()).toEqual([]);
    await waitUntil(() => Date.now() > due.getTime() + 50, 'the messages to fall due', 30_000);

    f.configure({ latencyMs: 60 });
    const run = startCli(['links', 'dispatch', '--json'], { home, env });
    await waitUntil(() => distributions().length >= 3 || run.child.exitCode !== null, 'the first messages');
    run.child.kill('SIGTERM');
    const stopped = await run.done;
    expect(stopped.exitCode, stopped.stderr.slice(-2000)).toBe(143);
    const first = distributions().length;
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(count);

    f.configure({ latencyMs: 0 });
    const rerun = await spawnCli(['links', 'dispatch', '--json'], { home, env });
    expect(rerun.exitCode, rerun.stderr.slice(-2000)).toBe(0);
    const sentNow = JSON.parse(rerun.stdout) as { status: string }[];
    expect(sentNow.filter((m) => m.status === 'sent')).toHaveLength(count - first);
    const all = distributions();
    expect(all).toHaveLength(count);
    expect(new Set(all).size).toBe(count);
    // Nothing is left to send.
    expect(JSON.parse((await spawnCli(['links', 'dispatch', '--json'], { home, env })).stdout)).toEqual([]);
  });
});
