import { describe, expect, it } from 'vitest';
import { createKustomHttpClient, type KustomHttpClientOptions } from '../../../../src/backends/kustom/http/index.js';
import { AuthError, StateConflictError, TransientError, UnknownOutcomeError, ValidationError } from '../../../../src/errors.js';
import { DEFAULT_FAKE_API_KEY, type FakeKustom, type FakeKustomOptions } from '../../../helpers/fake-kustom/index.js';
import { fakeKustomEachTest } from '../../../helpers/fake-kustom-each-test.js';
import { caught } from '../../../helpers/kustom-mock-agent.js';
import SEK_CHECKOUT_ORDER from '../../../fixtures/checkout-order-sek.json' with { type: 'json' };

let fake: FakeKustom | undefined;

const fakes = fakeKustomEachTest({ checkViolations: false });

async function start(options: FakeKustomOptions = {}): Promise<FakeKustom> {
  fake = await fakes.start(options);
  return fake;
}

function clientFor(f: FakeKustom, overrides: Partial<KustomHttpClientOptions> = {}) {
  return createKustomHttpClient({
    baseUrl: f.url,
    credential: { kind: 'api_key', apiKey: DEFAULT_FAKE_API_KEY },
    version: 'test',
    sleep: async () => {},
    ...overrides,
  });
}

const checkoutOrder = {
  ...SEK_CHECKOUT_ORDER,
  merchant_urls: {
    terms: 'https://shop.example/terms',
    checkout: 'https://shop.example/checkout?kid={checkout.order.id}',
    confirmation: 'https://shop.example/thanks?kid={checkout.order.id}',
    push: 'https://shop.example/api/kustom/push?kid={checkout.order.id}',
  },
};

interface OmOrder {
  status: string;
  captured_amount: number;
  remaining_authorized_amount: number;
  captures: Array<{ capture_id: string }>;
}

describe('fake Kustom: Order Management', () => {
  it('accepts a valid capture: 201 with Capture-Id and Location, no body, no violations', async () => {
    const f = await start();
    const client = clientFor(f);
    const id = f.seedOrder({ order_amount: 10_000 });
    const res = await client.request({
      method: 'POST',
      path: `/ordermanagement/v1/orders/${id}/captures`,
      body: { captured_amount: 4_000, reference: 'SHIP-1' },
      idempotencyKey: 'cap-1',
      operation: 'orders.capture',
    });
    expect(res.status).toBe(201);
    expect(res.body).toBeUndefined();
    expect(res.headers.location).toBe(`${f.url}/ordermanagement/v1/orders/${id}/captures/${res.headers['capture-id']}`);
    const order = await client.request<OmOrder>({ method: 'GET', path: `/ordermanagement/v1/orders/${id}`, operation: 'orders.get' });
    expect(order.body).toMatchObject({ status: 'PART_CAPTURED', captured_amount: 4_000, remaining_authorized_amount: 6_000 });
    expect(f.violations).toEqual([]);
  });

  it('records an invalid body (captured_amount as a string) as a violation and answers 400 BAD_VALUE', async () => {
    const f = await start();
    const id = f.seedOrder();
    const error = await caught(
      clientFor(f).request({ method: 'POST', path: `/ordermanagement/v1/orders/${id}/captures`, body: { captured_amount: '100' }, idempotencyKey: 'k', operation: 'orders.capture' }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.field).toBe('captured_amount');
    expect(f.violations).toHaveLength(1);
    expect(f.violations[0]).toContain('captured_amount');
    expect(f.state.orders.get(id)?.captures).toHaveLength(0);
  });

  it('refuses wrong credentials with 401 and accepts both header forms', async () => {
    const f = await start();
    const id = f.seedOrder();
    const wrong = clientFor(f, { credential: { kind: 'api_key', apiKey: 'kco_test_api_wrongwrongwrong' } });
    const error = await caught(wrong.request({ method: 'GET', path: `/ordermanagement/v1/orders/${id}`, operation: 'orders.get' }));
    expect(error).toBeInstanceOf(AuthError);
    const bearer = await fetch(`${f.url}/ordermanagement/v1/orders/${id}`, { headers: { authorization: `Bearer ${DEFAULT_FAKE_API_KEY}` } });
    expect(bearer.status).toBe(401);
    const basic = clientFor(f, { credential: { kind: 'basic', username: 'MID1-abc', secret: DEFAULT_FAKE_API_KEY } });
    const ok = await basic.request({ method: 'GET', path: `/ordermanagement/v1/orders/${id}`, operation: 'orders.get' });
    expect(ok.status).toBe(200);
    expect(f.requests.map((r) => r.authKind)).toEqual(['invalid', 'invalid', 'basic']);
    expect(JSON.stringify(f.requests)).not.toContain(DEFAULT_FAKE_API_KEY);
    expect(f.violations).toEqual([]);
  });

  it('captures once for two requests with the same idempotency key', async () => {
    const f = await start();
    const client = clientFor(f);
    const id = f.seedOrder({ order_amount: 5_000 });
    const send = () =>
      client.request({ method: 'POST', path: `/ordermanagement/v1/orders/${id}/captures`, body: { captured_amount: 1_000 }, idempotencyKey: 'same-key', operation: 'orders.capture' });
    const [a, b] = await Promise.all([send(), send()]);
    const c = await send();
    expect(a.headers['capture-id']).toBe(b.headers['capture-id']);
    expect(c.headers['capture-id']).toBe(a.headers['capture-id']);
    expect(f.state.orders.get(id)?.captures).toHaveLength(1);
    expect(f.state.orders.get(id)?.captured_amount).toBe(1_000);
    await client.request({ method: 'POST', path: `/ordermanagement/v1/orders/${id}/captures`, body: { captured_amount: 1_000 }, idempotencyKey: 'other-key', operation: 'orders.capture' });
    expect(f.state.orders.get(id)?.captures).toHaveLength(2);
  });

  it('refuses a capture above the remaining amount with 403 CAPTURE_NOT_ALLOWED, and enforces cancel/release/refund rules', async () => {
    const f = await start();
    const client = clientFor(f);
    const id = f.seedOrder({ order_amount: 1_000 });
    const path = `/ordermanagement/v1/orders/${id}`;
    const over = await caught(client.request({ method: 'POST', path: `${path}/captures`, body: { captured_amount: 1_001 }, idempotencyKey: 'a', operation: 'orders.capture' }));
    expect(over).toBeInstanceOf(StateConflictError);
    expect((over as Error).message).toContain('CAPTURE_NOT_ALLOWED');
    const refundFirst = await caught(client.request({ method: 'POST', path: `${path}/refunds`, body: { refunded_amount: 1 }, idempotencyKey: 'b', operation: 'orders.refund' }));
    expect((refundFirst as Error).message).toContain('REFUND_NOT_ALLOWED');
    await client.request({ method: 'POST', path: `${path}/captures`, body: { captured_amount: 400 }, idempotencyKey: 'c', operation: 'orders.capture' });
    const cancel = await caught(client.request({ method: 'POST', path: `${path}/cancel`, idempotencyKey: 'd', operation: 'orders.cancel' }));
    expect((cancel as Error).message).toContain('CANCEL_NOT_ALLOWED');
    const refund = await client.request({ method: 'POST', path: `${path}/refunds`, body: { refunded_amount: 100 }, idempotencyKey: 'e', operation: 'orders.refund' });
    expect(refund.status).toBe(201);
    expect(refund.headers['refund-id']).toBeTruthy();
    expect((await client.request({ method: 'POST', path: `${path}/release-remaining-authorization`, idempotencyKey: 'f', operation: 'orders.release' })).status).toBe(204);
    const captures = await client.request<unknown[]>({ method: 'GET', path: `${path}/captures`, operation: 'orders.captures' });
    expect(captures.body).toHaveLength(1);
    expect(f.state.orders.get(id)).toMatchObject({ status: 'CAPTURED', remaining_authorized_amount: 0, refunded_amount: 100 });
    expect(f.violations).toEqual([]);
  });

  it('timeout-after-commit leaves the capture committed; a retry with the same key gets the original result', async () => {
    const f = await start({ faults: { timeoutAfterCommitRate: 1, seed: 7 } });
    const id = f.seedOrder({ order_amount: 3_000 });
    const once = clientFor(f, { maxAttempts: 1 });
    const error = await caught(
      once.request({ method: 'POST', path: `/ordermanagement/v1/orders/${id}/captures`, body: { captured_amount: 1_000 }, idempotencyKey: 'lost-answer', operation: 'orders.capture' }),
    );
    expect(error).toBeInstanceOf(UnknownOutcomeError);
    expect(f.state.orders.get(id)?.captured_amount).toBe(1_000);
    const retrying = clientFor(f);
    const res = await retrying.request({
      method: 'POST',
      path: `/ordermanagement/v1/orders/${id}/captures`,
      body: { captured_amount: 1_000 },
      idempotencyKey: 'lost-answer',
      operation: 'orders.capture',
    });
    expect(res.status).toBe(201);
    expect(res.headers['capture-id']).toBe(f.state.orders.get(id)?.captures[0]?.capture_id);
    expect(f.state.orders.get(id)?.captures).toHaveLength(1);
    expect(f.requests.map((r) => r.status)).toEqual([0, 201]);
  });

  it('injects seeded transient 503s before acting', async () => {
    const f = await start({ faults: { transientRate: 1 } });
    const id = f.seedOrder();
    const error = await caught(
      clientFor(f, { maxAttempts: 2 }).request({ method: 'POST', path: `/ordermanagement/v1/orders/${id}/captures`, body: { captured_amount: 1 }, idempotencyKey: 'x', operation: 'orders.capture' }),
    );
    expect(error).toBeInstanceOf(TransientError);
    expect(f.requests.map((r) => r.status)).toEqual([503, 503]);
    expect(f.state.orders.get(id)?.captures).toHaveLength(0);
  });
});

describe('fake Kustom: limits and validation', () => {
  it('answers 429 TOO_MANY_REQUESTS past the per-second limit, with X-Ratelimit-* headers on every response', async () => {
    const f = await start({ rateLimitPerSecond: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) {
      const res = await fetch(`${f.url}/settlements/v1/payouts?size=1`, { headers: { authorization: `Basic ${DEFAULT_FAKE_API_KEY}` } });
      expect(res.headers.get('x-ratelimit-limit')).toBe('3, 3;w=1');
      expect(res.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
      expect(Number(res.headers.get('x-ratelimit-reset'))).toBeLessThanOrEqual(1);
      statuses.push(res.status);
      if (res.status === 429) expect(((await res.json()) as { error_code: string }).error_code).toBe('TOO_MANY_REQUESTS');
      else await res.arrayBuffer();
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3);
  });

  it('paginates payouts with size/offset and a pagination object; size above 500 is a violation', async () => {
    const f = await start({ payouts: 45 });
    const client = clientFor(f);
    const seen: string[] = [];
    let offset = 0;
    for (;;) {
      const res = await client.request<{ payouts: Array<{ payment_reference: string }>; pagination: { count: number; total: number; offset: number; next?: string } }>({
        method: 'GET',
        path: '/settlements/v1/payouts',
        query: { size: 20, offset, start_date: '2026-01-01T00:00:00Z', end_date: '2026-12-31T23:59:59Z' },
        operation: 'settlements.payouts',
      });
      const body = res.body!;
      seen.push(...body.payouts.map((p) => p.payment_reference));
      expect(body.pagination.total).toBe(45);
      if (!body.pagination.next) break;
      expect(body.pagination.next).toContain(`offset=${offset + 20}`);
      offset += body.pagination.count;
    }
    expect(seen).toHaveLength(45);
    expect(new Set(seen).size).toBe(45);
    expect(f.violations).toEqual([]);
    await caught(client.request({ method: 'GET', path: '/settlements/v1/payouts', query: { size: 501 }, operation: 'settlements.payouts' }));
    expect(f.violations.join('\n')).toContain('size');
  });

  it('serves the CSV report as text/csv and flags an Accept header that cannot take it', async () => {
    const f = await start();
    const client = clientFor(f);
    const res = await client.request({
      method: 'GET',
      path: '/settlements/v1/reports/payout-with-transactions',
      query: { payment_reference: 'FAKEPAY0001' },
      accept: 'text/csv',
      operation: 'settlements.report',
    });
    expect(res.headers['content-type']).toBe('text/csv');
    expect(res.text?.split('\n')[0]).toContain('order_id');
    expect(f.violations).toEqual([]);
    await caught(client.request({ method: 'GET', path: '/settlements/v1/reports/payout-with-transactions', query: { payment_reference: 'FAKEPAY0001' }, operation: 'settlements.report' }));
    expect(f.violations.join('\n')).toContain('Accept');
  });

  it('answers 404 and records a violation for paths and methods the OpenAPI files do not define', async () => {
    const f = await start();
    const client = clientFor(f);
    await caught(client.request({ method: 'GET', path: '/ordermanagement/v1/orders', operation: 'orders.list' }));
    await caught(client.request({ method: 'DELETE', path: '/checkout/v3/orders/abc', operation: 'checkout.delete' }));
    expect(f.violations).toHaveLength(2);
    expect(f.violations[1]).toContain('method not defined');
  });
});

describe('fake Kustom: checkout and payment links', () => {
  it('runs checkout → HPP session → completion → OM order, enforcing the order-line arithmetic', async () => {
    const f = await start();
    const client = clientFor(f);
    const bad = await caught(
      client.request({
        method: 'POST',
        path: '/checkout/v3/orders',
        body: { ...checkoutOrder, order_tax_amount: 5000 },
        operation: 'checkout.create',
      }),
    );
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).issues.map((i) => i.field)).toEqual(['order_tax_amount']);

    const created = await client.request<{ order_id: string; status: string }>({ method: 'POST', path: '/checkout/v3/orders', body: checkoutOrder, operation: 'checkout.create' });
    expect(created.status).toBe(201);
    expect(created.body?.status).toBe('checkout_incomplete');
    const kcoId = created.body!.order_id;

    const session = await client.request<{ session_id: string; session_url: string; redirect_url: string; expires_at: string }>({
      method: 'POST',
      path: '/hpp/v1/sessions',
      body: { payment_session_url: `${f.url}/checkout/v3/orders/${kcoId}`, merchant_urls: { success: 'https://shop.example/ok?sid={{session_id}}' } },
      operation: 'links.create',
    });
    expect(session.status).toBe(201);
    const sid = session.body!.session_id;
    expect(session.body?.session_url).toBe(`${f.url}/hpp/v1/sessions/${sid}`);
    const missing = await caught(
      client.request({ method: 'POST', path: '/hpp/v1/sessions', body: { payment_session_url: `${f.url}/checkout/v3/orders/00000000-0000-4000-8000-000000000000` }, operation: 'links.create' }),
    );
    expect((missing as { kind: string }).kind).toBe('not_found');

    const distributed = await client.request({
      method: 'POST',
      path: `/hpp/v1/sessions/${sid}/distribution`,
      body: { method: 'email', contact_information: { email: 'customer@example.com' } },
      operation: 'links.send',
    });
    expect(distributed.status).toBe(201);

    const done = await fetch(`${f.url}/__fake/complete-session/${sid}`, { method: 'POST' });
    const { order_id: orderId } = (await done.json()) as { order_id: string };
    const read = await client.request<{ status: string; order_id: string }>({ method: 'GET', path: `/hpp/v1/sessions/${sid}`, operation: 'links.get' });
    expect(read.body).toMatchObject({ status: 'COMPLETED', order_id: orderId });
    const om = await client.request<OmOrder & { order_amount: number }>({ method: 'GET', path: `/ordermanagement/v1/orders/${orderId}`, operation: 'orders.get' });
    expect(om.body).toMatchObject({ status: 'AUTHORIZED', order_amount: 26400, remaining_authorized_amount: 26400 });

    const disable = await caught(client.request({ method: 'DELETE', path: `/hpp/v1/sessions/${sid}`, operation: 'links.disable' }));
    expect((disable as { details?: { status?: number } }).details?.status).toBe(400);
    expect(f.violations).toEqual([]);
  });

  it('disables a waiting session with 204', async () => {
    const f = await start();
    const client = clientFor(f);
    const created = await client.request<{ order_id: string }>({ method: 'POST', path: '/checkout/v3/orders', body: checkoutOrder, operation: 'checkout.create' });
    const session = await client.request<{ session_id: string }>({
      method: 'POST',
      path: '/hpp/v1/sessions',
      body: { payment_session_url: `${f.url}/checkout/v3/orders/${created.body!.order_id}` },
      operation: 'links.create',
    });
    const res = await client.request({ method: 'DELETE', path: `/hpp/v1/sessions/${session.body!.session_id}`, operation: 'links.disable' });
    expect(res.status).toBe(204);
    expect(f.state.sessions.get(session.body!.session_id)?.status).toBe('DISABLED');
    expect(f.violations).toEqual([]);
  });
});
