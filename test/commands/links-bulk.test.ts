import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';
import { listLinks } from '../helpers/links.js';

const HEADER = 'store,link_reference,reference,email,phone,lines,discount,send,auto_capture,notes';
const good = [
  'se-demo,B-1,1001,anna@example.com,,"name=T-shirt,qty=2,price=125,tax=25",,email,,channel=web',
  ',B-2,1002,,+46701234567,"name=Cap,price=99,tax=25 | name=Mug,price=50,tax=25",10,sms,yes,',
  'se-demo,B-3,1003,carl@example.com,,"name=Book,price=200,tax=6",,none,no,a=1;b=2',
];

function write(home: string, rows: string[]): string {
  const file = join(home, 'links.csv');
  writeFileSync(file, `${[HEADER, ...rows].join('\n')}\n`);
  return file;
}

describe('merchant links create --from (bulk)', () => {
  it('creates one link per row and writes a result CSV with link ID, URL and status per row', async () => {
    const home = tempHome();
    const file = write(home, good);
    const r = await runCli(['links', 'create', '--from', file, '--store', 'se-demo'], { home });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('3 created, 0 already existed, 0 failed');
    const links = await listLinks(home);
    expect(links.map((l) => l.link_reference).sort()).toEqual(['B-1', 'B-2', 'B-3']);
    const b2 = links.find((l) => l.link_reference === 'B-2');
    expect(b2).toMatchObject({ order_amount: 13900, channel: 'sms', auto_capture: true, customer: { phone: '+46701234567' } });
    const result = readFileSync(join(home, 'links.results.csv'), 'utf8').trim().split('\n');
    expect(result[0]).toBe('row,link_reference,store,result,link_id,url,status,error');
    expect(result).toHaveLength(4);
    expect(result[1]).toMatch(/^2,B-1,se-demo,created,[0-9a-f-]{36},https:\/\/pay\.sandbox\.kustom\.example\/l\/[0-9a-f-]{36},created,$/);
  });

  it('a bad row in the middle: every problem is reported with its row and nothing is created', async () => {
    const home = tempHome();
    const bad = ',B-X,1009,not-an-email,,"name=Cap,price=abc,tax=25",,email,,';
    const file = write(home, [good[0] ?? '', bad, good[2] ?? '']);
    const r = await runCli(['links', 'create', '--from', file, '--store', 'se-demo'], { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('row 3 email:');
    expect(r.stderr).toContain('row 3 lines[1].price:');
    expect(r.stderr).toContain('Nothing was created');
    expect(await listLinks(home)).toEqual([]);
  });

  it('re-running the same file creates no duplicates and reports the rows as existing', async () => {
    const home = tempHome();
    const file = write(home, good);
    expect((await runCli(['links', 'create', '--from', file, '--store', 'se-demo'], { home })).exitCode).toBe(0);
    const first = await listLinks(home);
    const again = await runCli(['links', 'create', '--from', file, '--store', 'se-demo', '--results', join(home, 'out.json'), '--json'], { home });
    expect(again.exitCode).toBe(0);
    // --json streams NDJSON: one row object per line.
    const rows = again.stdout.trim().split('\n').map((l) => JSON.parse(l) as { row: number; result: string });
    expect(rows.map((r) => [r.row, r.result])).toEqual([[2, 'existing'], [3, 'existing'], [4, 'existing']]);
    expect((await listLinks(home)).map((l) => l.link_id).sort()).toEqual(first.map((l) => l.link_id).sort());
    const json = JSON.parse(readFileSync(join(home, 'out.json'), 'utf8')) as { link_id: string; url: string; status: string }[];
    expect(json.every((r) => r.link_id && r.url && r.status === 'created')).toBe(true);
  });

  it('requires link_reference and a store per row, refuses duplicate references and unknown columns', async () => {
    const home = tempHome();
    const file = write(home, [',,1,a@b.example,,"name=A,price=1,tax=25",,,,', 'se-demo,D,2,a@b.example,,"name=A,price=1,tax=25",,,,', 'se-demo,D,3,a@b.example,,"name=A,price=1,tax=25",,,,']);
    const r = await runCli(['links', 'create', '--from', file], { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('row 2 store: is required');
    expect(r.stderr).toContain('row 2 link_reference: is required');
    expect(r.stderr).toContain('row 4 link_reference: D is also on row 3');
    const odd = join(home, 'odd.csv');
    writeFileSync(odd, 'store,link_ref\nse-demo,x\n');
    expect((await runCli(['links', 'create', '--from', odd], { home })).stderr).toContain('unknown column(s) link_ref');
  });

  it('--dry-run validates every row and creates nothing; per-link flags cannot be mixed in', async () => {
    const home = tempHome();
    const file = write(home, good);
    const dry = await runCli(['links', 'create', '--from', file, '--store', 'se-demo', '--dry-run'], { home });
    expect(dry.exitCode).toBe(0);
    expect(dry.stderr).toContain('all 3 rows are valid');
    expect(await listLinks(home)).toEqual([]);
    const mixed = await runCli(['links', 'create', '--from', file, '--email', 'a@b.example'], { home });
    expect(mixed.exitCode).toBe(2);
    expect(mixed.stderr).toContain('cannot be combined with --email');
  });

  it('a store without a terms URL fails validation for its rows', async () => {
    const home = tempHome();
    const file = write(home, ['de-demo,G-1,1,a@b.example,,"name=A,price=1,tax=19",,,,']);
    const r = await runCli(['links', 'create', '--from', file], { home });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('row 2 terms_url');
  });
});
