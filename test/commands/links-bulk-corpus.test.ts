/**
 * A corpus of malformed `links create --from` rows — money, dates, emails, phones, booleans, lines, very
 * long cells — in files saved the ways spreadsheets save them (BOM, CRLF, semicolons, blank lines).
 * Every problem is one message line `row N <column>…: <rule>` naming a column of the file (never an API
 * field), values are echoed cut, the run exits 2 and nothing is created.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BULK_COLUMNS } from '../../src/services/links/bulk-create-links.js';
import { runCli, tempHome } from '../helpers/run-cli.js';

const LINE = 'name=A,price=10,tax=25';
const HEADER = ['link_reference', 'reference', 'email', 'phone', 'lines', 'amount', 'tax', 'send', 'send_at', 'expires_in', 'auto_capture', 'notes'];
/** [what, the row's values by column]; every row is bad in exactly the way named. */
const BAD: [string, Partial<Record<(typeof HEADER)[number], string>>][] = [
  ['both separators in an amount', { amount: '1,234.50' }],
  ['too many decimals', { amount: '12.345' }],
  ['a zero amount', { amount: '0' }],
  ['a negative amount', { amount: '-5' }],
  ['NaN', { amount: 'NaN' }],
  ['an exponent', { amount: '1e3' }],
  ['a leading plus', { amount: '+5' }],
  ['a tax over 100', { amount: '10', tax: '250' }],
  ['a line price in words', { lines: 'name=A,price=ten,tax=25' }],
  ['a line without tax', { lines: 'name=A,price=10' }],
  ['a free line alone', { lines: 'name=A,price=0,tax=25' }],
  ['an email without a domain', { email: 'anna@' }],
  ['two @ in an email', { email: 'a@@b.se' }],
  ['a short phone', { email: '', phone: '123', send: 'sms' }],
  ['letters in a phone', { email: '', phone: '+46abc', send: 'sms' }],
  ['a send_at that is no date', { send: 'email', send_at: '2026-13-45' }],
  ['a send_at in the past', { send: 'email', send_at: '2001-01-01T00:00:00Z' }],
  ['an expiry over 48 h', { expires_in: '49h' }],
  ['an expiry in words', { expires_in: 'tomorrow' }],
  ['auto_capture not a boolean', { auto_capture: 'maybe' }],
  ['an unknown send channel', { send: 'fax' }],
  ['sms without a phone', { send: 'sms' }],
  ['a note without =', { notes: 'justtext' }],
  ['a 100,000-character reference', { reference: '9'.repeat(100_000) }],
  ['a control character in a reference', { reference: 'R\u0007' }],
  ['a bidi override in a line name', { lines: 'name=A\u202Eb,price=10,tax=25' }],
];

const csvCell = (v: string, sep: string) => (v.includes(sep) || v.includes('"') || v.includes('\n') ? `"${v.replace(/"/g, '""')}"` : v);

function file(home: string, name: string, sep: string, eol: string, bom: boolean): string {
  const rows = BAD.map(([, values], i) => {
    const row: Record<string, string> = { link_reference: `C-${i}`, reference: `R-${i}`, email: 'a@example.com', phone: '', lines: values.amount !== undefined ? '' : LINE, ...values };
    return HEADER.map((c) => csvCell(row[c] ?? '', sep)).join(sep);
  });
  // Blank lines between rows are skipped, and do not shift the row numbers of the rows after them.
  const text = [HEADER.join(sep), ...rows.flatMap((r, i) => (i === 3 ? [r, ''] : [r]))].join(eol) + eol;
  const path = join(home, name);
  writeFileSync(path, `${bom ? '\uFEFF' : ''}${text}`);
  return path;
}

describe('links create --from with a corpus of bad rows', () => {
  it.each([
    ['comma, LF', ',', '\n', false],
    ['semicolon, CRLF, BOM', ';', '\r\n', true],
    ['tab, CRLF', '\t', '\r\n', false],
  ])('%s: every bad row named by row and file column, exit 2, nothing created', async (_how, sep, eol, bom) => {
    const home = tempHome();
    const r = await runCli(['links', 'create', '--from', file(home, 'bad.csv', sep, eol, bom), '--store', 'se-demo', '--yes'], { home });
    expect(r.exitCode, r.stderr).toBe(2);
    const problems = r.stderr.split('\n').filter((l) => l.startsWith('  - ')).map((l) => l.slice(4));
    const rowsNamed = new Set(problems.map((p) => Number(/^row (\d+) /.exec(p)?.[1])));
    // Row numbers as a spreadsheet numbers them: the header is row 1; the blank line after the 4th data row is row 6.
    const expected = BAD.map((_, i) => (i <= 3 ? i + 2 : i + 3));
    expect([...rowsNamed].sort((a, b) => a - b), r.stderr).toEqual(expected);
    for (const p of problems) {
      const column = /^row \d+ ([a-z_0-9]+)/.exec(p)?.[1];
      expect(BULK_COLUMNS as readonly string[], p).toContain(column);
      expect(p.length, 'values are echoed cut').toBeLessThan(400);
    }
    expect(r.stdout).toBe('');
    expect((await runCli(['links', 'list', '--json'], { home })).json<unknown[]>()).toEqual([]);
  });

  it('quoted line breaks inside a cell are refused naming the row and column', async () => {
    const home = tempHome();
    const path = join(home, 'nl.csv');
    writeFileSync(path, `link_reference,reference,email,lines\nQ-1,R-1,a@example.com,"name=A\nB,price=10,tax=25"\n`);
    const r = await runCli(['links', 'create', '--from', path, '--store', 'se-demo', '--yes'], { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('row 2 lines[1].name: must be one line');
  });

  it('a Latin-1 file is refused naming the file and the encoding', async () => {
    const home = tempHome();
    const path = join(home, 'latin1.csv');
    writeFileSync(path, Buffer.concat([Buffer.from('link_reference,reference,email,lines\nL-1,R-1,a@example.com,"name='), Buffer.from([0xc5]), Buffer.from(',price=10,tax=25"\n')]));
    const r = await runCli(['links', 'create', '--from', path, '--store', 'se-demo', '--yes'], { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${path} is not valid UTF-8 text`);
  });
});

describe('both bulk commands number rows past blank lines as a spreadsheet does', () => {
  it('orders capture --from: a bad row after a blank line is named by its spreadsheet row', async () => {
    const home = tempHome();
    const path = join(home, 'capture.csv');
    writeFileSync(path, 'order_id,amount\r\nO-1,10.00\r\n\r\nO-2,ten\r\n');
    const r = await runCli(['orders', 'capture', '--from', path, '--yes'], { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('row 4 amount');
  });

  it('links create --from: the same file shape, the same row', async () => {
    const home = tempHome();
    const path = join(home, 'links.csv');
    writeFileSync(path, `link_reference,reference,email,amount\r\nB-1,R-1,a@example.com,10\r\n\r\nB-2,R-2,a@example.com,12.345\r\n`);
    const r = await runCli(['links', 'create', '--from', path, '--store', 'se-demo', '--yes'], { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('row 4 amount');
  });
});
