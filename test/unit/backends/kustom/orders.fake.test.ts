/** Order Management on the kustom backend against the fake Kustom, including injected faults. */
import { afterEach, describe, expect, it } from 'vitest';
import { withFake, type FakeSetup } from '../../../helpers/with-fake-kustom.js';

let s: FakeSetup | undefined;
afterEach(async () => {
  const violations = (await s?.done()) ?? [];
  s = undefined;
  expect(violations).toEqual([]);
});

const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('kustom orders through the fake', () => {
  it('gets an order mapped to the interface, and refuses unknown and non-UUID ids as not_found', async () => {
    s = await withFake();
    const id = s.fake.seedOrder({ order_amount: 10_000, merchant_reference1: 'R-1', billing_address: { email: 'k@example.se' } });
    const order = await s.backend.orders!.get(id);
    expect(order).toMatchObject({ order_id: id, status: 'AUTHORIZED', order_amount: 10_000, remaining_authorized_amount: 10_000, purchase_currency: 'SEK', merchant_reference1: 'R-1', customer: { email: 'k@example.se' }, captures: [], refunds: [] });
    await expect(s.backend.orders!.get('00000000-0000-4000-8000-000000000999')).rejects.toMatchObject({ kind: 'not_found' });
    await expect(s.backend.orders!.get('not-a-uuid')).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('captures by amount and by lines, refunds, releases the rest; timeline shows it all', async () => {
    s = await withFake();
    const orders = s.backend.orders!;
    const id = s.fake.seedOrder({ order_amount: 10_000 });
    const c1 = await orders.capture(id, { captured_amount: 3_000, reference: 'SHIP-1', shipping_info: [{ shipping_company: 'PostNord SE', shipping_method: 'PickUpPoint', tracking_number: '123' }] }, { idempotencyKey: 'cap-1' });
    expect(c1).toMatchObject({ captured_amount: 3_000, reference: 'SHIP-1', shipping_info: [{ tracking_number: '123' }] });
    const line = { type: 'physical' as const, reference: 'SKU-1', name: 'Fake item', quantity: 1, unit_price: 2_000, tax_rate: 2500, total_discount_amount: 0, total_amount: 2_000, total_tax_amount: 400 };
    const c2 = await orders.capture(id, { captured_amount: 2_000, order_lines: [line] }, { idempotencyKey: 'cap-2' });
    expect(c2.order_lines).toMatchObject([{ reference: 'SKU-1', total_amount: 2_000 }]);
    const r = await orders.refund(id, { refunded_amount: 1_000, description: 'returned' }, { idempotencyKey: 'ref-1' });
    expect(r).toMatchObject({ refunded_amount: 1_000, description: 'returned' });
    await orders.addShippingInfo(id, c1.capture_id, [{ shipping_company: 'DHL', tracking_number: 'T-9' }], { idempotencyKey: 'ship-1' });
    const released = await orders.releaseRemaining(id, { idempotencyKey: 'rel-1' });
    expect(released).toMatchObject({ status: 'CAPTURED', captured_amount: 5_000, refunded_amount: 1_000, remaining_authorized_amount: 0 });
    const timeline = await orders.timeline(id);
    expect(timeline.map((e) => e.type)).toEqual(['created', 'captured', 'captured', 'refunded', 'shipping_info', 'released']);
    await expect(orders.capture(id, { captured_amount: 1 }, { idempotencyKey: 'cap-3' })).rejects.toMatchObject({ kind: 'state_conflict' });
  });

  it("tells the caller once its capture's last request is answered: at once with a snapshot, never when it reads the capture back", async () => {
    s = await withFake();
    const orders = s.backend.orders!;
    const id = s.fake.seedOrder({ order_amount: 10_000 });
    const seen: string[] = [];
    const fake = s.fake;
    const hooks = {
      beforeSend: async () => void seen.push(`before (${fake.requests.length} requests)`),
      afterSend: () => void seen.push(`after (${fake.requests.length} requests)`),
    };
    const snapshot = await orders.get(id);
    const sent = fake.requests.length;
    const trusted = await orders.capture(id, { captured_amount: 4_000 }, { idempotencyKey: 'with-snapshot', snapshot, ...hooks });
    expect(trusted).toMatchObject({ captured_amount: 4_000 });
    // The POST alone: the 201 is trusted and nothing is read back.
    expect(seen).toEqual([`before (${sent} requests)`, `after (${sent + 1} requests)`]);
    seen.length = 0;
    const before = fake.requests.length;
    await orders.capture(id, { captured_amount: 1_000 }, { idempotencyKey: 'without-snapshot', ...hooks });
    // Read, sent, then read back under the turn already taken: the caller is not told its turn is over.
    expect(fake.requests.length).toBe(before + 3);
    expect(seen).toEqual([`before (${before} requests)`, `before (${before + 1} requests)`]);
  });

  it('sends Klarna-Idempotency-Key on every OM write and repeats an operation safely with the same key', async () => {
    s = await withFake();
    const id = s.fake.seedOrder({ order_amount: 10_000 });
    await s.backend.orders!.capture(id, { captured_amount: 1_000 }, { idempotencyKey: 'same' });
    const writes = s.fake.requests.filter((r) => r.method === 'POST' || r.method === 'PATCH');
    expect(writes.every((w) => w.idempotencyKey === 'same')).toBe(true);
  });

  it('cancels an authorized order, refuses to cancel a captured one, extends an authorization', async () => {
    s = await withFake();
    const orders = s.backend.orders!;
    const a = s.fake.seedOrder({ order_amount: 5_000 });
    expect(await orders.cancel(a, { idempotencyKey: 'cancel-a' })).toMatchObject({ status: 'CANCELLED', remaining_authorized_amount: 0 });
    const b = s.fake.seedOrder({ order_amount: 5_000 });
    await orders.capture(b, { captured_amount: 5_000 }, { idempotencyKey: 'cap-b' });
    await expect(orders.cancel(b, { idempotencyKey: 'cancel-b' })).rejects.toMatchObject({ kind: 'state_conflict' });
    const c = s.fake.seedOrder({ order_amount: 5_000, expires_at: new Date(Date.now() + 5 * 86_400_000).toISOString() });
    const extended = await orders.extendAuthorization(c, { idempotencyKey: 'ext-c' });
    expect(Date.parse(extended.expires_at)).toBeGreaterThan(Date.now() + 27 * 86_400_000);
    expect((await orders.timeline(a)).map((e) => e.type)).toEqual(['created', 'cancelled']);
  });

  it('a capture that timed out after Kustom committed it is resolved by the retry with the same key (no double capture)', async () => {
    s = await withFake({ faults: { timeoutAfterCommitRate: 1 } }, { timeoutMs: 2_000 });
    const id = s.fake.seedOrder({ order_amount: 10_000 });
    const c = await s.backend.orders!.capture(id, { captured_amount: 4_000 }, { idempotencyKey: 'cap-t' });
    expect(c.captured_amount).toBe(4_000);
    expect(s.fake.state.orders.get(id)?.captures).toHaveLength(1);
  });

  it('with no retry left, an unknown capture outcome is resolved by re-reading the order', async () => {
    s = await withFake({ faults: { timeoutAfterCommitRate: 1 } }, { maxAttempts: 1, timeoutMs: 2_000 });
    const orders = s.backend.orders!;
    const id = s.fake.seedOrder({ order_amount: 10_000 });
    const c = await orders.capture(id, { captured_amount: 4_000, reference: 'R-T' }, { idempotencyKey: 'cap-u' });
    expect(c).toMatchObject({ captured_amount: 4_000, reference: 'R-T' });
    expect(s.fake.state.orders.get(id)?.captures).toHaveLength(1);
    expect((await orders.cancel(s.fake.seedOrder({ order_amount: 100 }), { idempotencyKey: 'cancel-u' })).status).toBe('CANCELLED');
    expect(s.fake.requests.some((r) => r.status === 0)).toBe(true);
  });

  it('backs off on 429 using the rate-limit headers and still completes', async () => {
    s = await withFake({ rateLimitPerSecond: 3 }, { sleep: realSleep });
    const id = s.fake.seedOrder({ order_amount: 10_000 });
    // Ten at once against 3/s: even split across two 1-second windows, at least four are answered 429.
    await Promise.all(Array.from({ length: 10 }, () => s!.backend.orders!.get(id)));
    expect(s.fake.requests.some((r) => r.status === 429)).toBe(true);
    expect(s.fake.requests.filter((r) => r.status === 200)).toHaveLength(10);
  });

  it('lists orders the ledger knows, refreshed from Kustom, with filters and paging', async () => {
    s = await withFake();
    const orders = s.backend.orders!;
    const a = s.fake.seedOrder({ order_amount: 1_000, merchant_reference1: 'A' });
    const b = s.fake.seedOrder({ order_amount: 2_000, merchant_reference1: 'B' });
    await orders.get(a);
    await orders.get(b);
    s.fake.state.orders.get(a)!.status = 'CANCELLED';
    const cancelled = await orders.list({ statuses: ['CANCELLED'] });
    expect(cancelled.items.map((o) => o.order_id)).toEqual([a]);
    expect((await orders.list({ reference: 'B' })).items.map((o) => o.order_id)).toEqual([b]);
    expect((await orders.list({ pageSize: 1 })).nextCursor).toBe('1');
  });
});
