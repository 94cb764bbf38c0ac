/**
 * Inputs a new user tries that the issues did not list: files saved by Excel in Europe (BOM, ';'), empty
 * files, decimal commas where a comma also separates keys, and messages that must speak in money, not
 * minor units. Each case here was a bug found by trying the tool as a new user.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { capturesPerOrder, seedOrders } from '../helpers/orders.js';
import { listLinks } from '../helpers/links.js';

const BOM = '\uFEFF';

describe('bulk files as Excel saves them', () => {
  it('orders capture --from: an empty file is a usage error (exit 2), not a successful run of nothing', async () => {
    const home = tempHome();
    const file = join(home, 'empty.csv');
    writeFileSync(file, '');
    const r = await runCli(['orders', 'capture', '--from', file, '--yes'], { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/empty\.csv: is empty/);
    expect(r.stdout).toBe('');
  });

  it('orders capture --from: a semicolon CSV with a BOM and decimal-comma amounts (Excel, Sweden/Germany)', async () => {
    const home = tempHome();
    const [a, b] = await seedOrders(home, 2);
    const file = join(home, 'shipped.csv');
    writeFileSync(file, `${BOM}order_id;amount\r\n${a!};10,50\r\n${b!};\r\n`);
    const r = await runCli(['orders', 'capture', '--from', file, '--yes', '--json'], { home });
    expect(r.exitCode, r.stderr).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { order_id: string; amount: number; status: string });
    expect(rows.map((x) => [x.order_id, x.status])).toEqual([[a, 'captured'], [b, 'captured']]);
    expect(rows[0]?.amount).toBe(1050);
    expect(capturesPerOrder(home).size).toBe(2);
  });

  it('links create --from: a semicolon CSV with a BOM creates the links', async () => {
    const home = tempHome();
    const file = join(home, 'links.csv');
    writeFileSync(file, `${BOM}store;link_reference;reference;email;lines\r\nse-demo;B-1;1001;a@example.com;name=Mössa,price=99,50,tax=25\r\n`.replace('price=99,50', 'price=99.50'));
    const r = await runCli(['links', 'create', '--from', file, '--results', join(home, 'out.csv')], { home });
    expect(r.exitCode, r.stderr).toBe(0);
    const links = await listLinks(home);
    expect(links.map((l) => [l.link_reference, l.order_amount])).toEqual([['B-1', 9950]]);
  });
});

describe('messages a new user can act on', () => {
  it('a decimal comma inside --line says how to write it', async () => {
    const r = await runCli(['links', 'create', '--store', 'se-demo', '--email', 'a@example.com', '--reference', 'X', '--line', 'name=A,price=1 234,50,tax=25', '--dry-run']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/line\[1\]: "50" is not key=value/);
    expect(r.stderr).toContain('price=1 234\\,50');
  });

  it('--return-fee too high names the refund in money, not minor units', async () => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1);
    expect((await runCli(['orders', 'capture', id!, '--amount', '10', '--yes'], { home })).exitCode).toBe(0);
    const r = await runCli(['orders', 'refund', id!, '--amount', '5', '--return-fee', '10', '--yes'], { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--return-fee: 10\.00 SEK must be less than the refund \(5\.00 SEK\)/);
    expect(r.stderr).not.toMatch(/minor units/);
  });
});

describe('dates and durations that do not exist', () => {
  it.each([
    [['links', 'list', '--from', '2026-02-30']],
    [['links', 'list', '--to', '2026-11-31']],
    [['orders', 'list', '--from', '2026-02-30']],
    [['orders', 'list', '--to', '2026-04-31T10:00:00Z']],
    [['orders', 'list', '--to', '2026-02-30']],
  ])('%j is refused (exit 2) instead of rolling over to the next month', async (argv) => {
    const r = await runCli(argv);
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/(from|to).*2026-(02-30|11-31|04-31)/);
  });

  it('sandbox clock advance with an absurd duration is a usage error, not a crash', async () => {
    const r = await runCli(['sandbox', 'clock', 'advance', '99999999d']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/duration: "99999999d" is too far; advance at most 3650d/);
    expect(r.stderr).not.toMatch(/Unexpected error|bug/);
  });
});

describe('conflicting flags', () => {
  it.each([[['links', 'list']], [['orders', 'list']], [['settlements', 'payouts', '--store', 'se-demo']], [['keys', 'list']]])('%j --json --csv is a usage error (exit 2), in JSON on stderr', async (argv) => {
    const r = await runCli([...argv, '--json', '--csv']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { kind: 'usage', exit_code: 2, message: '--json and --csv are two output formats; choose one.' } });
  });
});

describe('an order ID with the wrong --store', () => {
  it('show and capture stop (exit 2) naming the order\'s real store; nothing is captured', async () => {
    const home = tempHome();
    const [id] = await seedOrders(home, 1);
    const show = await runCli(['orders', 'show', id!, '--store', 'de-demo'], { home });
    expect(show.exitCode).toBe(2);
    expect(show.stderr).toContain(`--store de-demo: order ${id!} belongs to store se-demo.`);
    const capture = await runCli(['orders', 'capture', id!, '--store', 'de-demo', '--yes'], { home });
    expect(capture.exitCode).toBe(2);
    expect(capturesPerOrder(home).size).toBe(0);
    expect((await runCli(['orders', 'show', id!, '--store', 'se-demo'], { home })).exitCode).toBe(0);
  });
});

describe('sandbox seed', () => {
  it('a store named twice is seeded once, not a crash', async () => {
    const r = await runCli(['sandbox', 'seed', '--stores', 'se-demo,se-demo', '--transactions', '200', '--months', '1', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.json<{ transactions: number }>().transactions).toBeGreaterThan(0);
  });
});

describe('unknown store in a list filter', () => {
  it('orders list --store nope is not found (exit 3), as links list is', async () => {
    const r = await runCli(['orders', 'list', '--store', 'nope']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/Store nope was not found/);
  });
});

describe('discount larger than the cart', () => {
  it('names both amounts in money', async () => {
    const r = await runCli(['links', 'create', '--store', 'se-demo', '--email', 'a@example.com', '--reference', 'X', '--line', 'name=A,price=1,tax=25', '--discount', '5', '--dry-run']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('discounts (5.00 SEK) exceed the rest of the order (1.00 SEK)');
  });
});

describe('sandbox seed flags', () => {
  it.each([
    [['--transactions', '99999999999'], /--transactions: "99999999999" must be a whole number from 1 to 20000000/],
    [['--months', '40'], /--months: "40" must be a whole number from 1 to 36/],
    [['--stores', ','], /--stores: give at least one store ID/],
  ] as const)('%j is refused before "Seeding…" is announced', async (flags, message) => {
    const r = await runCli(['sandbox', 'seed', ...flags]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/Seeding about/);
  });
});

describe('logs --status typos', () => {
  it.each(['999', 'authh', '6xx'])('--status %s is a usage error naming the accepted forms', async (status) => {
    const r = await runCli(['logs', '--status', status]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/status: must be an HTTP status \(100–599, e\.g\. 401\), a class \(4xx\), ok, error or an error kind \(usage, validation, not_found/);
  });
  it.each(['401', '4xx', 'ok', 'error', 'not_found', 'AUTH'])('--status %s is accepted', async (status) => {
    expect((await runCli(['logs', '--status', status])).exitCode).toBe(0);
  });
});
