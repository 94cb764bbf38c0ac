/** Payment links on the kustom backend against the fake Kustom (every request checked against OpenAPI). */
import { afterEach, describe, expect, it } from 'vitest';
import { withFake, type FakeSetup } from '../../../helpers/with-fake-kustom.js';
import { linkRequest, SEK_CART } from '../../../fixtures/carts.js';

let s: FakeSetup | undefined;
afterEach(async () => {
  const violations = (await s?.done()) ?? [];
  s = undefined;
  expect(violations).toEqual([]);
});

describe('kustom links through the fake', () => {
  it('creates a link (checkout order + HPP session on the same host) and reads its status back', async () => {
    s = await withFake();
    const link = await s.backend.links!.create(linkRequest(SEK_CART, { link_reference: 'INV-7' }), { idempotencyKey: 'c1' });
    expect(link).toMatchObject({ status: 'created', store_id: 'se-demo', order_id: null, link_reference: 'INV-7', has_attachment: false });
    const session = s.fake.state.sessions.get(link.link_id);
    expect(session?.payment_session_url).toBe(`${s.fake.url}/checkout/v3/orders/${session?.checkout_order_id}`);
    const checkout = s.fake.state.checkoutOrders.get(session?.checkout_order_id ?? '');
    expect((checkout?.data.merchant_urls as Record<string, string>).terms).toBe('https://shop.example/terms');
    expect(Date.parse(link.expires_at)).toBeLessThanOrEqual(Date.parse(session?.expires_at ?? ''));

    const orderId = s.fake.completeSession(link.link_id);
    const paid = await s.backend.links!.get(link.link_id);
    expect(paid).toMatchObject({ status: 'completed', order_id: orderId });
    expect(paid.completed_at).not.toBeNull();
    // Seen once, acknowledged once, so Kustom stops pushing to the merchant URL.
    expect(s.fake.state.orders.get(orderId)?.acknowledged).toBe(true);
    // The ledger now knows the order, so orders list and findByReference find it.
    const found = await s.backend.orders!.findByReference('se-demo', 'ORDER-1');
    expect(found).toMatchObject({ order_id: orderId, link_id: link.link_id, status: 'AUTHORIZED' });
    expect((await s.backend.links!.findByReference('se-demo', 'INV-7'))?.link_id).toBe(link.link_id);
  });

  it('refuses a store without terms URL, a foreign currency, an attachment and a message template — nothing created', async () => {
    s = await withFake();
    const links = s.backend.links!;
    await expect(links.create(linkRequest(SEK_CART, { store_id: 'de-demo', purchase_country: 'DE', purchase_currency: 'EUR' }), { idempotencyKey: 'a' })).rejects.toMatchObject({ kind: 'validation', message: expect.stringMatching(/terms/) });
    await expect(links.create(linkRequest(SEK_CART, { purchase_currency: 'EUR' }), { idempotencyKey: 'b' })).rejects.toMatchObject({ kind: 'validation' });
    await expect(links.create(linkRequest(SEK_CART, { attachment: { filename: 'i.pdf', content_type: 'application/pdf', data_base64: 'JVBE', size_bytes: 3 } }), { idempotencyKey: 'c' })).rejects.toMatchObject({ kind: 'usage', message: expect.stringMatching(/kustom backend cannot attach/) });
    await expect(links.create(linkRequest(SEK_CART, { delivery: { channel: 'email', template: 'Hi {url}' } }), { idempotencyKey: 'd' })).rejects.toMatchObject({ kind: 'usage', message: expect.stringMatching(/kustom backend.*template/) });
    expect(s.fake.requests).toHaveLength(0);
  });

  it('sends by email at creation and by SMS later (distribution), and refuses to send a cancelled link', async () => {
    s = await withFake();
    const links = s.backend.links!;
    const link = await links.create(linkRequest(SEK_CART, { delivery: { channel: 'email' }, customer: { email: 'a@example.se', phone: '+46701234567' } }), { idempotencyKey: 'e1' });
    expect(link.messages).toMatchObject([{ channel: 'email', recipient: 'a@example.se', status: 'sent' }]);
    const sms = await links.send(link.link_id, { channel: 'sms' });
    expect(sms).toMatchObject({ channel: 'sms', recipient: '+46701234567', status: 'sent' });
    expect(s.fake.state.sessions.get(link.link_id)?.distributions).toMatchObject([
      { method: 'email', contact_information: { email: 'a@example.se' } },
      { method: 'sms', contact_information: { phone: '+46701234567', phone_country: 'SE' } },
    ]);
    await links.cancel(link.link_id);
    await expect(links.send(link.link_id, { channel: 'email' })).rejects.toMatchObject({ kind: 'state_conflict' });
  });

  it('keeps scheduled sends in the ledger and dispatches only what is due, once', async () => {
    let now = Date.now();
    s = await withFake({}, { clock: { now: () => new Date(now) } });
    const links = s.backend.links!;
    const at = new Date(now + 3_600_000).toISOString();
    const link = await links.create(linkRequest(SEK_CART, { delivery: { channel: 'email', send_at: at } }), { idempotencyKey: 's1' });
    expect(link.messages).toMatchObject([{ status: 'scheduled', scheduled_for: at }]);
    expect(await links.dispatchDue()).toEqual([]);
    now += 2 * 3_600_000;
    const [first, second] = await Promise.all([links.dispatchDue(), links.dispatchDue()]);
    expect([...(first ?? []), ...(second ?? [])]).toMatchObject([{ status: 'sent', channel: 'email' }]);
    expect(s.fake.state.sessions.get(link.link_id)?.distributions).toHaveLength(1);
  });

  it('cancels a link by disabling the session; a completed one is a state conflict; an unknown id is not_found', async () => {
    s = await withFake();
    const links = s.backend.links!;
    const a = await links.create(linkRequest(SEK_CART), { idempotencyKey: 'x1' });
    const cancelled = await links.cancel(a.link_id);
    expect(cancelled).toMatchObject({ status: 'cancelled' });
    expect(cancelled.cancelled_at).not.toBeNull();
    expect(s.fake.state.sessions.get(a.link_id)?.status).toBe('DISABLED');
    const b = await links.create(linkRequest(SEK_CART, { merchant_reference1: 'ORDER-2' }), { idempotencyKey: 'x2' });
    s.fake.completeSession(b.link_id);
    await expect(links.cancel(b.link_id)).rejects.toMatchObject({ kind: 'state_conflict' });
    await expect(links.get('no-such-link')).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('shows a link whose session Kustom no longer knows (404) as expired, and lists newest first with filters', async () => {
    let now = Date.now();
    s = await withFake({}, { clock: { now: () => new Date((now += 1000)) } });
    const links = s.backend.links!;
    const a = await links.create(linkRequest(SEK_CART, { merchant_reference1: 'A' }), { idempotencyKey: 'l1' });
    const b = await links.create(linkRequest(SEK_CART, { merchant_reference1: 'B' }), { idempotencyKey: 'l2' });
    s.fake.state.sessions.delete(a.link_id);
    expect((await links.get(a.link_id)).status).toBe('expired');
    const all = await links.list({});
    expect(all.items.map((l) => l.link_id)).toEqual([b.link_id, a.link_id]);
    expect((await links.list({ statuses: ['expired'] })).items.map((l) => l.link_id)).toEqual([a.link_id]);
    expect((await links.list({ reference: 'B' })).items.map((l) => l.link_id)).toEqual([b.link_id]);
    const page = await links.list({ pageSize: 1 });
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).toBe('1');
  });
});
