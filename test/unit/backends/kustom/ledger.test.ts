/**
 * The kustom ledger's repositories on both engines: this machine's SQLite file and the shared PostgreSQL
 * database (a real server, see test/helpers/postgres.ts). The same calls give the same answers; the
 * PostgreSQL form also shares scheduled sends between dispatchers without sending one twice.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, type Ledger } from '../../../../src/backends/kustom/ledger/ledger.js';
import type { MessageRow } from '../../../../src/backends/kustom/ledger/links-repo.js';
import type { Order } from '../../../../src/domain/model/order.js';
import { ledgerEngines } from '../../../helpers/ledger-engines.js';

const clock = { now: () => new Date('2026-03-01T12:00:00.000Z') };

const engines = ledgerEngines(clock);

const pending = (key: string, storeId = 'se-shop', createdAt = '2026-03-01T10:00:00.000Z') => ({
  idempotency_key: key,
  store_id: storeId,
  checkout_order_id: `co-${key}`,
  link_reference: `LR-${key}`,
  merchant_reference1: `R-${key}`,
  merchant_reference2: null,
  request: JSON.stringify({ key }),
  created_at: createdAt,
  expires_at: '2026-03-03T10:00:00.000Z',
});

const session = (id: string) => ({ link_id: id, session_url: `https://k/s/${id}`, distribution_url: `https://k/s/${id}/d`, url: `https://pay/${id}`, expires_at: '2026-03-02T10:00:00.000Z' });

const message = (id: string, linkId: string, scheduledFor: string): MessageRow => ({
  message_id: id,
  link_id: linkId,
  channel: 'email',
  recipient: 'a@example.com',
  subject: null,
  body: 'b',
  status: 'scheduled',
  scheduled_for: scheduledFor,
  sent_at: null,
  error: null,
  created_at: '2026-03-01T09:00:00.000Z',
});

const order = (id: string, patch: Partial<Order> = {}): Order =>
  ({
    order_id: id,
    store_id: 'se-shop',
    link_id: null,
    merchant_reference1: 'M-1',
    merchant_reference2: 'M-2',
    status: 'AUTHORIZED',
    created_at: '2026-03-01T08:00:00.000Z',
    purchase_currency: 'SEK',
    purchase_country: 'SE',
    remaining_authorized_amount: 12_500,
    expires_at: '2026-03-02T00:00:00.000Z',
    customer: { email: 'e@example.com' },
    ...patch,
  }) as unknown as Order;

describe.each(engines)('the kustom ledger on %s', (engine, prepare) => {
  let open: (env?: Record<string, string>) => Promise<Ledger>;
  let ledger: Ledger;
  beforeAll(async () => {
    open = await prepare();
    ledger = await open();
  });
  afterAll(async () => {
    await ledger.close();
  });

  it('keeps stores: create, a second create refused, update only what the patch names, unknown named with the known ones', async () => {
    expect(ledger.engine).toBe(engine);
    const store = await ledger.stores.create({ id: 'se-shop', name: 'Shop', purchase_country: 'SE', currencies: ['SEK'], terms_url: 'https://s/terms' });
    expect(store).toMatchObject({ id: 'se-shop', currencies: ['SEK'], payout_schedule: 'daily', created_at: clock.now().toISOString() });
    await expect(ledger.stores.create({ id: 'se-shop', name: 'Again', purchase_country: 'SE', currencies: ['SEK'] })).rejects.toThrow(/already exists/);
    const updated = await ledger.stores.update('se-shop', { name: 'Renamed', terms_url: undefined });
    expect(updated).toMatchObject({ name: 'Renamed', terms_url: 'https://s/terms' });
    expect((await ledger.stores.update('se-shop', { terms_url: null })).terms_url).toBeNull();
    await expect(ledger.stores.get('nope')).rejects.toMatchObject({ kind: 'not_found', hint: expect.stringContaining('Known stores: se-shop.') });
    await expect(ledger.stores.update('nope', { name: 'x' })).rejects.toMatchObject({ kind: 'not_found' });
    expect((await ledger.stores.list()).map((s) => s.id)).toEqual(['se-shop']);
  });

  it('keeps links from the pending row to the session, newest first, and status patches keep what they leave out', async () => {
    await ledger.links.insertPending(pending('k1', 'se-shop', '2026-03-01T10:00:00.000Z'));
    await ledger.links.insertPending(pending('k2', 'se-shop', '2026-03-01T10:00:00.000Z'));
    await ledger.links.insertPending(pending('k3'));
    await expect(ledger.links.insertPending(pending('k1'))).rejects.toThrow();
    expect((await ledger.links.byKey('k1'))?.link_id).toBeNull();
    expect(await ledger.links.all()).toEqual([]);
    await ledger.links.attachSession('k1', session('L1'));
    await ledger.links.attachSession('k2', session('L2'));
    const first = await ledger.links.byId('L1');
    expect(first).toMatchObject({ idempotency_key: 'k1', provider_status: 'WAITING', url: 'https://pay/L1', order_id: null });
    expect(Object.keys(first ?? {}).sort()).toEqual(Object.keys(pending('x')).concat(['link_id', 'session_url', 'distribution_url', 'url', 'provider_status', 'order_id', 'cancelled_at', 'completed_at', 'refreshed_at']).sort());
    expect((await ledger.links.byReference('se-shop', 'LR-k2'))?.link_id).toBe('L2');
    expect(await ledger.links.byReference('se-shop', 'LR-k3')).toBeUndefined();
    // Same created_at: the later insert first.
    expect((await ledger.links.all()).map((l) => l.link_id)).toEqual(['L2', 'L1']);
    await ledger.links.updateStatus('L1', { provider_status: 'COMPLETED', order_id: 'O1', completed_at: '2026-03-01T11:00:00.000Z', refreshed_at: 't1' });
    await ledger.links.updateStatus('L1', { provider_status: 'COMPLETED', refreshed_at: 't2' });
    expect(await ledger.links.byId('L1')).toMatchObject({ order_id: 'O1', completed_at: '2026-03-01T11:00:00.000Z', cancelled_at: null, refreshed_at: 't2' });
    // A second link finishing with a reference another link holds is a unique violation on either engine.
    await ledger.links.insertPending({ ...pending('k4'), link_reference: 'LR-k1' });
    const { isUniqueViolation } = await import('../../../../src/backends/kustom/ledger/ledger.js');
    const clash = await ledger.links.attachSession('k4', session('L4')).catch((e: unknown) => e);
    expect(isUniqueViolation(clash)).toBe(true);
  });

  it('records messages and hands each due one to one claim, oldest first; a released claim is due again', async () => {
    await ledger.links.insertMessage({ ...message('m-sent', 'L1', '2026-03-01T09:00:00.000Z'), status: 'sent', scheduled_for: null, sent_at: 'x' });
    await ledger.links.insertMessage(message('m-late', 'L1', '2026-03-01T11:30:00.000Z'));
    await ledger.links.insertMessage(message('m-early', 'L1', '2026-03-01T11:00:00.000Z'));
    await ledger.links.insertMessage(message('m-future', 'L1', '2026-03-01T13:00:00.000Z'));
    expect((await ledger.links.messages('L1')).map((m) => m.message_id).sort()).toEqual(['m-early', 'm-future', 'm-late', 'm-sent']);
    const now = clock.now().toISOString();
    const a = await ledger.links.claimNext(now);
    expect(a).toMatchObject({ message_id: 'm-early', recipient: 'a@example.com', channel: 'email' });
    expect(Object.keys(a ?? {}).sort()).toEqual(Object.keys(message('x', 'y', 'z')).sort());
    const b = await ledger.links.claimNext(now);
    expect(b?.message_id).toBe('m-late');
    expect(await ledger.links.claimNext(now)).toBeUndefined();
    await ledger.links.release('m-late');
    expect((await ledger.links.claimNext(now))?.message_id).toBe('m-late');
    await ledger.links.finishMessage('m-early', 'sent', '2026-03-01T12:00:01.000Z', null);
    await ledger.links.finishMessage('m-late', 'failed', '2026-03-01T12:00:01.000Z', 'refused');
    const after = Object.fromEntries((await ledger.links.messages('L1')).map((m) => [m.message_id, [m.status, m.sent_at, m.error]]));
    expect(after['m-early']).toEqual(['sent', '2026-03-01T12:00:01.000Z', null]);
    expect(after['m-late']).toEqual(['failed', null, 'refused']);
    expect(after['m-future']?.[0]).toBe('scheduled');
  });

  it('lists messages made in the same millisecond in the order they were made, whatever their ids', async () => {
    // Ids chosen to sort against the order of making, and ties in both `created_at` and `scheduled_for`.
    const ids = ['z-email', 'y-sms', 'x-email', 'm-sms', 'c-email', 'a-sms'];
    for (const id of ids) await ledger.links.insertMessage({ ...message(id, 'L-tie', '2026-03-01T11:59:30.000Z'), channel: id.endsWith('sms') ? 'sms' : 'email' });
    expect((await ledger.links.messages('L-tie')).map((m) => m.message_id)).toEqual(ids);
    const claimed = [];
    for (const _ of ids) claimed.push((await ledger.links.claimNext(clock.now().toISOString()))?.message_id);
    expect(claimed).toEqual(ids);
    for (const id of ids) await ledger.links.finishMessage(id, 'sent', '2026-03-01T12:00:00.000Z', null);
  });

  it('remembers orders, keeps their snapshots and events, finds them by either reference', async () => {
    await ledger.orders.remember({ order_id: 'O1', store_id: 'se-shop', link_id: 'L1', merchant_reference1: 'M-1', merchant_reference2: null }, '2026-03-01T11:00:00.000Z');
    await ledger.orders.saveSnapshot(order('O1', { link_id: null }), '2026-03-01T11:05:00.000Z');
    await ledger.orders.saveSnapshot(order('O2', { merchant_reference1: 'other', created_at: '2026-03-01T09:00:00.000Z' }), '2026-03-01T11:06:00.000Z');
    const one = await ledger.orders.get('O1');
    expect(one).toMatchObject({ link_id: 'L1', status: 'AUTHORIZED', email: 'e@example.com', first_seen_at: '2026-03-01T11:00:00.000Z', refreshed_at: '2026-03-01T11:05:00.000Z' });
    expect(JSON.parse(one?.snapshot ?? '{}')).toMatchObject({ order_id: 'O1', remaining_authorized_amount: 12_500 });
    // Newest first by the order's own creation time.
    expect((await ledger.orders.all()).map((o) => o.order_id)).toEqual(['O2', 'O1']);
    expect((await ledger.orders.byReference('M-2')).map((o) => o.order_id)).toEqual(['O2', 'O1']);
    expect((await ledger.orders.byReference('other')).map((o) => o.order_id)).toEqual(['O2']);
    await ledger.orders.addEvent('O1', { at: '2026-03-01T11:10:00.000Z', type: 'released', amount: 12_500, detail: 'released' });
    await ledger.orders.addEvent('O1', { at: '2026-03-01T11:10:00.000Z', type: 'extended', amount: null, detail: 'extended' });
    expect(await ledger.orders.events('O1')).toEqual([
      { at: '2026-03-01T11:10:00.000Z', type: 'released', amount: 12_500, detail: 'released' },
      { at: '2026-03-01T11:10:00.000Z', type: 'extended', amount: null, detail: 'extended' },
    ]);
  });

  it('records OM writes by key: a retry finds it, another order or operation under the same key is refused', async () => {
    await ledger.operations.claim('key-1', 'O1', 'orders.capture', 't');
    await ledger.operations.claim('key-1', 'O1', 'orders.capture', 't2');
    expect(await ledger.operations.find('key-1', 'O1', 'orders.capture')).toMatchObject({ result_id: null, created_at: 't' });
    await ledger.operations.setResult('key-1', 'cap-1');
    expect((await ledger.operations.find('key-1', 'O1', 'orders.capture'))?.result_id).toBe('cap-1');
    await expect(ledger.operations.claim('key-1', 'O2', 'orders.capture', 't')).rejects.toMatchObject({ kind: 'state_conflict' });
    await expect(ledger.operations.find('key-1', 'O1', 'orders.refund')).rejects.toThrow(/already used to orders.capture order O1/);
    expect(await ledger.operations.find('key-2', 'O1', 'orders.capture')).toBeUndefined();
  });

  it('sums what waits in the overview, with numbers', async () => {
    const summary = await ledger.overview.summary({ expiring_before: '2026-03-01T18:00:00.000Z', links_expiring_before: '2026-03-01T23:00:00.000Z', expiring_limit: 10 });
    expect(summary.uncaptured).toEqual([{ store_id: 'se-shop', currency: 'SEK', orders: 2, amount: 25_000, expiring_soon: 0, expiring_amount: 0 }]);
    expect(summary.expiring).toEqual([]);
    // L1 completed; L2 waits and expires 2026-03-02.
    expect(summary.links).toEqual([{ store_id: 'se-shop', awaiting_payment: 1, expiring_today: 0 }]);
    const soon = await ledger.overview.summary({ store_id: 'se-shop', expiring_before: '2026-03-03T00:00:00.000Z', links_expiring_before: '2026-03-03T00:00:00.000Z', expiring_limit: 1 });
    expect(soon.uncaptured[0]).toMatchObject({ expiring_soon: 2, expiring_amount: 25_000 });
    expect(soon.expiring).toEqual([expect.objectContaining({ order_id: 'O1', remaining_authorized_amount: 12_500, currency: 'SEK', purchase_country: 'SE' })]);
    expect(soon.links).toEqual([{ store_id: 'se-shop', awaiting_payment: 1, expiring_today: 1 }]);
  });

  it.runIf(engine === 'postgresql')('shares the ledger between machines; dispatchers on two of them claim each due message once', async () => {
    const other = await open();
    try {
      expect((await other.stores.list()).map((s) => s.id)).toEqual(['se-shop']);
      expect((await other.links.byId('L2'))?.url).toBe('https://pay/L2');
      const ids = Array.from({ length: 40 }, (_, i) => `d-${String(i).padStart(2, '0')}`);
      for (const id of ids) await ledger.links.insertMessage(message(id, 'L2', '2026-03-01T11:59:00.000Z'));
      const drain = async (l: Ledger): Promise<string[]> => {
        const got: string[] = [];
        for (let m = await l.links.claimNext(clock.now().toISOString()); m; m = await l.links.claimNext(clock.now().toISOString())) got.push(m.message_id);
        return got;
      };
      const [a, b] = await Promise.all([drain(ledger), drain(other)]);
      expect([...a, ...b].sort()).toEqual(ids);
      expect(a.length + b.length).toBe(new Set([...a, ...b]).size);
    } finally {
      await other.close();
    }
  });

  it.runIf(engine === 'postgresql')('a claim whose dispatcher stopped is due again for another once its lease runs out, never before', async () => {
    // Long enough that the next claim, one round trip later, falls inside it on a loaded machine.
    const dead = await open({ MERCHANT_DISPATCH_LEASE_MS: '2000' });
    const live = await open();
    try {
      await ledger.links.insertMessage(message('orphan', 'L2', '2026-03-01T11:58:00.000Z'));
      expect((await dead.links.claimNext(clock.now().toISOString()))?.message_id).toBe('orphan');
      // `dead` never finishes it. While its lease holds, nobody else gets it.
      expect(await live.links.claimNext(clock.now().toISOString())).toBeUndefined();
      let taken: MessageRow | undefined;
      for (const until = Date.now() + 20_000; !taken && Date.now() < until; ) {
        await new Promise((r) => setTimeout(r, 50));
        taken = await live.links.claimNext(clock.now().toISOString());
      }
      expect(taken?.message_id).toBe('orphan');
      // The stopped dispatcher cannot release what it no longer holds; the new holder records the outcome.
      await dead.links.release('orphan');
      expect(await ledger.links.claimNext(clock.now().toISOString())).toBeUndefined();
      await live.links.finishMessage('orphan', 'sent', 'at', null);
      expect((await ledger.links.messages('L2')).find((m) => m.message_id === 'orphan')?.status).toBe('sent');
    } finally {
      await dead.close();
      await live.close();
    }
  });

  it("knows an order's store and link in one read: the order's own, else the newest link that completed into it", async () => {
    // O1 was remembered with link L1; O2 has a snapshot without a link; O9 is known only from a link.
    expect(await ledger.orders.origin('O1')).toEqual({ store_id: 'se-shop', link_id: 'L1' });
    expect(await ledger.orders.origin('O2')).toEqual({ store_id: 'se-shop', link_id: null });
    expect(await ledger.orders.origin('nobody')).toEqual({ store_id: null, link_id: null });
    await ledger.links.updateStatus('L2', { provider_status: 'COMPLETED', order_id: 'O9', completed_at: '2026-03-01T11:20:00.000Z', refreshed_at: 't3' });
    expect(await ledger.orders.origin('O9')).toEqual({ store_id: null, link_id: 'L2' });
    // A snapshot saved a moment ago (deferred on either engine) is what the read sees.
    await ledger.orders.saveSnapshot(order('O9', { store_id: 'no-shop' }), '2026-03-01T11:21:00.000Z');
    expect(await ledger.orders.origin('O9')).toEqual({ store_id: 'no-shop', link_id: 'L2' });
  });

  it('revises a stored snapshot in its write: the order made of the stored one is stored, nothing when there is none', async () => {
    const seen: (Order | undefined)[] = [];
    await ledger.orders.reviseSnapshot('O2', '2026-03-01T11:30:00.000Z', (stored) => (seen.push(stored), stored && { ...stored, status: 'CAPTURED', remaining_authorized_amount: 0 }));
    await ledger.orders.reviseSnapshot('nobody', '2026-03-01T11:30:00.000Z', (stored) => (seen.push(stored), undefined));
    const revised = await ledger.orders.get('O2');
    expect(revised).toMatchObject({ status: 'CAPTURED', refreshed_at: '2026-03-01T11:30:00.000Z', email: 'e@example.com' });
    expect(JSON.parse(revised?.snapshot ?? '{}')).toMatchObject({ order_id: 'O2', status: 'CAPTURED', remaining_authorized_amount: 0, merchant_reference1: 'other' });
    expect(await ledger.orders.get('nobody')).toBeUndefined();
    expect(seen.map((o) => o?.order_id)).toEqual(['O2', undefined]);
    expect(seen[0]).toMatchObject({ status: 'AUTHORIZED' });
  });
});

describe('the kustom ledger on sqlite: deferred writes', () => {
  const fresh = (): { file: string; open: () => Promise<Ledger> } => {
    const file = join(mkdtempSync(join(tmpdir(), 'merchant-ledger-')), 'kustom.db');
    return { file, open: () => openLedger({ file, databaseUrl: undefined, clock, env: {} }) };
  };
  /** What another process sees in the file now (its own connection, read only). */
  const onDisk = (file: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return {
        orders: (db.prepare(`SELECT order_id FROM orders ORDER BY order_id`).all() as { order_id: string }[]).map((r) => r.order_id),
        ops: db.prepare(`SELECT idempotency_key, result_id FROM om_operations ORDER BY idempotency_key`).all(),
      };
    } finally {
      db.close();
    }
  };

  it('a snapshot and a result are read back at once, reach the file with the next claim, and survive the close', async () => {
    const { file, open } = fresh();
    const ledger = await open();
    await ledger.operations.claim('k1', 'O1', 'orders.capture', 't');
    await ledger.orders.saveSnapshot(order('O1'), 't');
    await ledger.operations.setResult('k1', 'cap-1');
    // This process reads its own deferred writes.
    expect((await ledger.orders.get('O1'))?.order_id).toBe('O1');
    expect((await ledger.operations.find('k1', 'O1', 'orders.capture'))?.result_id).toBe('cap-1');
    await ledger.orders.saveSnapshot(order('O2'), 't');
    await ledger.operations.setResult('k1', 'cap-2');
    // The claim is on disk when it resolves, and the deferred writes queued before it with it.
    await ledger.operations.claim('k2', 'O2', 'orders.capture', 't');
    expect(onDisk(file)).toEqual({ orders: ['O1', 'O2'], ops: [{ idempotency_key: 'k1', result_id: 'cap-2' }, { idempotency_key: 'k2', result_id: null }] });
    await ledger.orders.saveSnapshot(order('O3'), 't');
    await ledger.operations.setResult('k2', 'cap-3');
    await ledger.close();
    expect(onDisk(file)).toEqual({ orders: ['O1', 'O2', 'O3'], ops: [{ idempotency_key: 'k1', result_id: 'cap-2' }, { idempotency_key: 'k2', result_id: 'cap-3' }] });
  });

  it('a refused claim fails alone: the deferred writes committed with it are kept, and the next claim goes through', async () => {
    const { file, open } = fresh();
    const ledger = await open();
    await ledger.operations.claim('k1', 'O1', 'orders.capture', 't');
    await ledger.orders.saveSnapshot(order('O1'), 't');
    await expect(ledger.operations.claim('k1', 'O2', 'orders.capture', 't')).rejects.toMatchObject({ kind: 'state_conflict' });
    expect(onDisk(file).orders).toEqual(['O1']);
    await ledger.operations.claim('k2', 'O2', 'orders.capture', 't');
    expect(onDisk(file).ops).toEqual([{ idempotency_key: 'k1', result_id: null }, { idempotency_key: 'k2', result_id: null }]);
    await ledger.close();
  });

  it('claims asked for in one turn are each on disk when they resolve; a refused one in the group fails alone', async () => {
    const { file, open } = fresh();
    const ledger = await open();
    await ledger.operations.claim('k0', 'O0', 'orders.capture', 't');
    const asked = [
      ledger.operations.claim('k1', 'O1', 'orders.capture', 't'),
      ledger.operations.claim('k0', 'O9', 'orders.capture', 't'),
      ledger.operations.claim('k2', 'O2', 'orders.capture', 't'),
    ];
    const settled = await Promise.allSettled(asked);
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(settled[1]).toMatchObject({ reason: { kind: 'state_conflict' } });
    expect(onDisk(file).ops).toEqual([
      { idempotency_key: 'k0', result_id: null },
      { idempotency_key: 'k1', result_id: null },
      { idempotency_key: 'k2', result_id: null },
    ]);
    await ledger.close();
  });

  it('a deferred write that fails is reported by the next read, not lost', async () => {
    const { open } = fresh();
    const ledger = await open();
    // A snapshot the orders table refuses (no store): the read that follows names the failure.
    await ledger.orders.saveSnapshot(order('O1', { store_id: null as unknown as string }), 't');
    await expect(ledger.orders.get('O1')).rejects.toThrow(/NOT NULL/);
    expect(await ledger.orders.get('O1')).toBeUndefined();
    await ledger.close();
  });
});
