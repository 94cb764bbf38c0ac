/**
 * `links create --from -`: the CSV comes from stdin, kept in a private file and read as a file is, so the
 * same rows create the same links (a re-run reports them `existing`), the same bad rows get the same
 * message (the input named `stdin`) with exit 2 and nothing created, and a terminal on stdin is refused
 * before anything is read. The private file is gone once the command returns, whatever happened.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listLinks } from '../helpers/links.js';
import { runCli, tempHome } from '../helpers/run-cli.js';

const HEADER = 'store,link_reference,reference,email,phone,lines,amount,send,auto_capture,notes';
const GOOD = `${HEADER}\nse-demo,S-1,1001,anna@example.com,,"name=T-shirt,qty=2,price=125,tax=25",,,,\n,S-2,1002,,+46701234567,,99.50,sms,yes,a=1\n\nse-demo,S-3,1003,carl@example.com,,"name=Book,price=200,tax=6",,none,no,\n`;

/** What stdin's private file and the run's spools leave in the data folder after a command. */
const spools = (home: string): string[] => (existsSync(join(home, 'data', 'runs')) ? readdirSync(join(home, 'data', 'runs')) : []);
const resultFiles = (home: string): string[] => (existsSync(join(home, 'data', 'results')) ? readdirSync(join(home, 'data', 'results')) : []);

// Each class of problem: in a row (validation), in the file's shape (CSV, columns, long row, no rows).
const BAD_INPUTS: [string, string][] = [
  ['bad rows of every kind, after a blank line that still counts', `${HEADER}\nse-demo,B-1,1,not-an-email,,"name=Cap,price=abc,tax=25",,,,\n\n,,2,a@b.example,,,,,,\nse-demo,B-1,3,a@b.example,,"name=A,price=1,tax=25",5,,maybe,x\n`],
  ['an unknown column', 'store,link_ref\nse-demo,x\n'],
  ['a row with more values than the header', 'store,link_reference\nse-demo,L-1,extra\n'],
  ['a quote never closed', 'store,link_reference,reference\nse-demo,"L-1,1\n'],
  ['a quote inside a value', 'store,link_reference,description\nse-demo,L-1,say "hi"\n'],
  ['a header and no rows', `${HEADER}\n`],
  ['nothing at all', ''],
];

describe('merchant links create --from - (stdin)', () => {
  it('creates the same links as from a file; the results go to the data folder; a re-run reports them existing', async () => {
    const home = tempHome();
    const r = await runCli(['links', 'create', '--from', '-', '--store', 'se-demo'], { home, stdin: GOOD });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('3 created, 0 already existed, 0 failed');
    const links = await listLinks(home);
    expect(links.map((l) => l.link_reference).sort()).toEqual(['S-1', 'S-2', 'S-3']);
    expect(links.find((l) => l.link_reference === 'S-2')).toMatchObject({ order_amount: 9950, channel: 'sms', auto_capture: true });
    const [results, ...more] = resultFiles(home);
    expect(more).toEqual([]);
    expect(results).toMatch(/^links-.*\.results\.csv$/);
    const lines = readFileSync(join(home, 'data', 'results', results!), 'utf8').trim().split('\n');
    expect(lines.map((l) => l.split(',').slice(0, 4).join(','))).toEqual(['row,link_reference,store,result', '2,S-1,se-demo,created', '3,S-2,se-demo,created', '5,S-3,se-demo,created']);
    expect(spools(home)).toEqual([]);

    const again = await runCli(['links', 'create', '--from', '-', '--store', 'se-demo', '--json', '--results', join(home, 'again.json')], { home, stdin: GOOD });
    expect(again.exitCode).toBe(0);
    const rows = again.stdout.trim().split('\n').map((l) => JSON.parse(l) as { row: number; result: string });
    expect(rows.map((x) => [x.row, x.result])).toEqual([[2, 'existing'], [3, 'existing'], [5, 'existing']]);
    expect(await listLinks(home)).toHaveLength(3);

    // The same rows from a file in another home: the same results, row for row.
    const other = tempHome();
    const path = join(other, 'links.csv');
    writeFileSync(path, GOOD);
    const viaFile = await runCli(['links', 'create', '--from', path, '--store', 'se-demo'], { home: other });
    expect(viaFile.exitCode).toBe(0);
    const fromFile = readFileSync(join(other, 'links.results.csv'), 'utf8').trim().split('\n');
    expect(fromFile.map((l) => l.split(',').slice(0, 4).join(','))).toEqual(lines.map((l) => l.split(',').slice(0, 4).join(',')));
  });

  it('--dry-run from stdin validates every row, creates nothing and writes no results file', async () => {
    const home = tempHome();
    const dry = await runCli(['links', 'create', '--from', '-', '--store', 'se-demo', '--dry-run'], { home, stdin: GOOD });
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stderr).toContain('all 3 rows are valid');
    expect(await listLinks(home)).toEqual([]);
    expect(resultFiles(home)).toEqual([]);
    expect(spools(home)).toEqual([]);
  });

  it('a large input on stdin (several read chunks, quoted values) is read whole, every row numbered as in a file', async () => {
    const home = tempHome();
    const rows = Array.from({ length: 3_000 }, (_, i) => `se-demo,M-${i},${i},m${i}@example.com,,"name=Tröja ${i},price=10,tax=25",,,,${i % 2 === 0 ? '"a=1;b=two, three"' : ''}`);
    // A bad row at the very end: found only if every row was read (and named by its number in the file).
    const content = `${HEADER}\n${rows.join('\n')}\nse-demo,M-0,x,bad@,,"name=A,price=1,tax=25",,,,\n`;
    expect(Buffer.byteLength(content)).toBeGreaterThan(1 << 16);
    const r = await runCli(['links', 'create', '--from', '-', '--store', 'se-demo', '--dry-run'], { home, stdin: content });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('row 3002 link_reference: M-0 is also on row 2');
    const good = await runCli(['links', 'create', '--from', '-', '--store', 'se-demo', '--dry-run'], { home, stdin: `${HEADER}\n${rows.join('\n')}\n` });
    expect(good.exitCode, good.stderr).toBe(0);
    expect(good.stderr).toContain('all 3000 rows are valid');
    expect(spools(home)).toEqual([]);
  });

  it('a terminal on stdin is refused (exit 2) before anything is read or created', async () => {
    const home = tempHome();
    const r = await runCli(['links', 'create', '--from', '-', '--store', 'se-demo'], { home, tty: true, stdin: GOOD });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--from - reads the CSV from stdin, but stdin is a terminal; pipe a file in.');
    expect(await listLinks(home)).toEqual([]);
    expect(spools(home)).toEqual([]);
  });

  for (const [what, content] of BAD_INPUTS) {
    it(`${what}: the same message from a file and from stdin, exit 2, nothing created, no file left`, async () => {
      const home = tempHome();
      const path = join(home, 'bad.csv');
      writeFileSync(path, content);
      const file = await runCli(['links', 'create', '--from', path, '--store', 'se-demo'], { home });
      const stdin = await runCli(['links', 'create', '--from', '-', '--store', 'se-demo'], { home, stdin: content });
      expect(file.exitCode, file.stderr).toBe(2);
      expect(stdin.exitCode, stdin.stderr).toBe(2);
      expect(stdin.stdout).toBe('');
      expect(stdin.stderr).toBe(file.stderr.split(path).join('stdin'));
      expect(await listLinks(home)).toEqual([]);
      expect(spools(home)).toEqual([]);
      expect(resultFiles(home)).toEqual([]);
    });
  }

  it('bad rows from stdin are each named by row and column', async () => {
    const r = await runCli(['links', 'create', '--from', '-', '--store', 'se-demo'], { stdin: BAD_INPUTS[0]![1] });
    expect(r.exitCode).toBe(2);
    for (const named of ['row 2 email:', 'row 2 lines[1].price:', 'row 4 link_reference: is required', 'row 5 link_reference: B-1 is also on row 2']) expect(r.stderr).toContain(named);
    expect(r.stderr).toContain('Nothing was created');
  });
});
