import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/backends/backend.js';
import type { Payout } from '../../src/domain/model/payout.js';
import { createSandboxBackend } from '../../src/backends/sandbox/sandbox-backend.js';
import { openSandboxDatabase } from '../../src/backends/sandbox/database.js';
import { insertAuthorizedOrder } from '../../src/backends/sandbox/orders/insert-order.js';
import { resolvePaths } from '../../src/config/paths.js';
import { DEFAULT_COLUMNS } from '../../src/domain/settlement-csv.js';
import { runCli, tempHome } from '../helpers/run-cli.js';

interface PayoutJson extends Payout {
  breakdown?: { amount: number }[];
  transactions_sum?: number;
}

const records = (text: string, delimiter = ','): string[][] => {
  const parsed: unknown = parse(text, { delimiter, bom: true });
  return parsed as string[][];
};

let home: string;
let payouts: PayoutJson[];

beforeAll(async () => {
  home = tempHome('merchant-settlements-');
  const seeded = await runCli(['sandbox', 'seed', '--transactions', '4000', '--months', '2', '--seed', '42', '--json'], { home });
  expect(seeded.exitCode).toBe(0);
  payouts = (await runCli(['settlements', 'payouts', '--store', 'se-demo', '--all', '--json'], { home })).json<PayoutJson[]>();
});

describe('settlements payouts', () => {
  it('lists newest first with --limit, --all, JSON totals, CSV and piped rows', async () => {
    expect(payouts.length).toBeGreaterThan(40);
    const limited = await runCli(['settlements', 'payouts', '--store', 'se-demo', '--limit', '3', '--json'], { home });
    expect(limited.json<PayoutJson[]>().map((p) => p.payment_reference)).toEqual(payouts.slice(0, 3).map((p) => p.payment_reference));
    const csv = await runCli(['settlements', 'payouts', '--store', 'se-demo', '-L', '2', '--csv'], { home });
    // CSV is for programs: snake_case headers, plain decimal amounts, the currency in a column of its own.
    const [header, first] = records(csv.stdout);
    expect(header).toEqual(['payment_reference', 'payout_date', 'store', 'sales', 'returns', 'fees', 'tax', 'settlement', 'transactions', 'currency']);
    expect(first?.[7]).toBe((payouts[0]!.totals.settlement_amount / 100).toFixed(2));
    expect(first?.[9]).toBe('SEK');
    for (const cell of first!.slice(3, 9)) expect(cell).toMatch(/^-?\d+(\.\d+)?$/);
    expect(records(csv.stdout)).toHaveLength(3);
    const plain = await runCli(['settlements', 'payouts', '--store', 'se-demo', '-L', '2'], { home });
    expect(plain.stdout.trim().split('\n')).toHaveLength(2);
    const table = await runCli(['settlements', 'payouts', '--store', 'se-demo', '-L', '2'], { home, tty: true });
    expect(table.stdout).toContain('Settlement');
  });

  it('filters by payout date and currency', async () => {
    const day = payouts[5]!.payout_date.slice(0, 10);
    const one = await runCli(['settlements', 'payouts', '--store', 'se-demo', '--from', day, '--to', day, '--json'], { home });
    expect(one.json<PayoutJson[]>().map((p) => p.payment_reference)).toEqual([payouts[5]!.payment_reference]);
    const none = await runCli(['settlements', 'payouts', '--store', 'se-demo', '--currency', 'eur', '--json'], { home });
    expect(none.json()).toEqual([]);
  });

  it('lists every store without --store, as links list does', async () => {
    const all = await runCli(['settlements', 'payouts', '--all', '--json'], { home });
    expect(all.exitCode, all.stderr).toBe(0);
    const rows = all.json<PayoutJson[]>();
    expect(rows.filter((p) => p.store_id === 'se-demo').map((p) => p.payment_reference)).toEqual(payouts.map((p) => p.payment_reference));
    const month = payouts[3]!.payout_date.slice(0, 7);
    const inMonth = rows.filter((p) => p.payout_date.startsWith(month)).reduce((n, p) => n + p.transaction_count, 0);
    const exported = await runCli(['settlements', 'export', '--month', month], { home });
    expect(exported.exitCode, exported.stderr).toBe(0);
    expect(records(exported.stdout)).toHaveLength(inMonth + 1);
  });

  it('refuses bad input with exit 2 naming the flag', async () => {
    const badDate = await runCli(['settlements', 'payouts', '--store', 'se-demo', '--from', '2026-13-01'], { home });
    expect(badDate.exitCode).toBe(2);
    expect(badDate.stderr).toContain('--from');
    expect((await runCli(['settlements', 'payouts', '--store', 'nope'], { home })).exitCode).toBe(3);
    expect((await runCli(['settlements', 'payouts', '--store', 'se-demo', '--limit', '0'], { home })).exitCode).toBe(2);
  });
});

describe('settlements show and balance', () => {
  it('shows totals and a breakdown that sums to the settlement amount', async () => {
    const p = payouts[1]!;
    const shown = (await runCli(['settlements', 'show', p.payment_reference, '--json'], { home })).json<PayoutJson>();
    expect(shown.transactions_sum).toBe(p.totals.settlement_amount);
    expect(shown.breakdown!.reduce((s, b) => s + b.amount, 0)).toBe(p.totals.settlement_amount);
    const text = await runCli(['settlements', 'show', p.payment_reference], { home, tty: true });
    expect(text.stdout).toContain('= Settlement amount');
    expect(text.stdout).toContain('Breakdown');
    const missing = await runCli(['settlements', 'show', 'NOSUCHREF'], { home });
    expect(missing.exitCode).toBe(3);
  });

  it('balance lists pending amounts per currency', async () => {
    // The seeded history ends at "now", and what is pending is what came after the last payout cut-off:
    // a fixed midweek noon keeps every store's pending balance non-empty whatever the hour the suite runs.
    const clock = { now: () => new Date('2026-11-18T12:00:00Z') };
    const balanceHome = tempHome('merchant-balance-');
    expect((await runCli(['sandbox', 'seed', '--transactions', '4000', '--months', '2', '--seed', '42', '--json'], { home: balanceHome, clock })).exitCode).toBe(0);
    const all = (await runCli(['settlements', 'balance', '--json'], { home: balanceHome, clock })).json<{ currency_code: string; pending_amount: number }[]>();
    expect(all.map((b) => b.currency_code)).toEqual(['EUR', 'SEK']);
    expect(all.every((b) => b.pending_amount > 0)).toBe(true);
    const de = (await runCli(['settlements', 'balance', '--store', 'de-demo', '--json'], { home: balanceHome, clock })).json<{ currency_code: string }[]>();
    expect(de.map((b) => b.currency_code)).toEqual(['EUR']);
  });
});

describe('settlements export', () => {
  const minorSum = (rows: string[][], col: number) => rows.reduce((s, r) => s + Number(r[col]), 0);

  it('rfc4180 (default): header of the provider columns, ISO dates, amounts that sum to the payout', async () => {
    const p = payouts[2]!;
    const out = await runCli(['settlements', 'export', '--payout', p.payment_reference], { home });
    expect(out.exitCode).toBe(0);
    expect(out.stdout.charCodeAt(0)).not.toBe(0xfeff);
    const [header, ...rows] = records(out.stdout);
    expect(header).toEqual(DEFAULT_COLUMNS);
    expect(rows).toHaveLength(p.transaction_count);
    const amount = header!.indexOf('amount');
    expect(rows.every((r) => /^-?\d+\.\d{2}$/.test(r[amount]!))).toBe(true);
    expect(rows[0]![header!.indexOf('capture_date')]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const minor = await runCli(['settlements', 'export', '--payout', p.payment_reference, '--amounts', 'minor', '--columns', 'amount'], { home });
    expect(minorSum(records(minor.stdout).slice(1), 0)).toBe(p.totals.settlement_amount);
  });

  it('excel: UTF-8 BOM, comma, decimal point, Excel-readable dates', async () => {
    const p = payouts[2]!;
    const out = await runCli(['settlements', 'export', '--payout', p.payment_reference, '--dialect', 'excel', '--columns', 'capture_date,amount,type'], { home });
    expect(out.stdout.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = records(out.stdout);
    expect(header).toEqual(['capture_date', 'amount', 'type']);
    expect(rows[0]![0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(rows.every((r) => /^-?\d+\.\d{2}$/.test(r[1]!))).toBe(true);
  });

  it('excel-eu: BOM, semicolon, decimal comma in every numeric column, no thousands separators', async () => {
    const p = payouts[2]!;
    const out = await runCli(['settlements', 'export', '--payout', p.payment_reference, '--dialect', 'excel-eu'], { home });
    expect(out.stdout.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = records(out.stdout, ';');
    expect(header).toEqual(DEFAULT_COLUMNS);
    const amount = header!.indexOf('amount');
    const rate = header!.indexOf('tax_rate');
    expect(rows.every((r) => /^-?\d+,\d{2}$/.test(r[amount]!))).toBe(true);
    expect(rows.filter((r) => r[rate] !== '').every((r) => /^\d+,\d{2}$/.test(r[rate]!))).toBe(true);
    const total = rows.reduce((s, r) => s + Math.round(Number(r[amount]!.replace(',', '.')) * 100), 0);
    expect(total).toBe(p.totals.settlement_amount);
  });

  it('neutralises formula-like text cells but never numeric amounts', async () => {
    const injHome = tempHome('merchant-inject-');
    const paths = resolvePaths({ MERCHANT_HOME: injHome });
    const backend = await createSandboxBackend({ paths, clock: { now: () => new Date() } });
    const db = openSandboxDatabase(paths.sandboxDb);
    const refs = ['=HYPERLINK("http://x")', '+46701234567', '-5', '@SUM(A1)', '\tTAB', '\rCR', 'safe'];
    for (const ref of refs) {
      insertAuthorizedOrder(db, { store_id: 'se-demo', purchase_country: 'SE', purchase_currency: 'SEK', locale: 'sv-SE', order_amount: 1000, order_lines: [], merchant_reference1: ref, auto_capture: true }, backend.clock.now());
    }
    db.close();
    await backend.close();
    expect((await runCli(['sandbox', 'clock', 'advance', '2d'], { home: injHome })).exitCode).toBe(0);
    const [p] = (await runCli(['settlements', 'payouts', '--store', 'se-demo', '--json'], { home: injHome })).json<PayoutJson[]>();
    const out = await runCli(['settlements', 'export', '--payout', p!.payment_reference, '--columns', 'merchant_reference1,amount,type'], { home: injHome });
    const rows = records(out.stdout).slice(1);
    const cells = new Set(rows.map((r) => r[0]));
    for (const ref of refs) expect(cells.has(ref === 'safe' ? 'safe' : `'${ref}`)).toBe(true);
    expect(rows.filter((r) => r[2] === 'FEE').every((r) => r[1]!.startsWith('-'))).toBe(true);
  });

  it('refuses a range over 32 days naming the limit, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'merchant-out-'));
    const res = await runCli(['settlements', 'export', '--store', 'se-demo', '--from', '2026-01-01', '--to', '2026-02-02', '--out', join(dir, 'x.csv')], { home });
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toContain('at most 32 days');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses conflicting or missing selections and bad flags', async () => {
    const cases: [string[], RegExp][] = [
      [['settlements', 'export'], /--payout/],
      [['settlements', 'export', '--payout', 'X', '--month', '2026-01'], /not both/],
      [['settlements', 'export', '--payout', 'X', '--transactions'], /--transactions/],
      [['settlements', 'export', '--store', 'se-demo', '--month', '2026-01', '--dialect', 'tsv'], /--dialect/],
      [['settlements', 'export', '--store', 'se-demo', '--month', '2026-01', '--amounts', 'cents'], /--amounts/],
      [['settlements', 'export', '--store', 'se-demo', '--month', '2026-01', '--columns', 'amount,bogus'], /bogus/],
    ];
    for (const [argv, message] of cases) {
      const res = await runCli(argv, { home });
      expect(res.exitCode, argv.join(' ')).toBe(2);
      expect(res.stderr).toMatch(message);
    }
    expect((await runCli(['settlements', 'export', '--payout', 'NOSUCHREF'], { home })).exitCode).toBe(3);
    const noFolder = await runCli(['settlements', 'export', '--payout', payouts[0]!.payment_reference, '--out', '/nonexistent/dir/x.csv'], { home });
    expect(noFolder.exitCode).toBe(2);
    expect(noFolder.stderr).toContain('--out: cannot write /nonexistent/dir/x.csv: the folder /nonexistent/dir does not exist');
    const dir = mkdtempSync(join(tmpdir(), 'merchant-out-'));
    const isDir = await runCli(['settlements', 'export', '--payout', payouts[0]!.payment_reference, '--out', dir], { home });
    expect(isDir.exitCode).toBe(2);
    expect(isDir.stderr).toContain('is a directory');
  });

  it('an empty selection writes the header only and says so on stderr; --out - is stdout', async () => {
    const res = await runCli(['settlements', 'export', '--store', 'se-demo', '--month', '2001-01', '--out', '-'], { home });
    expect(res.exitCode).toBe(0);
    expect(records(res.stdout)).toEqual([DEFAULT_COLUMNS]);
    expect(res.stderr).toContain('No settled transactions match');
  });

  it('exports a payout-date month and a capture-date transaction report to --out', async () => {
    const month = payouts[3]!.payout_date.slice(0, 7);
    const inMonth = payouts.filter((p) => p.payout_date.startsWith(month)).reduce((s, p) => s + p.transaction_count, 0);
    const dir = mkdtempSync(join(tmpdir(), 'merchant-out-'));
    const file = join(dir, 'month.csv');
    const res = await runCli(['settlements', 'export', '--store', 'se-demo', '--month', month, '--out', file], { home });
    expect(res.exitCode).toBe(0);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(`Wrote ${inMonth} transactions`);
    expect(records(readFileSync(file, 'utf8'))).toHaveLength(inMonth + 1);
    expect(readdirSync(dir)).toEqual(['month.csv']);
    const report = await runCli(['settlements', 'export', '--store', 'se-demo', '--month', month, '--transactions', '--columns', 'capture_date'], { home });
    const dates = records(report.stdout).slice(1).map((r) => r[0]!);
    expect(dates.length).toBeGreaterThan(0);
    expect(dates.every((d) => d.startsWith(month))).toBe(true);
    expect([...dates].sort()).toEqual(dates);
  });

  it('a failure midway leaves no partial file and keeps an existing one intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'merchant-out-'));
    const file = join(dir, 'payout.csv');
    writeFileSync(file, 'previous complete export\n');
    const failing = async (deps: { paths: ReturnType<typeof resolvePaths>; clock: { now(): Date } }): Promise<Backend> => {
      const real = await createSandboxBackend({ paths: deps.paths, clock: deps.clock });
      const api = real.settlements!;
      return {
        ...real,
        close: () => real.close(),
        settlements: {
          ...api,
          async *transactions(query) {
            let n = 0;
            for await (const tx of api.transactions(query)) {
              if (++n > 10) throw new Error('disk vanished');
              yield tx;
            }
          },
          async *transactionPages(query, size) {
            for await (const page of api.transactionPages!(query, size)) {
              yield page.slice(0, 10);
              throw new Error('disk vanished');
            }
          },
          async *transactionJoinedPages(query, read, size) {
            for await (const page of api.transactionJoinedPages!(query, read, size)) {
              yield page.slice(0, 10);
              throw new Error('disk vanished');
            }
          },
        },
      };
    };
    const res = await runCli(['settlements', 'export', '--payout', payouts[0]!.payment_reference, '--out', file], { home, overrides: { backendFactory: failing } });
    expect(res.exitCode).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe('previous complete export\n');
    expect(readdirSync(dir)).toEqual(['payout.csv']);
  });

  it.each(['rfc4180', 'excel', 'excel-eu'])('joined rows, pages of raw rows and rows one by one write the same bytes, for every class of cell (%s, both amount units)', async (dialect) => {
    const cellHome = tempHome('merchant-cells-');
    const paths = resolvePaths({ MERCHANT_HOME: cellHome });
    const backend = await createSandboxBackend({ paths, clock: { now: () => new Date() } });
    const db = openSandboxDatabase(paths.sandboxDb);
    // Every class the quoting and neutralising rules tell apart, in a column read joined with its neighbours.
    const refs = ['plain', ',', ';', 'a,b;c', '"', 'say "hi"', '\r', '\n', 'a\r\nb', ' padded ', '=SUM(A1)', '+4670', '-5', '@x', '\tTAB', "'quoted", 'åäö €', '😀', '\u001f', 'x\u001fy'];
    for (const [i, ref] of refs.entries()) {
      insertAuthorizedOrder(db, { store_id: 'se-demo', purchase_country: 'SE', purchase_currency: 'SEK', locale: 'sv-SE', order_amount: 1000 + i, order_lines: [], merchant_reference1: ref, merchant_reference2: refs[refs.length - 1 - i]!, auto_capture: true }, backend.clock.now());
    }
    db.close();
    await backend.close();
    expect((await runCli(['sandbox', 'clock', 'advance', '2d'], { home: cellHome })).exitCode).toBe(0);
    const [p] = (await runCli(['settlements', 'payouts', '--store', 'se-demo', '--json'], { home: cellHome })).json<PayoutJson[]>();
    const without = (...methods: ('transactionJoinedPages' | 'transactionPages')[]) => async (deps: { paths: ReturnType<typeof resolvePaths>; clock: { now(): Date } }): Promise<Backend> => {
      const real = await createSandboxBackend({ paths: deps.paths, clock: deps.clock });
      const api: Record<string, unknown> = { ...real.settlements! };
      for (const method of methods) delete api[method];
      return { ...real, close: () => real.close(), settlements: api as unknown as NonNullable<Backend['settlements']> };
    };
    const delimiter = dialect === 'excel-eu' ? ';' : ',';
    for (const amounts of ['major', 'minor']) {
      for (const [target, selection] of [[cellHome, ['--payout', p!.payment_reference]], [home, ['--payout', payouts[1]!.payment_reference]], [home, ['--store', 'se-demo', '--month', payouts[1]!.payout_date.slice(0, 7), '--transactions']]] as const) {
        const argv = ['settlements', 'export', ...selection, '--dialect', dialect, '--amounts', amounts];
        const joined = await runCli(argv, { home: target });
        const paged = await runCli(argv, { home: target, overrides: { backendFactory: without('transactionJoinedPages') } });
        const single = await runCli(argv, { home: target, overrides: { backendFactory: without('transactionJoinedPages', 'transactionPages') } });
        expect(joined.exitCode, joined.stderr).toBe(0);
        expect(records(joined.stdout, delimiter).length).toBeGreaterThan(1);
        expect(joined.stdout).toBe(paged.stdout);
        expect(joined.stdout).toBe(single.stdout);
      }
    }
    // And the cells read back as they went in (neutralised where they start like a formula).
    const out = await runCli(['settlements', 'export', '--payout', p!.payment_reference, '--dialect', dialect], { home: cellHome });
    const [header, ...rows] = records(out.stdout, delimiter);
    const cells = new Set(rows.flatMap((r) => [r[header!.indexOf('merchant_reference1')], r[header!.indexOf('merchant_reference2')]]));
    for (const ref of refs) expect(cells.has(/^[=+\-@\t\r]/.test(ref) ? `'${ref}` : ref), JSON.stringify(ref)).toBe(true);
  });

  it('a reader that goes away (| head) ends the export quietly with exit 0', async () => {
    let writes = 0;
    const stdout = new Writable({
      write(_chunk, _enc, cb) {
        writes++;
        if (writes > 1) cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
        else cb();
      },
    });
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    const res = await runCli(['settlements', 'export', '--store', 'se-demo', '--month', payouts[0]!.payout_date.slice(0, 7)], {
      home,
      overrides: { io: { stdin: new PassThrough(), stdout, stderr, stdinIsTTY: false, stdoutIsTTY: false, stderrIsTTY: false, columns: 80 } },
    });
    expect(res.exitCode).toBe(0);
    expect(err).toBe('');
  });
});

describe('settlements reconcile', () => {
  it('reports matched, mismatched, missing both ways, with totals that add up to the payout', async () => {
    const p = payouts[4]!;
    const exported = await runCli(['settlements', 'export', '--payout', p.payment_reference, '--columns', 'order_id,merchant_reference1,type,amount', '--amounts', 'minor'], { home });
    const perOrder = new Map<string, { ref: string; amount: number }>();
    for (const [order, ref, type, amount] of records(exported.stdout).slice(1)) {
      if (type !== 'SALE' && type !== 'RETURN') continue;
      const e = perOrder.get(order!) ?? { ref: ref!, amount: 0 };
      e.amount += Number(amount);
      perOrder.set(order!, e);
    }
    const entries = [...perOrder.entries()];
    expect(entries.length).toBeGreaterThan(3);
    const lines = ['merchant_reference;amount'];
    entries.forEach(([, e], i) => {
      if (i === 0) return; // missing in ledger
      const amount = i === 1 ? e.amount + 100 : e.amount; // a mismatch
      lines.push(`${e.ref};${(amount / 100).toFixed(2).replace('.', ',')}`);
    });
    lines.push('ORD-NOT-IN-PAYOUT;10,00');
    const dir = mkdtempSync(join(tmpdir(), 'merchant-ledger-'));
    const ledger = join(dir, 'orders.csv');
    writeFileSync(ledger, `\uFEFF${lines.join('\r\n')}\r\n`);
    const res = await runCli(['settlements', 'reconcile', '--payout', p.payment_reference, '--ledger', ledger, '--json'], { home });
    // Differences exit 7 with the whole report on stdout and one JSON error document on stderr.
    expect(res.exitCode).toBe(7);
    expect(JSON.parse(res.stderr)).toMatchObject({ error: { kind: 'mismatch', exit_code: 7, details: { amount_mismatch: 1, missing_in_ledger: 1 } } });
    const reportOnly = await runCli(['settlements', 'reconcile', '--payout', p.payment_reference, '--ledger', ledger, '--json', '--report-only'], { home });
    expect(reportOnly.exitCode).toBe(0);
    expect(reportOnly.stdout).toBe(res.stdout);
    const r = res.json<{ totals: { adds_up: boolean; settlement_amount: number }; matched: unknown[]; amount_mismatch: { difference: number }[]; missing_in_ledger: unknown[]; missing_in_payout: { merchant_reference: string }[] }>();
    expect(r.totals.adds_up).toBe(true);
    expect(r.totals.settlement_amount).toBe(p.totals.settlement_amount);
    expect(r.matched).toHaveLength(entries.length - 2);
    expect(r.amount_mismatch.map((m) => m.difference)).toEqual([-100]);
    expect(r.missing_in_ledger).toHaveLength(1);
    expect(r.missing_in_payout.map((m) => m.merchant_reference)).toEqual(['ORD-NOT-IN-PAYOUT']);
    const text = await runCli(['settlements', 'reconcile', '--payout', p.payment_reference, '--ledger', ledger], { home, tty: true });
    expect(text.stdout).toContain('Adds up');
    expect(text.exitCode).toBe(7);
    expect(text.stderr).toContain('does not reconcile: 1 amount mismatch(es), 1 order(s) missing in the ledger');

    // The same ledger without its differences reconciles (rows outside the payout do not count): exit 0.
    const clean = ['merchant_reference;amount', ...entries.map(([, e]) => `${e.ref};${(e.amount / 100).toFixed(2).replace('.', ',')}`), 'ORD-NOT-IN-PAYOUT;10,00'];
    writeFileSync(ledger, `${clean.join('\r\n')}\r\n`);
    const ok = await runCli(['settlements', 'reconcile', '--payout', p.payment_reference, '--ledger', ledger, '--json'], { home });
    expect(ok.exitCode, ok.stderr).toBe(0);
    expect(ok.json<{ missing_in_payout: unknown[] }>().missing_in_payout).toHaveLength(1);
  });

  it('refuses an unreadable or malformed ledger with exit 2 naming the problem', async () => {
    const p = payouts[4]!;
    const missing = await runCli(['settlements', 'reconcile', '--payout', p.payment_reference, '--ledger', '/nonexistent/ledger.csv'], { home });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('--ledger');
    const dir = mkdtempSync(join(tmpdir(), 'merchant-ledger-'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'order_id,amount\no1,12.345\n');
    const res = await runCli(['settlements', 'reconcile', '--payout', p.payment_reference, '--ledger', bad], { home });
    expect(res.exitCode).toBe(2);
    expect(res.stderr).toContain('line 1 amount');
  });
});

describe('sandbox seed', () => {
  it('refuses unknown stores and bad counts', async () => {
    expect((await runCli(['sandbox', 'seed', '--stores', 'nope'], { home: tempHome() })).exitCode).toBe(3);
    expect((await runCli(['sandbox', 'seed', '--transactions', '0'], { home: tempHome() })).exitCode).toBe(2);
    expect((await runCli(['sandbox', 'seed', '--months', '40'], { home: tempHome() })).exitCode).toBe(2);
  });

  it('streams a large seeded export with exact row counts', async () => {
    const big = tempHome('merchant-big-');
    const seeded = await runCli(['sandbox', 'seed', '--transactions', '150000', '--stores', 'se-demo', '--months', '1', '--json'], { home: big });
    expect(seeded.exitCode).toBe(0);
    const all = (await runCli(['settlements', 'payouts', '--store', 'se-demo', '--all', '--json'], { home: big })).json<PayoutJson[]>();
    const total = all.reduce((s, p) => s + p.transaction_count, 0);
    expect(total).toBe(seeded.json<{ transactions: number }>().transactions);
    const from = all.at(-1)!.payout_date.slice(0, 10);
    const to = all[0]!.payout_date.slice(0, 10);
    const dir = mkdtempSync(join(tmpdir(), 'merchant-out-'));
    const file = join(dir, 'all.csv');
    const res = await runCli(['settlements', 'export', '--store', 'se-demo', '--from', from, '--to', to, '--out', file, '--columns', 'payment_reference,amount', '--amounts', 'minor'], { home: big });
    expect(res.exitCode).toBe(0);
    const rows = readFileSync(file, 'utf8').trimEnd().split('\r\n');
    expect(rows).toHaveLength(total + 1);
    expect(existsSync(file)).toBe(true);
    // Payouts span several pages: each payout's rows, read page after page, still add up to its total.
    const sums = new Map<string, number>();
    for (const row of rows.slice(1)) {
      const [reference, amount] = row.split(',');
      sums.set(reference!, (sums.get(reference!) ?? 0) + Number(amount));
    }
    expect(Object.fromEntries(sums)).toEqual(Object.fromEntries(all.map((p) => [p.payment_reference, p.totals.settlement_amount])));
  }, 120_000);
});
