import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../helpers/run-cli.js';

interface OrderJson {
  order_id: string;
  status: string;
  captured_amount: number;
  created_at: string;
}

describe('orders list across pages (500 orders a page)', () => {
  it('--all --json streams every order once, newest first, with captures read per page; --status filters across pages', async () => {
    const home = tempHome('merchant-orders-pages-');
    const seeded = await runCli(['sandbox', 'orders', 'seed', '--store', 'se-demo', '--count', '1203', '--json'], { home });
    expect(seeded.exitCode, seeded.stderr).toBe(0);
    const ids = seeded.json<{ order_id: string }[]>().map((o) => o.order_id);
    // Captures spread over the pages: the first, a page boundary, the last.
    const captured = [ids[0]!, ids[499]!, ids[500]!, ids[1202]!];
    for (const id of captured) expect((await runCli(['orders', 'capture', id, '--yes'], { home })).exitCode).toBe(0);

    const all = await runCli(['orders', 'list', '--all', '--json'], { home });
    expect(all.exitCode, all.stderr).toBe(0);
    const rows = all.json<OrderJson[]>();
    expect(rows).toHaveLength(1203);
    expect(new Set(rows.map((r) => r.order_id))).toEqual(new Set(ids));
    const keys = rows.map((r) => `${r.created_at}|${r.order_id}`);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(rows.filter((r) => r.status === 'CAPTURED').map((r) => r.order_id).sort()).toEqual([...captured].sort());
    expect(rows.filter((r) => r.captured_amount > 0)).toHaveLength(4);

    const onlyCaptured = (await runCli(['orders', 'list', '--all', '--status', 'CAPTURED', '--json'], { home })).json<OrderJson[]>();
    expect(onlyCaptured.map((r) => r.order_id).sort()).toEqual([...captured].sort());
    const limited = (await runCli(['orders', 'list', '--limit', '501', '--json', 'order_id'], { home })).json<{ order_id: string }[]>();
    expect(limited).toEqual(rows.slice(0, 501).map((r) => ({ order_id: r.order_id })));
    const csv = await runCli(['orders', 'list', '--all', '--csv'], { home });
    expect(csv.stdout.trim().split('\n')).toHaveLength(1204);
  });
});
