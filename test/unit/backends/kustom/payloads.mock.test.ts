/**
 * The exact JSON the kustom backend sends, checked with undici's MockAgent (no network; every interceptor
 * must be used): checkout payloads for real carts, auth header forms, and the idempotency key on OM writes.
 */
import { MockAgent, errors as undiciErrors } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../../../src/backends/backend.js';
import { addDemoStores, kustomBackendFor } from '../../../helpers/kustom-backend.js';
import { headerMap } from '../../../helpers/kustom-mock-agent.js';
import { linkRequest, MIXED_TAX_CART, SEK_CART } from '../../../fixtures/carts.js';
import SEK_CHECKOUT_ORDER from '../../../fixtures/checkout-order-sek.json' with { type: 'json' };

const PLAYGROUND = 'https://api.playground.kustom.co';
const KEY = 'kco_test_api_FakeMOCKmockMOCKmock0000';
const CHECKOUT_ID = '11111111-2222-4333-8444-555555555555';
const SESSION_ID = '99999999-8888-4777-8666-555555555555';
const ORDER_ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

let agent: MockAgent;
let backend: Backend | undefined;

afterEach(async () => {
  await backend?.close();
  backend = undefined;
  agent.assertNoPendingInterceptors();
  await agent.close();
});

async function setup(env?: Record<string, string>, maxAttempts?: number): Promise<{ pool: ReturnType<MockAgent['get']>; backend: Backend }> {
  agent = new MockAgent();
  agent.disableNetConnect();
  const built = await kustomBackendFor(undefined, { dispatcher: agent, env: env ?? { MERCHANT_API_KEY: KEY }, ...(maxAttempts ? { maxAttempts } : {}) });
  backend = built.backend;
  await addDemoStores(backend);
  return { pool: agent.get(PLAYGROUND), backend };
}

function expectLinkCalls(pool: ReturnType<MockAgent['get']>, seen: { checkout?: unknown; session?: unknown; headers?: Record<string, string> }): void {
  pool.intercept({ path: '/checkout/v3/orders', method: 'POST' }).reply((opts) => {
    seen.checkout = JSON.parse(opts.body as string);
    seen.headers = headerMap(opts.headers);
    return { statusCode: 201, data: JSON.stringify({ order_id: CHECKOUT_ID, status: 'checkout_incomplete' }), responseOptions: { headers: { 'content-type': 'application/json', location: `${PLAYGROUND}/checkout/v3/orders/${CHECKOUT_ID}` } } };
  });
  pool.intercept({ path: '/hpp/v1/sessions', method: 'POST' }).reply((opts) => {
    seen.session = JSON.parse(opts.body as string);
    return {
      statusCode: 201,
      data: JSON.stringify({
        session_id: SESSION_ID,
        session_url: `${PLAYGROUND}/hpp/v1/sessions/${SESSION_ID}`,
        distribution_url: `${PLAYGROUND}/hpp/v1/sessions/${SESSION_ID}/distribution`,
        redirect_url: `https://pay.playground.kustom.co/${SESSION_ID}`,
        expires_at: new Date(Date.now() + 47 * 3_600_000).toISOString(),
      }),
      responseOptions: { headers: { 'content-type': 'application/json' } },
    };
  });
}

describe('checkout payloads of real carts', () => {
  it('maps the §2.2 worked example exactly: line discount, shipping, negative coupon line, terms URL, auto_capture', async () => {
    const { pool, backend: b } = await setup();
    const seen: { checkout?: unknown; session?: unknown } = {};
    expectLinkCalls(pool, seen);
    const link = await b.links!.create(linkRequest(SEK_CART, { merchant_reference1: '10042', auto_capture: true }), { idempotencyKey: 'create-1' });
    expect(seen.checkout).toEqual({
      ...SEK_CHECKOUT_ORDER,
      merchant_urls: {
        terms: 'https://shop.example/terms',
        checkout: 'https://shop.example/?kustom_checkout={checkout.order.id}',
        confirmation: 'https://shop.example/?kustom_confirmation={checkout.order.id}',
        push: 'https://shop.example/?kustom_push={checkout.order.id}',
      },
      options: { auto_capture: true },
      billing_address: { email: 'kund@example.se' },
    });
    expect(seen.session).toEqual({ payment_session_url: `${PLAYGROUND}/checkout/v3/orders/${CHECKOUT_ID}` });
    expect(link).toMatchObject({ link_id: SESSION_ID, status: 'created', url: `https://pay.playground.kustom.co/${SESSION_ID}`, order_amount: 26400 });
  });

  it('sums mixed tax rates (25 %, 12 %, 6 %) line by line, each tax within ±1 of Kustom formula', async () => {
    const { pool, backend: b } = await setup();
    const seen: { checkout?: { order_lines: Array<Record<string, number>>; order_amount: number; order_tax_amount: number } } = {};
    expectLinkCalls(pool, seen);
    await b.links!.create(linkRequest(MIXED_TAX_CART), { idempotencyKey: 'create-2' });
    const body = seen.checkout!;
    expect(body.order_lines.map((l) => [l.total_amount, l.total_tax_amount, l.tax_rate])).toEqual([
      [49900, 9980, 2500],
      [25990, 2785, 1200],
      [29900, 1692, 600],
    ]);
    for (const l of body.order_lines) {
      const exact = l.total_amount! - (l.total_amount! * 10000) / (10000 + l.tax_rate!);
      expect(Math.abs(l.total_tax_amount! - exact)).toBeLessThanOrEqual(1);
    }
    expect(body.order_amount).toBe(49900 + 25990 + 29900);
    expect(body.order_tax_amount).toBe(9980 + 2785 + 1692);
  });

  it('sends a zero-decimal currency (JPY) in whole yen, unscaled', async () => {
    // Kustom's markets (§8) have no zero-decimal currency, so `stores add` refuses JPY; a ledger store is made
    // directly here to prove the backend never rescales amounts: minor units pass through as given.
    const { pool, backend: b } = await setup();
    await b.stores.create({ id: 'jp-test', name: 'Tokyo test', purchase_country: 'JP', currencies: ['JPY'], terms_url: 'https://jp.example/terms' });
    const seen: { checkout?: { order_lines: Array<Record<string, number>>; order_amount: number; purchase_currency: string } } = {};
    expectLinkCalls(pool, seen);
    await b.links!.create(
      linkRequest([{ type: 'physical', reference: 'TEA', name: 'Matcha', quantity: 3, unit_price: 1980, tax_rate: 800 }], { store_id: 'jp-test', purchase_country: 'JP', purchase_currency: 'JPY', locale: 'ja-JP' }),
      { idempotencyKey: 'create-jpy' },
    );
    expect(seen.checkout).toMatchObject({ purchase_currency: 'JPY', order_amount: 5940, order_tax_amount: 440 });
    expect(seen.checkout!.order_lines[0]).toMatchObject({ unit_price: 1980, total_amount: 5940, total_tax_amount: 440 });
  });

  it('returns the same link for a repeated create with the same idempotency key, without calling Kustom again', async () => {
    const { pool, backend: b } = await setup();
    expectLinkCalls(pool, {});
    const first = await b.links!.create(linkRequest(SEK_CART), { idempotencyKey: 'same-key' });
    const again = await b.links!.create(linkRequest(SEK_CART), { idempotencyKey: 'same-key' });
    expect(again.link_id).toBe(first.link_id);
  });
});

describe('unanswered link requests', () => {
  it('a checkout order left unanswered is a transient error saying no link exists; the same key then resumes', async () => {
    const { pool, backend: b } = await setup();
    pool.intercept({ path: '/checkout/v3/orders', method: 'POST' }).replyWithError(new undiciErrors.HeadersTimeoutError());
    await expect(b.links!.create(linkRequest(SEK_CART), { idempotencyKey: 'u1' })).rejects.toMatchObject({ kind: 'transient', message: expect.stringMatching(/no link was created/) });
    expectLinkCalls(pool, {});
    expect((await b.links!.create(linkRequest(SEK_CART), { idempotencyKey: 'u1' })).link_id).toBe(SESSION_ID);
  });

  it('an unanswered session request is asked once more over the same checkout order', async () => {
    const { pool, backend: b } = await setup();
    const seen: { checkout?: unknown; session?: unknown } = {};
    pool.intercept({ path: '/checkout/v3/orders', method: 'POST' }).reply(() => ({ statusCode: 201, data: JSON.stringify({ order_id: CHECKOUT_ID }), responseOptions: { headers: { 'content-type': 'application/json' } } }));
    pool.intercept({ path: '/hpp/v1/sessions', method: 'POST' }).replyWithError(new undiciErrors.HeadersTimeoutError());
    pool.intercept({ path: '/hpp/v1/sessions', method: 'POST' }).reply((opts) => {
      seen.session = JSON.parse(opts.body as string);
      return { statusCode: 201, data: JSON.stringify({ session_id: SESSION_ID, redirect_url: `https://pay.playground.kustom.co/${SESSION_ID}`, expires_at: new Date(Date.now() + 3_600_000).toISOString() }), responseOptions: { headers: { 'content-type': 'application/json' } } };
    });
    const link = await b.links!.create(linkRequest(SEK_CART), { idempotencyKey: 'u2' });
    expect(link.link_id).toBe(SESSION_ID);
    expect(seen.session).toEqual({ payment_session_url: `${PLAYGROUND}/checkout/v3/orders/${CHECKOUT_ID}` });
    expect(Date.parse(link.expires_at)).toBeLessThanOrEqual(Date.now() + 3_600_000);
  });
});

describe('cancelling a link that was paid meanwhile', () => {
  it('turns Kustom\'s 400 on DELETE into a state conflict and shows the link completed', async () => {
    const { pool, backend: b } = await setup();
    expectLinkCalls(pool, {});
    const link = await b.links!.create(linkRequest(SEK_CART), { idempotencyKey: 'race' });
    const session = `/hpp/v1/sessions/${SESSION_ID}`;
    const json = (body: unknown) => ({ statusCode: 200, data: JSON.stringify(body), responseOptions: { headers: { 'content-type': 'application/json' } } });
    pool.intercept({ path: session, method: 'GET' }).reply(() => json({ session_id: SESSION_ID, status: 'WAITING' }));
    pool.intercept({ path: session, method: 'DELETE' }).reply(400, { error_code: 'CONSTRAINT_VIOLATION', error_messages: ['Session is completed'] }, { headers: { 'content-type': 'application/json' } });
    pool.intercept({ path: session, method: 'GET' }).reply(() => json({ session_id: SESSION_ID, status: 'COMPLETED', order_id: ORDER_ID, updated_at: new Date().toISOString() }));
    pool.intercept({ path: `/ordermanagement/v1/orders/${ORDER_ID}/acknowledge`, method: 'POST' }).reply(204, '');
    await expect(b.links!.cancel(link.link_id)).rejects.toMatchObject({ kind: 'state_conflict', message: expect.stringMatching(/completed/) });
  });
});

describe('auth header forms and key/host pairing', () => {
  it('sends a bare MERCHANT_API_KEY un-encoded, and username:key base64-encoded with MERCHANT_API_USERNAME', async () => {
    const { pool } = await setup({ MERCHANT_API_KEY: KEY, MERCHANT_API_USERNAME: 'M1234-abc' });
    const seen: { headers?: Record<string, string> } = {};
    expectLinkCalls(pool, seen);
    await backend!.links!.create(linkRequest(SEK_CART), { idempotencyKey: 'k' });
    expect(seen.headers?.authorization).toBe(`Basic ${Buffer.from(`M1234-abc:${KEY}`).toString('base64')}`);
    expect(seen.headers?.['user-agent']).toMatch(/^merchant-cli\/test \(Node\//);
    expect(seen.headers?.['klarna-idempotency-key']).toBeUndefined();
  });

  it('without any key, refuses every request to Kustom (auth, naming keys add and MERCHANT_API_KEY) but keeps local stores; refuses a live key on the playground host', async () => {
    agent = new MockAgent();
    agent.disableNetConnect();
    const { backend: keyless } = await kustomBackendFor(undefined, { dispatcher: agent, env: {} });
    await expect(keyless.orders!.get('6f1e2a3b-1111-2222-3333-444455556666')).rejects.toMatchObject({ kind: 'auth', hint: expect.stringMatching(/merchant keys add.*MERCHANT_API_KEY/) });
    await expect(keyless.stores.list()).resolves.toEqual([]);
    await keyless.close();
    await expect(kustomBackendFor(PLAYGROUND, { dispatcher: agent, apiKey: 'kco_live_api_fakexxxxxxxxxxxxxxxxxxxx' })).rejects.toMatchObject({ kind: 'auth' });
  });
});

describe('Order Management writes', () => {
  const order = (extra: Record<string, unknown> = {}) => ({
    order_id: ORDER_ID, status: 'AUTHORIZED', order_amount: 10000, original_order_amount: 10000, captured_amount: 0, refunded_amount: 0,
    remaining_authorized_amount: 10000, purchase_currency: 'SEK', purchase_country: 'SE', locale: 'sv-SE', klarna_reference: 'K1',
    created_at: new Date().toISOString(), expires_at: new Date(Date.now() + 28 * 86_400_000).toISOString(), order_lines: [], captures: [], refunds: [], ...extra,
  });
  const json = (body: unknown, headers: Record<string, string> = {}) => ({ statusCode: 200, data: JSON.stringify(body), responseOptions: { headers: { 'content-type': 'application/json', ...headers } } });

  it('sends the caller idempotency key as Klarna-Idempotency-Key, the same on each retry, and reads Capture-Id', async () => {
    const { pool, backend: b } = await setup();
    const base = `/ordermanagement/v1/orders/${ORDER_ID}`;
    const keys: string[] = [];
    const capture = { capture_id: 'cap-1', captured_amount: 4000, captured_at: new Date().toISOString(), order_lines: [], refunded_amount: 0, shipping_info: [] };
    pool.intercept({ path: base, method: 'GET' }).reply(() => json(order()));
    pool.intercept({ path: `${base}/captures`, method: 'POST' }).reply((opts) => {
      keys.push(headerMap(opts.headers)['klarna-idempotency-key'] ?? '');
      return { statusCode: 503, data: '{"error_code":"TEMPORARILY_UNAVAILABLE","error_messages":["x"]}' };
    });
    pool.intercept({ path: `${base}/captures`, method: 'POST' }).reply((opts) => {
      keys.push(headerMap(opts.headers)['klarna-idempotency-key'] ?? '');
      expect(JSON.parse(opts.body as string)).toEqual({ captured_amount: 4000, reference: 'SHIP-1' });
      return { statusCode: 201, data: '', responseOptions: { headers: { location: `${PLAYGROUND}${base}/captures/cap-1` } } };
    });
    // The capture is read from the re-read order (which embeds it): no GET of the capture itself.
    pool.intercept({ path: base, method: 'GET' }).reply(() => json(order({ status: 'PART_CAPTURED', captured_amount: 4000, remaining_authorized_amount: 6000, captures: [capture] })));
    const result = await b.orders!.capture(ORDER_ID, { captured_amount: 4000, reference: 'SHIP-1' }, { idempotencyKey: 'capture:order-1:4000' });
    expect(result.capture_id).toBe('cap-1');
    expect(keys).toEqual(['capture:order-1:4000', 'capture:order-1:4000']);
  });

  it('refuses a capture above the remaining amount locally, with kind state_conflict and no POST', async () => {
    const { pool, backend: b } = await setup();
    pool.intercept({ path: `/ordermanagement/v1/orders/${ORDER_ID}`, method: 'GET' }).reply(() => json(order()));
    await expect(b.orders!.capture(ORDER_ID, { captured_amount: 20000 }, { idempotencyKey: 'x' })).rejects.toMatchObject({ kind: 'state_conflict' });
  });

  it('rethrows unknown_outcome when the re-read order shows no sign of the capture (never captures twice)', async () => {
    const { pool, backend: b } = await setup(undefined, 1);
    const base = `/ordermanagement/v1/orders/${ORDER_ID}`;
    pool.intercept({ path: base, method: 'GET' }).reply(() => json(order()));
    pool.intercept({ path: `${base}/captures`, method: 'POST' }).replyWithError(new undiciErrors.HeadersTimeoutError());
    pool.intercept({ path: base, method: 'GET' }).reply(() => json(order()));
    await expect(b.orders!.capture(ORDER_ID, { captured_amount: 4000 }, { idempotencyKey: 'cap-x' })).rejects.toMatchObject({ kind: 'unknown_outcome' });
  });
});
