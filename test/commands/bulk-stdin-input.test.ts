/**
 * Bulk capture input from stdin is read as a file is (kept in a private file, read a chunk at a time, twice):
 * the same rows give the same plan and results, and the same bad rows the same message (row and column,
 * each problem once) with exit 2 and nothing captured, whether they come from `--from file`, `--from -` or,
 * for a list of IDs, `-`. The private file is gone once the command returns, whatever happened.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturesPerOrder, seedOrders } from '../helpers/orders.js';
import { runCli, tempHome } from '../helpers/run-cli.js';

/** The data folder's run spools (stdin's file among them) left after a command. */
const spools = (home: string): string[] => (existsSync(join(home, 'data', 'runs')) ? readdirSync(join(home, 'data', 'runs')) : []);

// Each bad input a file can hold: every class of problem the static checks or the reader find.
const BAD_INPUTS: [string, string][] = [
  [
    'bad rows of every kind (amount, empty ID, spaces, lines, URL, too many values), after a blank line that still counts',
    'order_id,amount,lines,tracking_url\nREF-1,12.5.0,,\n\n,10,,\nREF 3,,,\nREF-4,,SKU-1:0,\nREF-5,,,ftp://x\nREF-6,1,SKU-1,https://x.example,extra\n',
  ],
  ['an unknown column', 'order_id,amount,colour\nREF-1,10,red\n'],
  ['a header naming no order column', 'id,amount\nREF-1,10\n'],
  ['a headerless list whose later row has two values', 'REF-1\nREF-2,10\n'],
  ['a headerless list with bad IDs', 'REF-1\n\nREF 2\n# not a comment in a CSV\n'],
  ['a quote never closed', 'order_id,amount\nREF-1,"10\n'],
  ['a quote inside a value', 'order_id,description\nREF-1,say "hi"\n'],
  ['a header and no rows', 'order_id,amount\n'],
  ['nothing at all', ''],
];

describe('bulk capture input from stdin', () => {
  for (const [what, content] of BAD_INPUTS) {
    it(`${what}: the same message from a file and from stdin, exit 2, nothing captured, no file left`, async () => {
      const home = tempHome();
      await seedOrders(home, 2, 'REF');
      const path = join(home, 'bad.csv');
      writeFileSync(path, content);
      const file = await runCli(['orders', 'capture', '--from', path, '--yes', '--json'], { home });
      const stdin = await runCli(['orders', 'capture', '--from', '-', '--yes', '--json'], { home, stdin: content });
      expect(file.exitCode, file.stderr).toBe(2);
      expect(stdin.exitCode, stdin.stderr).toBe(2);
      expect(stdin.stdout).toBe('');
      // Word for word, the input named as what it is.
      expect(stdin.stderr).toBe(file.stderr.split(path).join('stdin'));
      expect(capturesPerOrder(home).size).toBe(0);
      expect(spools(home)).toEqual([]);
    });
  }

  it('bad rows name their rows the same way: every problem listed once, with its row number', async () => {
    const home = tempHome();
    const content = BAD_INPUTS[0]![1];
    const stdin = await runCli(['orders', 'capture', '--from', '-', '--yes'], { home, stdin: content });
    expect(stdin.exitCode).toBe(2);
    for (const row of ['row 2 amount', 'row 4 order_id', 'row 5 order_id', 'row 6 lines', 'row 7 tracking_url', 'row 8']) {
      expect(stdin.stderr.split(`${row}`).length - 1, `${row} in ${stdin.stderr}`).toBeGreaterThanOrEqual(1);
    }
    expect(stdin.stderr).not.toMatch(/row 3\b/);
  });

  it('a list of IDs on stdin (`-`) with bad lines: each named by its line, exit 2, nothing captured', async () => {
    const home = tempHome();
    const ids = await seedOrders(home, 2);
    const r = await runCli(['orders', 'capture', '-', '--yes'], { home, stdin: `${ids[0]}\n\nhas space\n# comment\n${'x'.repeat(256)}\n${ids[1]}\n` });
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/stdin line 3: "has space" contains spaces/);
    expect(r.stderr).toMatch(/stdin line 5: is longer than 255 characters/);
    expect(capturesPerOrder(home).size).toBe(0);
    expect(spools(home)).toEqual([]);
    const empty = await runCli(['orders', 'capture', '-', '--yes'], { home, stdin: '\n# only a comment\n' });
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toMatch(/stdin held no order IDs/);
  });

  it('the same rows give the same plan and the same results from a file and from stdin', async () => {
    const viaFile = tempHome();
    const viaStdin = tempHome();
    await seedOrders(viaFile, 6, 'SAME');
    await seedOrders(viaStdin, 6, 'SAME');
    // References, amounts, lines, a capture reference; a row not found; a blank line; CRLF line ends.
    const content = ['order_id,amount,capture_reference,description', 'SAME-1,100,,', 'SAME-2,,PARCEL-2,', '', 'SAME-3,"12,50",,"a, b"', 'NOPE-1,,,', 'SAME-4,,,'].join('\r\n');
    const planOf = async (home: string, stdin: boolean): Promise<unknown[]> => {
      const plan = join(home, 'plan.json');
      const path = join(home, 'in.csv');
      writeFileSync(path, content);
      const r = await runCli(['orders', 'capture', '--from', stdin ? '-' : path, '--plan-out', plan], { home, ...(stdin ? { stdin: content } : {}) });
      expect(r.exitCode, r.stderr).toBe(0);
      const rows = (JSON.parse(readFileSync(plan, 'utf8')) as { rows: Record<string, unknown>[] }).rows;
      // Order IDs and keys differ between two sandboxes; what each row is and does must not.
      return rows.map((p) => ({ row: p['row'], input: p['input'], classification: p['classification'], amount: p['amount'], currency: p['currency'], capture_reference: p['capture_reference'], reason: p['reason'] }));
    };
    expect(await planOf(viaStdin, true)).toEqual(await planOf(viaFile, false));
    const runOf = async (home: string, stdin: boolean): Promise<unknown[]> => {
      const path = join(home, 'in.csv');
      const r = await runCli(['orders', 'capture', '--from', stdin ? '-' : path, '--yes', '--json'], { home, ...(stdin ? { stdin: content } : {}) });
      expect(r.exitCode, r.stderr).toBe(5);
      const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      rows.sort((a, b) => (a['row'] as number) - (b['row'] as number));
      return rows.map((x) => ({ row: x['row'], input: x['input'], status: x['status'], amount: x['amount'], capture_reference: x['capture_reference'], reason: x['reason'] }));
    };
    const fromStdin = await runOf(viaStdin, true);
    expect(fromStdin).toEqual(await runOf(viaFile, false));
    expect(fromStdin.map((r) => (r as { status: string }).status)).toEqual(['captured', 'captured', 'captured', 'failed', 'captured']);
    expect(spools(viaStdin)).toEqual([]);
  });

  it('stdin in UTF-16 with a byte order mark is read as the same file is; invalid UTF-8 is refused the same way', async () => {
    const home = tempHome();
    await seedOrders(home, 1, 'ENC');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('order_id,amount\nENC-1,12.5.0\n', 'utf16le')]);
    const invalid = Buffer.from([0x6f, 0x72, 0x64, 0x65, 0x72, 0x5f, 0x69, 0x64, 0x0a, 0xc3, 0x28, 0x0a]);
    for (const bytes of [utf16, invalid]) {
      const path = join(home, 'enc.csv');
      writeFileSync(path, bytes);
      const file = await runCli(['orders', 'capture', '--from', path, '--yes'], { home });
      const stdin = await runCli(['orders', 'capture', '--from', '-', '--yes'], { home, stdin: bytes });
      expect(file.exitCode).toBe(2);
      expect(stdin.exitCode).toBe(2);
      expect(stdin.stderr).toBe(file.stderr.split(path).join('stdin'));
    }
    expect(spools(home)).toEqual([]);
  });

  it('--from - with a terminal on stdin is refused before anything is read', async () => {
    const home = tempHome();
    const r = await runCli(['orders', 'capture', '--from', '-', '--yes'], { home, tty: true });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--from - reads the CSV from stdin, but stdin is a terminal/);
  });
});
