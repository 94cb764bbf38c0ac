/**
 * Two (here: four) processes writing the sandbox at once must neither corrupt it nor lose a write:
 * WAL, a busy timeout and IMMEDIATE transactions make them queue instead of failing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, spawnCli } from '../helpers/spawn-cli.js';
import { tempHome } from '../helpers/run-cli.js';

beforeAll(() => assertBuilt());

describe('concurrent sandbox writers', () => {
  it('keeps every store added by four processes started at once on a fresh sandbox', async () => {
    const home = tempHome();
    const writers = [0, 1, 2, 3].map((w) =>
      (async () => {
        const results = [];
        for (let i = 0; i < 5; i++) {
          results.push(await spawnCli(['stores', 'add', '--id', `w${w}-s${i}`, '--name', `Writer ${w} store ${i}`, '--country', 'SE'], { home }));
        }
        return results;
      })(),
    );
    const all = (await Promise.all(writers)).flat();
    for (const r of all) expect(r.stderr).not.toContain('error');
    expect(all.every((r) => r.exitCode === 0)).toBe(true);
    const list = await spawnCli(['stores', 'list', '--json'], { home });
    const ids = (JSON.parse(list.stdout) as { id: string }[]).map((s) => s.id);
    expect(ids).toHaveLength(2 + 20);
    const status = await spawnCli(['sandbox', 'status', '--json'], { home });
    expect(JSON.parse(status.stdout)).toMatchObject({ journal_mode: 'wal', counts: { stores: 22 } });
  });

  it('counts every clock advance made by concurrent processes', async () => {
    const home = tempHome();
    await spawnCli(['sandbox', 'status'], { home });
    await Promise.all([0, 1, 2, 3, 4, 5].map(() => spawnCli(['sandbox', 'clock', 'advance', '1h'], { home })));
    const status = await spawnCli(['sandbox', 'status', '--json'], { home });
    expect(JSON.parse(status.stdout)).toMatchObject({ clock_offset_ms: 6 * 3_600_000 });
  });
});
