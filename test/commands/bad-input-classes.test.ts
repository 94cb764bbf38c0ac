/**
 * Every kind of bad input a person or a file can give, as classes: each is refused with the field named,
 * exit 2, and nothing changed — whichever field, flag or file it arrives in.
 */
import { mkdirSync, mkdtempSync, writeFileSync, chmodSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { listLinks } from '../helpers/links.js';

const BASE = ['links', 'create', '--store', 'se-demo', '--email', 'a@b.example', '--reference', 'R-1', '--yes', '--json'];
const LINE = 'name=Hat,ref=H1,price=10,tax=25';

const BAD_TEXT = {
  'a control character': 'Bad\u0007bell',
  'a newline': 'two\nlines',
  'a bidi override': 'abc\u202Eevil',
  'only zero-width characters': '\u200B\u200B',
  'an escape sequence': 'red\u001b[31m',
} as const;

/** Each text field of a link, with the flags that carry the bad value into it and the field the error names. */
const FIELDS: [string, (bad: string) => string[], RegExp][] = [
  ['line name', (bad) => ['--line', `name=${bad},price=10,tax=25`], /line\[1\]\.name/],
  ['line reference', (bad) => ['--line', `name=Hat,ref=${bad},price=10,tax=25`], /line\[1\]\.ref/],
  ['merchant reference 2', (bad) => ['--line', LINE, '--reference2', bad], /merchant_reference2/],
  ['description', (bad) => ['--line', LINE, '--description', bad], /description/],
  ['note value', (bad) => ['--line', LINE, '--note', `k=${bad}`], /notes\.k/],
  ['email', (bad) => ['--line', LINE, '--phone', '+46701234567', '--email', `x${bad}@b.example`], /email/],
  ['amount-only description', (bad) => ['--amount', '10', '--description', bad], /description|amount\.name/],
];

describe('text fields refuse control characters, newlines, bidi overrides and invisible-only values', () => {
  for (const [field, flags, named] of FIELDS) {
    for (const [kind, bad] of Object.entries(BAD_TEXT)) {
      it(`${field}: ${kind}`, async () => {
        const home = tempHome();
        const args = [...BASE.filter((a, i, all) => !(a === '--email' && flags(bad).includes('--email')) && !(all[i - 1] === '--email' && flags(bad).includes('--email'))), ...flags(bad)];
        const r = await runCli(args, { home });
        expect(r.exitCode).toBe(2);
        expect(r.stderr).toMatch(named);
        expect(await listLinks(home)).toEqual([]);
      });
    }
  }

  it('a store name from stores add', async () => {
    const r = await runCli(['stores', 'add', '--id', 'shop-x', '--name', 'Shop\u202Ex', '--country', 'SE', '--currency', 'SEK']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/name: must not contain bidirectional/);
  });

  it('a JSON lines file and a CSV lines file get the same rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lines-'));
    const json = join(dir, 'lines.json');
    writeFileSync(json, JSON.stringify([{ type: 'physical', name: 'Hat\nX', quantity: 1, unit_price: 1000, tax_rate: 2500 }]));
    const csv = join(dir, 'lines.csv');
    writeFileSync(csv, 'name,price,tax\n"Hat\u0007",10,25\n');
    for (const file of [json, csv]) {
      const home = tempHome();
      const r = await runCli([...BASE, '--lines-file', file], { home });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/name: must (be one line|not contain control characters)/);
      expect(await listLinks(home)).toEqual([]);
    }
  });

  it('a 100,000-character value is echoed cut, not whole', async () => {
    const huge = 'x'.repeat(100_000);
    const r = await runCli([...BASE.filter((a) => a !== 'a@b.example' && a !== '--email'), '--email', huge, '--line', LINE]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('(100000 characters)');
    expect(r.stderr.length).toBeLessThan(2000);
  });
});

describe('a link whose total is 0', () => {
  it('is refused with the totals shown', async () => {
    const home = tempHome();
    const r = await runCli([...BASE, '--line', 'name=Hat,price=100,tax=25', '--discount', '100']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/order_amount: the total is 0\.00 SEK \(lines 100\.00 SEK, discounts −100\.00 SEK\); there is nothing to pay/);
    expect(await listLinks(home)).toEqual([]);
  });

  it('a free line alone is refused too', async () => {
    const r = await runCli([...BASE, '--line', 'name=Gift,price=0,tax=25']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/the total is 0\.00 SEK/);
  });
});

describe('amount-only links', () => {
  it('one line named by the description, at the standard VAT rate, shown in the review', async () => {
    const home = tempHome();
    const dry = await runCli(['links', 'create', '--store', 'se-demo', '--email', 'a@b.example', '--reference', 'F-1', '--amount', '499.00', '--description', 'School fees, class XII B', '--dry-run'], { home });
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toMatch(/School fees, class XII B\s+-\s+physical\s+1\s+499\.00 SEK\s+25 ?%\s+499\.00 SEK/);
    const r = await runCli(['links', 'create', '--store', 'se-demo', '--email', 'a@b.example', '--reference', 'F-1', '--amount', '499.00', '--description', 'School fees, class XII B', '--yes'], { home });
    expect(r.exitCode).toBe(0);
    const [link] = await listLinks(home);
    expect(link?.order_lines.map((l) => [l.name, l.quantity, l.unit_price, l.tax_rate, l.total_tax_amount])).toEqual([['School fees, class XII B', 1, 49900, 2500, 9980]]);
  });

  it('--tax overrides the standard rate; --tax without --amount and --amount with --line are refused', async () => {
    const home = tempHome();
    const ok = await runCli([...BASE, '--amount', '100', '--description', 'Fee', '--tax', '0'], { home });
    expect(ok.exitCode).toBe(0);
    expect((await listLinks(home))[0]?.order_lines[0]?.tax_rate).toBe(0);
    const stray = await runCli([...BASE, '--line', LINE, '--tax', '12']);
    expect(stray.stderr).toMatch(/tax: applies only to an amount-only link/);
    const both = await runCli([...BASE, '--line', LINE, '--amount', '10']);
    expect(both.stderr).toMatch(/amount: an amount-only link has no other lines/);
  });
});

describe('local phone numbers are read with the purchase country', () => {
  it('0701112233 in a Swedish store is +46701112233', async () => {
    const home = tempHome();
    const r = await runCli(['links', 'create', '--store', 'se-demo', '--phone', '070-111 22 33', '--reference', 'P-1', '--line', LINE, '--yes'], { home });
    expect(r.exitCode).toBe(0);
    expect((await listLinks(home))[0]?.customer).toEqual({ phone: '+46701112233' });
  });
});

describe('review columns line up for short and long totals', () => {
  it('every line of the table has the totals column at the same place', async () => {
    for (const price of ['1', '123456.78']) {
      const r = await runCli([...BASE.filter((a) => a !== '--yes' && a !== '--json'), '--line', `name=A,price=${price},tax=25`, '--dry-run']);
      const rows = r.stdout.split('\n').filter((l) => /SEK\s*$/.test(l));
      const ends = new Set(rows.map((l) => l.length));
      expect(rows.length).toBe(3);
      expect(ends.size).toBe(1);
    }
  });
});

describe('output paths are checked before anything is created or sent', () => {
  const csv = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'bulk-'));
    const file = join(dir, 'links.csv');
    // A valid file: the results path alone is wrong.
    writeFileSync(file, 'link_reference,email,reference,lines\nB-1,a@b.example,B-1,"name=Hat,price=10,tax=25"\n');
    return file;
  };
  const dir = mkdtempSync(join(tmpdir(), 'out-'));
  const aFile = join(dir, 'file.txt');
  writeFileSync(aFile, 'x');
  const locked = join(dir, 'locked');
  mkdirSync(locked);
  chmodSync(locked, 0o500);
  const cases: [string, string, RegExp][] = [
    ['a missing folder', join(dir, 'no-such-dir', 'out.csv'), /the folder .*no-such-dir does not exist/],
    ['a directory', dir, /it is a directory/],
    ['a file used as a folder', join(aFile, 'out.csv'), /file\.txt is a file, not a folder/],
    ...(process.getuid?.() === 0 ? [] : [['an unwritable folder', join(locked, 'out.csv'), /is not writable/] as [string, string, RegExp]]),
  ];
  for (const [what, path, message] of cases) {
    it(`links create --from --results: ${what}`, async () => {
      const home = tempHome();
      const r = await runCli(['links', 'create', '--from', csv(), '--store', 'se-demo', '--results', path, '--yes'], { home });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toContain(`--results: cannot write ${path}`);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/Unexpected error|bug/);
      expect(await listLinks(home)).toEqual([]);
    });
  }

  it('orders capture --results and --plan-out, settlements export --out: the same check', async () => {
    const bad = join(dir, 'missing', 'x.csv');
    const home = tempHome();
    for (const args of [
      ['orders', 'capture', 'a', 'b', '--results', bad, '--yes'],
      ['orders', 'capture', 'a', 'b', '--plan-out', bad],
      ['settlements', 'export', '--month', '2026-01', '--store', 'se-demo', '--out', bad],
    ]) {
      const r = await runCli(args, { home });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/cannot write .*the folder .*missing does not exist/);
    }
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});

describe('numeric flags have a documented range', () => {
  it.each([
    [['orders', 'capture', 'a', 'b', '--concurrency', '100000', '--yes'], /--concurrency: "100000" must be a whole number from 1 to 64/],
    [['orders', 'list', '--limit', '1000001'], /--limit: "1000001" must be a whole number from 1 to 100000/],
    [['links', 'list', '--limit', '0'], /--limit: "0" must be a whole number from 1 to 100000/],
    [['sandbox', 'orders', 'seed', '--count', '10001'], /--count: "10001" must be a whole number from 1 to 10000/],
    [['logs', '--limit', '-1'], /--limit/],
  ] as const)('%j', async (args, message) => {
    const r = await runCli(args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('settings take the rule of their flag, with one wording', () => {
  it('config set refuses what --store, --backend and MERCHANT_BASE_URL refuse, and stores nothing', async () => {
    const home = tempHome();
    const store = await runCli(['config', 'set', 'store', '../x'], { home });
    expect(store.exitCode).toBe(2);
    expect(store.stderr).toContain('store: "../x" is not a store ID');
    const flag = await runCli(['orders', 'list', '--store', '../x'], { home });
    expect(flag.stderr).toContain('store: "../x" is not a store ID');
    const url = await runCli(['config', 'set', 'base_url', 'ftp://x'], { home });
    const env = await runCli(['config', 'list'], { home, env: { MERCHANT_BASE_URL: 'ftp://x' } });
    const rule = 'base_url: "ftp://x" must be an http(s) URL, e.g. https://api.kustom.co';
    expect(url.stderr).toContain(rule);
    expect(env.stderr).toContain(`${rule} (from MERCHANT_BASE_URL)`);
    expect(existsSync(join(home, 'config', 'config.json')) ? readFileSync(join(home, 'config', 'config.json'), 'utf8') : '').not.toContain('../x');
    expect((await runCli(['config', 'set', 'store', 'M123'], { home })).exitCode).toBe(0);
  });
});

describe('sandbox clock advance with a negative duration', () => {
  it('says the clock cannot go back (not "unknown option")', async () => {
    const r = await runCli(['sandbox', 'clock', 'advance', '-5h']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('the sandbox clock only moves forward; it cannot go back');
    expect(r.stderr).not.toContain('unknown option');
  });
});

describe('database files of merchant that are empty or damaged', () => {
  for (const name of ['sandbox.db', 'journal.db']) {
    for (const content of ['', 'this is not a database, just some text that is long enough to be a header\n'.repeat(3)]) {
      it(`${name} ${content === '' ? 'with 0 bytes' : 'with text'}: the path and the fix, nothing overwritten`, async () => {
        const home = tempHome();
        await runCli(['stores', 'list'], { home });
        const file = join(home, 'data', name);
        writeFileSync(file, content);
        const args = name === 'journal.db' ? ['orders', 'capture', 'o-1', 'o-2', '--yes'] : ['orders', 'list'];
        const r = await runCli(args, { home });
        expect(r.exitCode).toBe(2);
        expect(r.stderr).toContain(file);
        expect(r.stderr).toContain(`mv '${file}' '${file}.bak'`);
        expect(readFileSync(file, 'utf8')).toBe(content);
      });
    }
  }

  it('logs.db damaged: the command still works and says so once; merchant logs names the file', async () => {
    const home = tempHome();
    await runCli(['stores', 'list'], { home });
    const file = join(home, 'data', 'logs.db');
    writeFileSync(file, '');
    const r = await runCli([...BASE, '--line', LINE], { home });
    expect(r.exitCode).toBe(0);
    expect(r.stderr.match(/warning: The developer log/g)).toHaveLength(1);
    const logs = await runCli(['logs'], { home });
    expect(logs.exitCode).toBe(2);
    expect(logs.stderr).toContain(`mv '${file}' '${file}.bak'`);
    expect(readFileSync(file, 'utf8')).toBe('');
  });
});

describe('bulk capture --from files that are not what they seem', () => {
  const dir = mkdtempSync(join(tmpdir(), 'from-'));

  it('a first row without a delimiter over rows with several values is a broken header, not a list of IDs', async () => {
    const file = join(dir, 'broken-header.csv');
    writeFileSync(file, 'order_id amount\nord-1,10.00\nord-2,20.00\n');
    const r = await runCli(['orders', 'capture', '--from', file, '--yes']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${file} header`);
    expect(r.stderr).toMatch(/the first row has one value but row 2 has 2/);
    expect(r.stderr).not.toContain('stdin');
  });

  it('a headerless one-column file is a list of IDs, and its problems name the file, not stdin', async () => {
    const file = join(dir, 'ids.csv');
    writeFileSync(file, 'ord 1\n');
    const r = await runCli(['orders', 'capture', '--from', file, '--yes']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${file} line 1`);
    expect(r.stderr).not.toContain('stdin');
  });

  it('a file in another encoding is reported by its encoding; csv-parse words never reach the user', async () => {
    const latin1 = join(dir, 'latin1.csv');
    writeFileSync(latin1, Buffer.from('order_id,capture_reference\nord-1,Smörgås\n', 'latin1'));
    const bad = await runCli(['orders', 'capture', '--from', latin1, '--yes']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/UTF-8|encoding/i);
    const quote = join(dir, 'quote.csv');
    writeFileSync(quote, 'order_id,capture_reference\n"ord-1"x,R\n');
    const q = await runCli(['orders', 'capture', '--from', quote, '--yes']);
    expect(q.exitCode).toBe(2);
    expect(q.stderr).toMatch(/row 2/);
    expect(q.stderr).not.toMatch(/Invalid Closing Quote|CSV_/);
  });
});
