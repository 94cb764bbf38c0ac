/** What README and help say agrees with what the code does: statuses, columns, the sandbox's commands. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LINK_STATUSES } from '../../src/domain/link-lifecycle.js';
import { DEFAULT_COLUMNS } from '../../src/domain/settlement-csv.js';
import { runCli, tempHome } from '../helpers/run-cli.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The backticked names in the first cell of each row of the table after `heading`. */
function firstCells(heading: string): string[] {
  const rest = readme.slice(readme.indexOf(heading));
  const table = rest.slice(rest.indexOf('\n|')).split('\n\n')[0] ?? '';
  return table
    .split('\n')
    .slice(3)
    .map((row) => /^\|\s*`([^`]+)`/.exec(row)?.[1])
    .filter((c): c is string => c !== undefined);
}

describe('README and help agree with the code', () => {
  it('documents the export columns in the order the file has them', async () => {
    expect(firstCells('**Columns** (default: all, in this order')).toEqual(DEFAULT_COLUMNS);
    const home = tempHome();
    const r = await runCli(['settlements', 'export', '--month', '2000-01'], { home });
    expect(r.stdout.split('\r\n')[0]?.split(',')).toEqual(DEFAULT_COLUMNS);
  });

  it('documents every link status, and links list --help names each', async () => {
    const section = readme.slice(readme.indexOf('### Payment links'), readme.indexOf('| Command |', readme.indexOf('### Payment links')));
    for (const status of LINK_STATUSES) expect(section).toContain(`\`${status}\``);
    const help = await runCli(['links', 'list', '--help']);
    for (const status of LINK_STATUSES) expect(help.stdout).toContain(status);
  });

  it('describes every sandbox subcommand in the top-level help', async () => {
    const top = (await runCli(['--help'])).stdout;
    const line = top.split('\n').find((l) => /^\s+sandbox\b/.test(l)) ?? '';
    const sub = (await runCli(['sandbox', '--help'])).stdout;
    const commands = [...sub.matchAll(/^\s{2}(\w+)/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
    expect(commands.length).toBeGreaterThan(5);
    const words = top.slice(top.indexOf(line), top.indexOf(line) + 400).replace(/\s+/g, ' ');
    for (const c of commands) expect(words, c).toContain(c === 'seed' ? 'volume' : c);
  });
});
