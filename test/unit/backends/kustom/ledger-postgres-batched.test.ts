/**
 * The kustom ledger in the shared PostgreSQL database (a real server): a bulk run's claims of one turn
 * share one statement, and its snapshots and result IDs are deferred writes written together. Neither
 * weakens what a caller is told: a claim is on the server when it resolves, a key used for another order is
 * refused alone, this process reads its own deferred writes, and a write the server refuses is reported.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../../src/backends/kustom/ledger/ledger.js';
import type { Order } from '../../../../src/domain/model/order.js';
import { migratedLedgerDatabase } from '../../../helpers/ledger-database.js';
import { describePg } from '../../../helpers/postgres.js';

const clock = { now: () => new Date('2026-03-01T12:00:00.000Z') };

const order = (id: string, patch: Partial<Order> = {}): Order =>
  ({
    order_id: id,
    store_id: 'se-shop',
    link_id: null,
    merchant_reference1: `M-${id}`,
    merchant_reference2: null,
    status: 'AUTHORIZED',
    created_at: '2026-03-01T08:00:00.000Z',
    purchase_currency: 'SEK',
    customer: { email: 'e@example.com' },
    ...patch,
  }) as unknown as Order;

describePg('the kustom ledger on postgresql: shared statements and deferred writes', () => {
  let url: string;
  let other: pg.Pool;
  const open = (): Promise<Ledger> => openLedger({ file: '/nonexistent/kustom.db', databaseUrl: url, clock, env: {} });
  beforeAll(async () => {
    url = await migratedLedgerDatabase();
    other = new pg.Pool({ connectionString: url, max: 4 });
  });
  afterAll(async () => {
    await other.end();
  });
  /** What another machine sees now. */
  const row = async (table: 'orders' | 'om_operations', column: 'order_id' | 'idempotency_key', key: string) =>
    (await other.query<{ xmin: string; result_id?: string | null; status?: string | null }>(`SELECT *, xmin::text FROM ${table} WHERE ${column} = $1`, [key])).rows[0];

  it('claims asked for in one turn are one INSERT, each on the server when it resolves; a key used for another order fails alone', async () => {
    const ledger = await open();
    await ledger.operations.claim('c0', 'O0', 'orders.capture', 't');
    const onResolve: Record<string, boolean> = {};
    const asked = (['c1', 'c0', 'c2', 'c3'] as const).map((key, i) =>
      ledger.operations.claim(key, `O${i}`, 'orders.capture', 't').then(async () => {
        onResolve[key] = (await row('om_operations', 'idempotency_key', key)) !== undefined;
      }),
    );
    const settled = await Promise.allSettled(asked);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(settled[1]).toMatchObject({ reason: { kind: 'state_conflict' } });
    expect(onResolve).toEqual({ c1: true, c2: true, c3: true });
    const xmins = await Promise.all(['c1', 'c2', 'c3'].map(async (k) => (await row('om_operations', 'idempotency_key', k))?.xmin));
    expect(new Set(xmins).size).toBe(1);
    // The same key claimed again for the same operation (a retry) is no conflict.
    await expect(ledger.operations.claim('c1', 'O0', 'orders.capture', 't')).resolves.toBeUndefined();
    await ledger.close();
  });

  it('snapshots and results are read back at once by this process, written together, and on the server after the close', async () => {
    const ledger = await open();
    await ledger.operations.claim('d1', 'D1', 'orders.capture', 't');
    await ledger.orders.saveSnapshot(order('D1'), 't1');
    await ledger.orders.saveSnapshot(order('D2'), 't1');
    await ledger.operations.setResult('d1', 'cap-1');
    expect((await ledger.orders.get('D1'))?.status).toBe('AUTHORIZED');
    expect((await ledger.operations.find('d1', 'D1', 'orders.capture'))?.result_id).toBe('cap-1');
    expect((await row('orders', 'order_id', 'D1'))?.xmin).toBe((await row('orders', 'order_id', 'D2'))?.xmin);
    // The same order twice before a write: the later snapshot wins.
    await ledger.orders.saveSnapshot(order('D3', { status: 'AUTHORIZED' }), 't2');
    await ledger.orders.saveSnapshot(order('D3', { status: 'CAPTURED' }), 't3');
    await ledger.operations.setResult('d1', 'cap-2');
    expect((await ledger.orders.all()).map((o) => o.order_id).sort()).toEqual(['D1', 'D2', 'D3']);
    await ledger.orders.saveSnapshot(order('D4'), 't4');
    await ledger.close();
    expect((await row('orders', 'order_id', 'D3'))?.status).toBe('CAPTURED');
    expect((await row('orders', 'order_id', 'D4'))?.status).toBe('AUTHORIZED');
    expect((await row('om_operations', 'idempotency_key', 'd1'))?.result_id).toBe('cap-2');
  });

  it('a deferred write the server refuses is reported by the next read; the close does not throw', async () => {
    const ledger = await open();
    await ledger.orders.saveSnapshot(order('E1', { store_id: null as unknown as string }), 't');
    await expect(ledger.orders.get('E1')).rejects.toThrow(/null/i);
    expect(await ledger.orders.get('E1')).toBeUndefined();
    await ledger.orders.saveSnapshot(order('E2', { store_id: null as unknown as string }), 't');
    await expect(ledger.close()).resolves.toBeUndefined();
  });
});
