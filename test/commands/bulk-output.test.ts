/**
 * What both bulk commands print: on a terminal a summary and the results file (rows with --verbose);
 * piped, the results file's columns as TSV; --csv the same columns under a header; one row numbering
 * (a spreadsheet's: the header is row 1) in messages and results; the file's columns named in messages.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { capturesPerOrder, seedOrders } from '../helpers/orders.js';
import { BULK_RESULT_FIELDS } from '../../src/output/views/orders-bulk.js';
import { BULK_RESULT_COLUMNS } from '../../src/domain/model/bulk-link-result.js';

const LINKS_HEADER = 'link_reference,reference,email,lines,amount,tax,description';
function linksFile(home: string, rows: string[], name = 'links.csv'): string {
  const file = join(home, name);
  writeFileSync(file, `${[LINKS_HEADER, ...rows].join('\n')}\n`);
  return file;
}
const GOOD_LINKS = ['L-1,1001,anna@example.com,"name=T-shirt,price=125,tax=25",,,', 'L-2,1002,bo@example.com,,499.00,,"School fees, class XII B"'];

function captureFile(home: string, ids: readonly string[]): string {
  const file = join(home, 'shipped.csv');
  writeFileSync(file, `order_id,capture_reference\n${ids.map((id, i) => `${id},SHIP-${i}`).join('\n')}\n`);
  return file;
}

const csvLines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

describe('bulk capture on a terminal', () => {
  it('prints a summary and the results file next to the input, not a row per order; every row is in the file', async () => {
    const home = tempHome();
    const ids = await seedOrders(home, 4);
    const file = captureFile(home, ids);
    const r = await runCli(['orders', 'capture', '--from', file, '--yes'], { home, tty: true });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/4 row\(s\): captured 4, already captured 0, skipped 0, failed 0, unknown 0\. Took \d/);
    const results = join(home, 'shipped.results.csv');
    expect(r.stderr).toContain(`Every row's result: ${results} (--verbose prints them here too)`);
    const lines = csvLines(readFileSync(results, 'utf8'));
    expect(lines[0]).toBe(BULK_RESULT_FIELDS.join(','));
    // Data rows are numbered as a spreadsheet numbers them: the header is row 1.
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4))).toEqual(ids.map((id, i) => [String(i + 2), id, id, 'captured']));
    expect(lines[1]?.split(',')[5]).toBe('299.00');
  });

  it('--verbose adds the table of rows; --json stays NDJSON', async () => {
    const home = tempHome();
    const ids = await seedOrders(home, 2);
    const verbose = await runCli(['orders', 'capture', '--from', captureFile(home, ids.slice(0, 1)), '--yes', '--verbose'], { home, tty: true });
    expect(verbose.exitCode, verbose.stderr).toBe(0);
    expect(verbose.stdout).toContain('Order ID');
    expect(verbose.stdout).toContain(ids[0]);
    // The file is written all the same: the rows on screen are extra.
    expect(verbose.stderr).toContain(`Every row's result: ${join(home, 'shipped.results.csv')}`);
    expect(verbose.stderr).not.toContain('--verbose prints');
    const nd = await runCli(['orders', 'capture', '--from', captureFile(home, ids.slice(1)), '--yes', '--json'], { home, tty: true });
    expect(nd.exitCode, nd.stderr).toBe(0);
    const rows = nd.stdout.trim().split('\n').map((l) => JSON.parse(l) as { row: number; status: string; amount: number });
    expect(rows).toEqual([expect.objectContaining({ row: 2, status: 'captured', amount: 29900 })]);
  });

  it('order IDs as arguments: the results file goes to the data folder; rows are numbered by argument', async () => {
    const home = tempHome();
    const ids = await seedOrders(home, 2);
    const r = await runCli(['orders', 'capture', ...ids, '--yes'], { home, tty: true });
    expect(r.exitCode, r.stderr).toBe(0);
    const folder = join(home, 'data', 'results');
    const [name] = readdirSync(folder);
    expect(name).toMatch(/^capture-.*\.results\.csv$/);
    expect(r.stderr).toContain(join(folder, name ?? ''));
    expect(csvLines(readFileSync(join(folder, name ?? ''), 'utf8')).slice(1).map((l) => l.split(',')[0])).toEqual(['1', '2']);
  });

  it('a default results file that cannot be written is refused before anything is captured', async () => {
    const home = tempHome();
    const ids = await seedOrders(home, 1);
    const file = captureFile(home, ids);
    mkdirSync(join(home, 'shipped.results.csv'));
    const r = await runCli(['orders', 'capture', '--from', file, '--yes'], { home, tty: true });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`cannot write ${join(home, 'shipped.results.csv')}: it is a directory`);
    expect(r.stderr).toContain('--results <file>');
    expect(capturesPerOrder(home).size).toBe(0);
  });

  it('piped: no file unless asked; TSV rows carry the results file\'s columns in its order', async () => {
    const home = tempHome();
    const ids = await seedOrders(home, 3);
    const results = join(home, 'out.csv');
    const r = await runCli(['orders', 'capture', '--from', captureFile(home, ids), '--yes', '--results', results], { home });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(existsSync(join(home, 'shipped.results.csv'))).toBe(false);
    const tsv = csvLines(r.stdout).map((l) => l.split('\t'));
    const file = csvLines(readFileSync(results, 'utf8'));
    expect(tsv.every((cells) => cells.length === BULK_RESULT_FIELDS.length)).toBe(true);
    expect(tsv.map((cells) => cells.join(','))).toEqual(file.slice(1));
    // --csv: the same columns under a header.
    const again = await runCli(['orders', 'capture', '--from', captureFile(home, ids), '--yes', '--csv'], { home });
    const csv = csvLines(again.stdout);
    expect(csv[0]).toBe(BULK_RESULT_FIELDS.join(','));
    expect(csv.slice(1).map((l) => l.split(',')[3])).toEqual(['already_captured', 'already_captured', 'already_captured']);
  });
});

describe('bulk link creation on a terminal and piped', () => {
  it('a terminal gets the summary and the results file; --verbose adds the table', async () => {
    const home = tempHome();
    const file = linksFile(home, GOOD_LINKS);
    const r = await runCli(['links', 'create', '--from', file, '--store', 'se-demo'], { home, tty: true });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/2 created, 0 already existed, 0 failed\. Took \d/);
    expect(r.stderr).toContain(`Every row's result: ${join(home, 'links.results.csv')} (--verbose prints them here too)`);
    const verbose = await runCli(['links', 'create', '--from', file, '--store', 'se-demo', '--verbose'], { home, tty: true });
    expect(verbose.stdout).toContain('Link reference');
    expect(verbose.stdout).toContain('existing');
  });

  it('piped TSV rows are the results file\'s rows, column for column; rows are numbered with the header as row 1', async () => {
    const home = tempHome();
    const r = await runCli(['links', 'create', '--from', linksFile(home, GOOD_LINKS), '--store', 'se-demo'], { home });
    expect(r.exitCode, r.stderr).toBe(0);
    const file = csvLines(readFileSync(join(home, 'links.results.csv'), 'utf8'));
    expect(file[0]).toBe(BULK_RESULT_COLUMNS.join(','));
    const tsv = csvLines(r.stdout).map((l) => l.split('\t'));
    expect(tsv.every((cells) => cells.length === BULK_RESULT_COLUMNS.length)).toBe(true);
    expect(tsv.map((cells) => cells.join(','))).toEqual(file.slice(1));
    expect(tsv.map((cells) => cells[0])).toEqual(['2', '3']);
  });
});

describe('links create --from: amount-only rows (amount, tax columns)', () => {
  it('an amount row becomes one line named by the description, at the standard VAT rate unless tax says otherwise', async () => {
    const home = tempHome();
    const rows = [...GOOD_LINKS, 'L-3,1003,cy@example.com,,100,12,Books'];
    const r = await runCli(['links', 'create', '--from', linksFile(home, rows), '--store', 'se-demo', '--json'], { home });
    expect(r.exitCode, r.stderr).toBe(0);
    const links = await runCli(['links', 'list', '--json'], { home });
    const all = links.json<{ link_reference: string; order_amount: number; order_tax_amount: number; order_lines: { name: string; quantity: number; tax_rate: number }[] }[]>();
    const byRef = new Map(all.map((l) => [l.link_reference, l]));
    expect(byRef.get('L-2')).toMatchObject({ order_amount: 49900, order_lines: [{ name: 'School fees, class XII B', quantity: 1, tax_rate: 2500 }] });
    expect(byRef.get('L-3')).toMatchObject({ order_amount: 10000, order_lines: [{ name: 'Books', tax_rate: 1200 }] });
    expect(byRef.get('L-1')?.order_lines[0]?.name).toBe('T-shirt');
  });

  it.each([
    ['lines and an amount', 'X-1,1,a@example.com,"name=A,price=1,tax=25",10,,', 'row 2 amount: a row has lines or an amount'],
    ['neither lines nor an amount', 'X-1,1,a@example.com,,,,', 'row 2 lines: is empty; give the row lines, or an amount'],
    ['a tax without an amount', 'X-1,1,a@example.com,"name=A,price=1,tax=25",,12,', 'row 2 tax: goes with amount'],
    ['an amount that is not one', 'X-1,1,a@example.com,,12.5.0,,', 'row 2 amount:'],
    ['a zero amount', 'X-1,1,a@example.com,,0,,', 'row 2'],
    ['a tax rate out of range', 'X-1,1,a@example.com,,10,250,', 'row 2 tax:'],
    ['a bad line price', 'X-1,1,a@example.com,"name=A,price=abc,tax=25",,,', 'row 2 lines[1].price:'],
    ['a missing reference', 'X-1,,a@example.com,,10,,', 'row 2 reference:'],
  ])('%s: refused per row, in the file\'s words, with nothing created', async (_name, bad, message) => {
    const home = tempHome();
    const r = await runCli(['links', 'create', '--from', linksFile(home, [GOOD_LINKS[0] ?? '', bad.replace('X-1', 'X-9')].reverse()), '--store', 'se-demo'], { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/--(line|amount|tax|reference)\b/);
    expect(r.stderr).not.toContain('merchant_reference1');
    expect((await runCli(['links', 'list', '--json'], { home })).json<unknown[]>()).toHaveLength(0);
  });

  it('--amount and --tax belong to one link: with --from they are refused', async () => {
    const home = tempHome();
    const r = await runCli(['links', 'create', '--from', linksFile(home, GOOD_LINKS), '--store', 'se-demo', '--amount', '10'], { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--amount');
  });
});
