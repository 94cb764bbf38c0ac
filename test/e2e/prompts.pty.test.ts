/** Real prompts in a pseudo-terminal: answered, declined, and interrupted with Ctrl-C. */
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, spawnCli } from '../helpers/spawn-cli.js';
import { KEY, startPty } from '../helpers/pty.js';
import { tempHome } from '../helpers/run-cli.js';

beforeAll(() => assertBuilt());

async function withExtraStore(home: string): Promise<void> {
  const r = await spawnCli(['stores', 'add', '--id', 'extra', '--name', 'Extra', '--country', 'NO'], { home });
  expect(r.exitCode).toBe(0);
}

async function storeCount(home: string): Promise<number> {
  const r = await spawnCli(['stores', 'list', '--json'], { home });
  return (JSON.parse(r.stdout) as unknown[]).length;
}

describe('confirmation prompt on a terminal', () => {
  it('asks before resetting the sandbox and does it on "y"', async () => {
    const home = tempHome();
    await withExtraStore(home);
    const session = startPty(['sandbox', 'reset'], { home });
    await session.waitFor('start over?');
    session.write(`y${KEY.enter}`);
    const { exitCode } = await session.exited;
    expect(exitCode).toBe(0);
    expect(session.screen()).toContain('The sandbox was reset');
    expect(await storeCount(home)).toBe(2);
  });

  it('changes nothing when the answer is no (exit 130)', async () => {
    const home = tempHome();
    await withExtraStore(home);
    const session = startPty(['sandbox', 'reset'], { home });
    await session.waitFor('start over?');
    session.write(`n${KEY.enter}`);
    expect((await session.exited).exitCode).toBe(130);
    expect(session.screen()).toContain('nothing was changed');
    expect(await storeCount(home)).toBe(3);
  });

  it('exits 130 quietly on Ctrl-C', async () => {
    const home = tempHome();
    await withExtraStore(home);
    const session = startPty(['sandbox', 'reset'], { home });
    await session.waitFor('start over?');
    session.write(KEY.ctrlC);
    expect((await session.exited).exitCode).toBe(130);
    expect(session.screen()).not.toMatch(/error|at .*\.js/i);
    expect(await storeCount(home)).toBe(3);
  });
});
