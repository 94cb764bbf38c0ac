/** What every backend's payment links must do, tested through the Backend interface only. */
import { describe, expect, it } from 'vitest';
import type { CreateLinkRequest } from '../../src/backends/backend.js';
import { computeOrder } from '../../src/domain/order-lines.js';
import type { ContractHarness, HarnessFactory } from './harness.js';

function request(h: ContractHarness, overrides: Partial<CreateLinkRequest> = {}): CreateLinkRequest {
  const totals = computeOrder([{ type: 'physical', name: 'Contract item', reference: 'SKU-1', quantity: 2, unit_price: 12500, tax_rate: 2500 }]);
  return {
    store_id: 'se-demo',
    purchase_country: 'SE',
    purchase_currency: 'SEK',
    locale: 'sv-SE',
    ...totals,
    merchant_reference1: 'C-1',
    customer: { email: 'contract@example.com' },
    auto_capture: false,
    delivery: { channel: 'none' },
    expires_at: new Date(h.backend.clock.now().getTime() + 48 * 3_600_000 - 60_000).toISOString(),
    notes: {},
    created_by: 'contract@test',
    ...overrides,
  };
}

async function withHarness(factory: HarnessFactory, run: (h: ContractHarness) => Promise<void>): Promise<void> {
  const h = await factory.create();
  try {
    if (!h.backend.capabilities.has('links.create') || !h.backend.links) return;
    await run(h);
  } finally {
    await h.close();
  }
}

export function linksContract(factory: HarnessFactory): void {
  describe(`${factory.name}: payment links`, () => {
    it('creates a link that reads back with its lines, totals and a created status', () =>
      withHarness(factory, async (h) => {
        const links = h.backend.links!;
        const link = await links.create(request(h), { idempotencyKey: 'contract-create-1' });
        expect(link).toMatchObject({ status: 'created', order_amount: 25000, order_tax_amount: 5000, merchant_reference1: 'C-1', order_id: null });
        expect(link.url).toMatch(/^https:\/\//);
        expect(await links.get(link.link_id)).toMatchObject({ link_id: link.link_id, order_lines: link.order_lines });
      }));

    it('the same idempotency key returns the first link instead of a second one', () =>
      withHarness(factory, async (h) => {
        const links = h.backend.links!;
        const a = await links.create(request(h), { idempotencyKey: 'contract-idem' });
        const b = await links.create(request(h), { idempotencyKey: 'contract-idem' });
        expect(b.link_id).toBe(a.link_id);
        expect((await links.list({ store_id: 'se-demo' })).items).toHaveLength(1);
      }));

    it('refuses a store without a terms URL, a currency outside the agreement, and wrong totals', () =>
      withHarness(factory, async (h) => {
        const links = h.backend.links!;
        await expect(links.create(request(h, { store_id: 'de-demo', purchase_country: 'DE', purchase_currency: 'EUR' }), { idempotencyKey: 'k1' })).rejects.toMatchObject({ kind: 'validation' });
        await expect(links.create(request(h, { purchase_currency: 'EUR' }), { idempotencyKey: 'k2' })).rejects.toMatchObject({ kind: 'validation' });
        await expect(links.create(request(h, { order_amount: 1 }), { idempotencyKey: 'k3' })).rejects.toMatchObject({ kind: 'validation' });
        expect((await links.list({})).items).toHaveLength(0);
      }));

    it('refuses a broken request with the same words on every backend, naming every rule at once', () =>
      withHarness(factory, async (h) => {
        const links = h.backend.links!;
        const now = h.backend.clock.now().getTime();
        const broken = request(h, {
          purchase_country: 'NO',
          purchase_currency: 'EUR',
          order_amount: 1,
          expires_at: new Date(now + 49 * 3_600_000).toISOString(),
          link_reference: 'bad ref',
          customer: {},
          delivery: { channel: 'email' },
        });
        const error = await links.create(broken, { idempotencyKey: 'same-words' }).catch((e: unknown) => e);
        expect(error).toMatchObject({ kind: 'validation' });
        expect((error as { issues: unknown }).issues).toEqual([
          { field: 'purchase_country', rule: "NO is not in store se-demo's agreement; allowed: SE" },
          { field: 'purchase_currency', rule: "EUR is not in store se-demo's agreement; allowed: SEK" },
          { field: 'order_amount', rule: "is 1; the sum of the lines' total_amount is 25000" },
          { field: 'expires_at', rule: 'must be in the future and at most 48 hours from now' },
          { field: 'link_reference', rule: '"bad ref" must be 1–64 characters of letters, digits, ".", "_" or "-", starting with a letter or digit' },
          { field: 'email', rule: 'is required to send the link by email' },
        ]);
        const past = await links.create(request(h, { expires_at: new Date(now - 1000).toISOString() }), { idempotencyKey: 'past' }).catch((e: unknown) => e);
        expect((past as Error).message).toBe('expires_at: must be in the future and at most 48 hours from now');
        await links.create(request(h, { link_reference: 'TAKEN-1' }), { idempotencyKey: 'taken-1' });
        const taken = await links.create(request(h, { link_reference: 'TAKEN-1' }), { idempotencyKey: 'taken-2' }).catch((e: unknown) => e);
        expect((taken as Error).message).toMatch(/^link_reference: TAKEN-1 is already used by link \S+ in store se-demo; a link reference is unique per store$/);
        expect((await links.list({})).items).toHaveLength(1);
      }));

    it('searches links by URL, link reference and merchant reference in any case, and by email; lists by a partial email', () =>
      withHarness(factory, async (h) => {
        const links = h.backend.links!;
        const link = await links.create(request(h, { merchant_reference1: 'Srch-1', link_reference: 'INV-Search', customer: { email: 'Searcher@Example.com' } }), { idempotencyKey: `search-${Math.random()}` });
        const find = async (text: string, kinds: Parameters<typeof links.search>[0]['kinds'], extra: object = {}) =>
          (await links.search({ text, kinds, limit: 5, ...extra })).map((m) => [m.link.link_id, m.kind]);
        expect(await find(link.url, ['link_url'], { link_id: link.url.split('/').pop() })).toEqual([[link.link_id, 'link_url']]);
        expect(await find('inv-search', ['link_reference', 'merchant_reference'])).toEqual([[link.link_id, 'link_reference']]);
        expect(await find('SRCH-1', ['link_reference', 'merchant_reference'])).toEqual([[link.link_id, 'merchant_reference']]);
        expect(await find('x', ['email'], { email: 'searcher@example.com' })).toEqual([[link.link_id, 'email']]);
        expect(await find('nothing-here', ['link_reference', 'merchant_reference'])).toEqual([]);
        const page = await links.list({ contact: 'searcher@ex' });
        expect(page.items.map((l) => l.link_id)).toEqual([link.link_id]);
      }));

    it('keeps link references unique per store and finds a link by its reference', () =>
      withHarness(factory, async (h) => {
        const links = h.backend.links!;
        const link = await links.create(request(h, { link_reference: 'CR-1' }), { idempotencyKey: 'r1' });
        expect((await links.findByReference('se-demo', 'CR-1'))?.link_id).toBe(link.link_id);
        expect(await links.findByReference('se-demo', 'CR-2')).toBeUndefined();
        await expect(links.create(request(h, { link_reference: 'CR-1' }), { idempotencyKey: 'r2' })).rejects.toMatchObject({ kind: 'validation' });
      }));

    it('lists newest first in pages that together hold every link once', () =>
      withHarness(factory, async (h) => {
        const links = h.backend.links!;
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) ids.push((await links.create(request(h, { merchant_reference1: `P-${i}` }), { idempotencyKey: `page-${i}` })).link_id);
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await links.list({ pageSize: 2, cursor });
          seen.push(...page.items.map((l) => l.link_id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toEqual([...ids].reverse());
        expect((await links.list({ reference: 'P-3' })).items.map((l) => l.link_id)).toEqual([ids[3]]);
      }));

    it('cancels an active link; a cancelled link cannot be cancelled or sent again', () =>
      withHarness(factory, async (h) => {
        const links = h.backend.links!;
        const link = await links.create(request(h), { idempotencyKey: 'c1' });
        expect((await links.cancel(link.link_id)).status).toBe('cancelled');
        await expect(links.cancel(link.link_id)).rejects.toMatchObject({ kind: 'state_conflict' });
        await expect(links.send(link.link_id, { channel: 'email' })).rejects.toMatchObject({ kind: 'state_conflict' });
      }));

    it('sends a message now, or schedules it and dispatches it once when due', () =>
      withHarness(factory, async (h) => {
        const links = h.backend.links!;
        const link = await links.create(request(h, { delivery: { channel: 'email' } }), { idempotencyKey: 's1' });
        expect(link.messages).toEqual([expect.objectContaining({ channel: 'email', recipient: 'contract@example.com', status: 'sent' })]);
        if (!h.advanceClock || !h.backend.capabilities.has('links.schedule')) return;
        const at = new Date(h.backend.clock.now().getTime() + 3_600_000).toISOString();
        const scheduled = await links.send(link.link_id, { channel: 'email', send_at: at });
        expect(scheduled.status).toBe('scheduled');
        expect(await links.dispatchDue()).toEqual([]);
        await h.advanceClock(2 * 3_600_000);
        expect((await links.dispatchDue()).map((m) => m.message_id)).toEqual([scheduled.message_id]);
        expect(await links.dispatchDue()).toEqual([]);
      }));

    it('email,sms sends one message by each medium, reads back as email,sms, and refuses a missing contact', () =>
      withHarness(factory, async (h) => {
        const links = h.backend.links!;
        const both = request(h, { customer: { email: 'contract@example.com', phone: '+46701234567' }, delivery: { channel: 'email,sms' } });
        const link = await links.create(both, { idempotencyKey: 'both-1' });
        expect(link.channel).toBe('email,sms');
        // Both are sent in the same instant; their order in the list is not part of the contract.
        expect(link.messages.map((m) => [m.channel, m.recipient, m.status]).sort()).toEqual([
          ['email', 'contract@example.com', 'sent'],
          ['sms', '+46701234567', 'sent'],
        ]);
        expect((await links.get(link.link_id)).channel).toBe('email,sms');
        // The same key again returns the link and sends nothing more.
        expect((await links.create(both, { idempotencyKey: 'both-1' })).messages).toHaveLength(2);
        await expect(links.create(request(h, { delivery: { channel: 'email,sms' } }), { idempotencyKey: 'both-2' })).rejects.toMatchObject({
          kind: 'validation',
          issues: [{ field: 'phone', rule: 'is required to send the link by SMS' }],
        });
        expect((await links.list({ store_id: 'se-demo' })).items).toHaveLength(1);
      }));

    it('paying completes the link and links the new order; a completed link cannot be cancelled', () =>
      withHarness(factory, async (h) => {
        if (!h.payLink) return;
        const links = h.backend.links!;
        const link = await links.create(request(h), { idempotencyKey: 'p1' });
        const orderId = await h.payLink(link.link_id);
        expect(await links.get(link.link_id)).toMatchObject({ status: 'completed', order_id: orderId, completed_at: expect.any(String) });
        await expect(links.cancel(link.link_id)).rejects.toMatchObject({ kind: 'state_conflict' });
      }));

    it('a link past its expiry reads expired (computed from the clock) and cannot be paid', () =>
      withHarness(factory, async (h) => {
        if (!h.advanceClock) return;
        const links = h.backend.links!;
        const link = await links.create(request(h, { expires_at: new Date(h.backend.clock.now().getTime() + 3_600_000).toISOString() }), { idempotencyKey: 'e1' });
        await h.advanceClock(2 * 3_600_000);
        expect((await links.get(link.link_id)).status).toBe('expired');
        expect((await links.list({ statuses: ['expired'] })).items.map((l) => l.link_id)).toEqual([link.link_id]);
        if (h.payLink) await expect(h.payLink(link.link_id)).rejects.toMatchObject({ kind: 'state_conflict' });
      }));

    it('createMany is all or nothing when the backend offers it', () =>
      withHarness(factory, async (h) => {
        const links = h.backend.links!;
        if (!links.createMany) return;
        const ok = request(h, { link_reference: 'M-1' });
        const bad = request(h, { link_reference: 'M-2', purchase_currency: 'EUR' });
        await expect(links.createMany([{ request: ok, idempotencyKey: 'm1' }, { request: bad, idempotencyKey: 'm2' }])).rejects.toMatchObject({ kind: 'validation' });
        expect((await links.list({})).items).toHaveLength(0);
        const made = await links.createMany([{ request: ok, idempotencyKey: 'm1' }, { request: request(h, { link_reference: 'M-3' }), idempotencyKey: 'm3' }]);
        expect(made.map((l) => l.link_reference)).toEqual(['M-1', 'M-3']);
      }));

    it('an unknown link is not_found', () =>
      withHarness(factory, async (h) => {
        await expect(h.backend.links!.get('no-such-link')).rejects.toMatchObject({ kind: 'not_found' });
      }));
  });
}
