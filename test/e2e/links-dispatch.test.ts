/** Two `links dispatch` processes at once (as two overlapping cron runs would be) send each message once. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { createLink } from '../helpers/links.js';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'merchant.js');

describe('merchant links dispatch, twice at once', () => {
  it('sends every due message exactly once', async () => {
    const home = tempHome();
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const count = 12;
    for (let i = 0; i < count; i++) await createLink(home, ['--send', 'email', '--send-at', at, '--reference', `D-${i}`]);
    await runCli(['sandbox', 'clock', 'advance', '2h'], { home });
    const env = { ...process.env, MERCHANT_HOME: home, NO_COLOR: '1' };
    const [a, b] = await Promise.all([run(process.execPath, [BIN, 'links', 'dispatch', '--json'], { env }), run(process.execPath, [BIN, 'links', 'dispatch', '--json'], { env })]);
    const sentA = JSON.parse(a.stdout) as { message_id: string }[];
    const sentB = JSON.parse(b.stdout) as { message_id: string }[];
    const all = [...sentA, ...sentB].map((m) => m.message_id);
    expect(all).toHaveLength(count);
    expect(new Set(all).size).toBe(count);
    const outbox = (await runCli(['sandbox', 'outbox', '--json'], { home })).json<{ message_id: string }[]>();
    expect(outbox).toHaveLength(count);
    expect((await runCli(['links', 'dispatch', '--json'], { home })).json()).toEqual([]);
  });
});
