/**
 * Tables fit the terminal: low-value columns go first, then long text is cut with an ellipsis; IDs and
 * amounts are never cut; --wide shows everything; piped, --json and --csv output do not depend on width.
 */
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/output/display-width.js';
import { runCli, tempHome } from '../helpers/run-cli.js';

const WIDTHS = [60, 80, 120, 200];
const LONG_EMAIL = 'a.very.long.customer.address.for.testing@subdomain.example-company.com';

async function seedLinks(home: string): Promise<{ ids: string[] }> {
  const ids: string[] = [];
  for (const [i, email] of [LONG_EMAIL, 'b@example.com'].entries()) {
    const r = await runCli(
      ['links', 'create', '--store', 'se-demo', '--email', email, '--reference', `REF-${i}-000123456`, '--line', 'name=T-shirt,price=1250,tax=25', '--json', '--yes'],
      { home },
    );
    expect(r.exitCode, r.stderr).toBe(0);
    ids.push(r.json<{ link_id: string }>().link_id);
  }
  return { ids };
}

const tableLines = (stdout: string): string[] => stdout.split('\n').filter((l) => l !== '');

describe('tables fit the terminal width', () => {
  it.each(WIDTHS)('links list at %i columns: every table line fits, IDs and amounts whole', async (width) => {
    const home = tempHome();
    const { ids } = await seedLinks(home);
    const r = await runCli(['links', 'list'], { home, tty: true, columns: width });
    expect(r.exitCode, r.stderr).toBe(0);
    for (const line of tableLines(r.stdout)) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
    for (const id of ids) expect(r.stdout).toContain(id);
    expect(r.stdout).toContain('1,250.00 SEK');
    const header = r.stdout.split('\n').find((l) => l.includes('Link ID')) ?? '';
    if (width >= 200) {
      // Every column; the long email is cut rather than a column dropped.
      expect(r.stdout).not.toContain('Not shown');
      for (const h of ['Order ID', 'Channel', 'Customer', 'Created by']) expect(header).toContain(h);
      expect(r.stdout).toContain('a.very.long');
      expect(r.stdout).toContain('…');
    } else {
      expect(r.stdout.replace(/\n/g, ' ')).toMatch(/Not shown to fit the terminal: .*--wide shows everything/);
      expect(header).not.toContain('Created by');
    }
    if (width === 120) for (const h of ['Reference', 'Customer', 'Created']) expect(header).toContain(h);
  });

  it('--wide shows every column and every cell whole, even on a narrow terminal', async () => {
    const home = tempHome();
    await seedLinks(home);
    const r = await runCli(['links', 'list', '--wide'], { home, tty: true, columns: 60 });
    expect(r.exitCode, r.stderr).toBe(0);
    for (const header of ['Link ID', 'Order ID', 'Store', 'Status', 'Channel', 'Amount', 'Reference', 'Customer', 'Created', 'Created by']) expect(r.stdout).toContain(header);
    expect(r.stdout).toContain(LONG_EMAIL);
    expect(r.stdout).not.toContain('…');
    expect(r.stdout).not.toContain('Not shown');
  });

  it('piped TSV, --json and --csv are the same at every width', async () => {
    const home = tempHome();
    await seedLinks(home);
    for (const flags of [[], ['--json'], ['--csv']]) {
      const outs = new Set<string>();
      for (const width of WIDTHS) outs.add((await runCli(['links', 'list', ...flags], { home, columns: width })).stdout);
      expect(outs.size, flags.join(' ')).toBe(1);
      expect([...outs][0]).toContain(LONG_EMAIL);
    }
  });

  it.each(WIDTHS)('wide characters (CJK, emoji) are measured by display width at %i columns', async (width) => {
    const home = tempHome();
    const name = '🛒東京ストア本店 テスト用の長い店舗名 🇸🇪 Stockholm';
    const add = await runCli(['stores', 'add', '--id', 'tokyo-1', '--name', name, '--country', 'SE', '--terms-url', 'https://shop.example/terms/a/rather/long/path'], { home });
    expect(add.exitCode, add.stderr).toBe(0);
    const r = await runCli(['stores', 'list'], { home, tty: true, columns: width });
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = tableLines(r.stdout);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
    // Every row of a box is as wide as its border: the wide characters were padded by their real width.
    const box = lines.filter((l) => /^[┌│├└]/.test(l));
    expect(new Set(box.map(displayWidth)).size).toBeLessThanOrEqual(1);
    expect(r.stdout).toContain('tokyo-1');
    expect(r.stdout).toContain(width >= 200 ? name : '🛒東京');
  });

  it('every table view is fitted: a record with sub-tables (links show) fits too', async () => {
    const home = tempHome();
    const { ids } = await seedLinks(home);
    const r = await runCli(['links', 'show', ids[0] ?? ''], { home, tty: true, columns: 60 });
    expect(r.exitCode, r.stderr).toBe(0);
    // The record's label/value lines are not a table (a URL is never cut); the Lines table is fitted.
    const lines = r.stdout.slice(r.stdout.indexOf('\nLines\n')).split('\n').filter((l) => /^[┌│├└]/.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(60);
    expect(r.stdout).toContain('1,250.00 SEK');
  });
});
