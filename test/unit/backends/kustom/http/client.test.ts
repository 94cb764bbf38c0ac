import { afterEach, describe, expect, it } from 'vitest';
import { errors as undiciErrors } from 'undici';
import type {
  MerchantError} from '../../../../../src/errors.js';
import {
  AuthError,
  RateLimitedError,
  StateConflictError,
  TransientError,
  UnknownOutcomeError,
} from '../../../../../src/errors.js';
import { createKustomHttpClient } from '../../../../../src/backends/kustom/http/index.js';
import { redactedJson } from '../../../../../src/logs/redact.js';
import { CANARY, PLAYGROUND, caught, harness, headerMap, type Harness } from '../../../../helpers/kustom-mock-agent.js';

const ORDER = '/ordermanagement/v1/orders/5b1c2d4e-0000-4000-8000-000000000001';
let h: Harness;

afterEach(async () => {
  h.agent.assertNoPendingInterceptors();
  await h.agent.close();
});

describe('headers', () => {
  it('sends a bare key un-encoded after Basic, the User-Agent, Accept and Content-Type', async () => {
    h = harness();
    let seen: Record<string, string> = {};
    h.pool.intercept({ path: `${ORDER}/captures`, method: 'POST' }).reply((opts) => {
      seen = headerMap(opts.headers);
      return { statusCode: 201, data: '', responseOptions: { headers: { 'capture-id': 'c1' } } };
    });
    const res = await h.client.request({ method: 'POST', path: `${ORDER}/captures`, body: { captured_amount: 100 }, idempotencyKey: 'k1', operation: 'orders.capture' });
    expect(res.status).toBe(201);
    expect(res.headers['capture-id']).toBe('c1');
    expect(seen.authorization).toBe(`Basic ${CANARY}`);
    expect(seen['user-agent']).toBe(`merchant-cli/1.2.3 (Node/${process.version}; ${process.platform}/${process.arch})`);
    expect(seen.accept).toBe('application/json');
    expect(seen['content-type']).toBe('application/json');
    expect(seen['klarna-idempotency-key']).toBe('k1');
  });

  it('base64-encodes username:secret for the username form, and sends no Content-Type without a body', async () => {
    h = harness({ credential: { kind: 'basic', username: 'M123-abc', secret: 'kco_test_api_FAKEnotAREALsecret' } });
    let seen: Record<string, string> = {};
    h.pool.intercept({ path: ORDER, method: 'GET' }).reply((opts) => {
      seen = headerMap(opts.headers);
      return { statusCode: 200, data: JSON.stringify({ order_id: 'x' }), responseOptions: { headers: { 'content-type': 'application/json' } } };
    });
    const res = await h.client.request<{ order_id: string }>({ method: 'GET', path: ORDER, operation: 'orders.get' });
    expect(res.body?.order_id).toBe('x');
    expect(seen.authorization).toBe(`Basic ${Buffer.from('M123-abc:kco_test_api_FAKEnotAREALsecret').toString('base64')}`);
    expect(seen['content-type']).toBeUndefined();
  });

  it('passes query parameters (skipping undefined) and a custom Accept, returning the raw text', async () => {
    h = harness();
    h.pool
      .intercept({ path: '/settlements/v1/reports/payout-with-transactions?payment_reference=P1', method: 'GET', headers: { accept: 'text/csv' } })
      .reply(200, 'a;b\n1;2\n', { headers: { 'content-type': 'text/csv' } });
    const res = await h.client.request({
      method: 'GET',
      path: '/settlements/v1/reports/payout-with-transactions',
      query: { payment_reference: 'P1', offset: undefined },
      accept: 'text/csv',
      operation: 'settlements.report',
    });
    expect(res.body).toBeUndefined();
    expect(res.text).toBe('a;b\n1;2\n');
  });
});

describe('retries', () => {
  it('reuses the same idempotency key on every retry of a POST', async () => {
    h = harness();
    const keys: string[] = [];
    const reply = (status: number) => (opts: { headers?: unknown }) => {
      keys.push(headerMap(opts.headers)['klarna-idempotency-key'] ?? '');
      return { statusCode: status, data: status === 201 ? '' : '{"error_code":"TEMPORARILY_UNAVAILABLE"}' };
    };
    h.pool.intercept({ path: `${ORDER}/captures`, method: 'POST' }).reply(reply(503));
    h.pool.intercept({ path: `${ORDER}/captures`, method: 'POST' }).reply(reply(502));
    h.pool.intercept({ path: `${ORDER}/captures`, method: 'POST' }).reply(reply(201));
    const res = await h.client.request({ method: 'POST', path: `${ORDER}/captures`, body: { captured_amount: 1 }, idempotencyKey: 'idem-1', operation: 'orders.capture' });
    expect(res.status).toBe(201);
    expect(keys).toEqual(['idem-1', 'idem-1', 'idem-1']);
    expect(h.delays).toHaveLength(2);
    expect(h.events.map((e) => [e.attempt, e.status, e.idempotencyKey])).toEqual([
      [1, 503, 'idem-1'],
      [2, 502, 'idem-1'],
      [3, 201, 'idem-1'],
    ]);
  });

  it('does not retry a POST without an idempotency key on 503', async () => {
    h = harness();
    h.pool.intercept({ path: '/checkout/v3/orders', method: 'POST' }).reply(503, { error_code: 'TEMPORARILY_UNAVAILABLE', error_messages: ['down'], correlation_id: 'corr-503' });
    const error = await caught(h.client.request({ method: 'POST', path: '/checkout/v3/orders', body: {}, operation: 'checkout.create' }));
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toContain('corr-503');
    expect(h.events).toHaveLength(1);
    expect(h.delays).toEqual([]);
  });

  it('retries a GET on 503 with growing, capped, jittered backoff and then succeeds', async () => {
    h = harness({ maxBackoffMs: 300 });
    h.pool.intercept({ path: ORDER, method: 'GET' }).reply(503, 'busy');
    h.pool.intercept({ path: ORDER, method: 'GET' }).reply(503, 'busy');
    h.pool.intercept({ path: ORDER, method: 'GET' }).reply(503, 'busy');
    h.pool.intercept({ path: ORDER, method: 'GET' }).reply(200, { order_id: 'ok' }, { headers: { 'content-type': 'application/json' } });
    const res = await h.client.request<{ order_id: string }>({ method: 'GET', path: ORDER, operation: 'orders.get' });
    expect(res.body?.order_id).toBe('ok');
    // random = 0.5, base 250 ms doubling, cap 300 ms: 125, 150, 150.
    expect(h.delays).toEqual([125, 150, 150]);
  });

  it('gives up after maxAttempts with a TransientError', async () => {
    h = harness({ maxAttempts: 2 });
    h.pool.intercept({ path: ORDER, method: 'GET' }).reply(500, { error_code: 'INTERNAL_SERVER_ERROR', error_messages: ['boom'] }).times(2);
    const error = await caught(h.client.request({ method: 'GET', path: ORDER, operation: 'orders.get' }));
    expect(error).toBeInstanceOf(TransientError);
    expect((error as MerchantError).kind).toBe('transient');
    expect((error as Error).message).toContain('INTERNAL_SERVER_ERROR');
  });

  it('honours X-Ratelimit-Reset on 429, capped at maxBackoffMs, plus jitter', async () => {
    h = harness({ maxBackoffMs: 2000 });
    h.pool.intercept({ path: ORDER, method: 'GET' }).reply(429, { error_code: 'TOO_MANY_REQUESTS', error_messages: ['slow down'] }, { headers: { 'x-ratelimit-reset': '1', 'x-ratelimit-remaining': '0' } });
    h.pool.intercept({ path: ORDER, method: 'GET' }).reply(429, { error_code: 'TOO_MANY_REQUESTS', error_messages: ['slow down'] }, { headers: { 'x-ratelimit-reset': '60' } });
    h.pool.intercept({ path: ORDER, method: 'GET' }).reply(200, {});
    await h.client.request({ method: 'GET', path: ORDER, operation: 'orders.get' });
    // jitter = 0.5 × min(250, 2000/10) = 100
    expect(h.delays).toEqual([1000 + 100, 2000 + 100]);
  });

  it('throws RateLimitedError with retryAfterMs when 429s outlast the attempts', async () => {
    h = harness({ maxAttempts: 2 });
    h.pool.intercept({ path: ORDER, method: 'GET' }).reply(429, { error_code: 'TOO_MANY_REQUESTS', error_messages: ['x'], correlation_id: 'c-429' }, { headers: { 'retry-after': '3' } }).times(2);
    const error = await caught(h.client.request({ method: 'GET', path: ORDER, operation: 'orders.get' }));
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(3000);
    expect((error as Error).message).toContain('c-429');
  });

  it('turns a timeout after sending an idempotent-keyed POST into UnknownOutcomeError', async () => {
    h = harness({ maxAttempts: 3 });
    h.pool.intercept({ path: `${ORDER}/captures`, method: 'POST' }).replyWithError(new undiciErrors.HeadersTimeoutError()).times(3);
    const error = await caught(
      h.client.request({ method: 'POST', path: `${ORDER}/captures`, body: { captured_amount: 5 }, idempotencyKey: 'idem-timeout', operation: 'orders.capture' }),
    );
    expect(error).toBeInstanceOf(UnknownOutcomeError);
    expect((error as MerchantError).kind).toBe('unknown_outcome');
    expect((error as MerchantError).details).toMatchObject({ operation: 'orders.capture', idempotencyKey: 'idem-timeout' });
    expect(h.events.map((e) => e.outcome)).toEqual(['timeout', 'timeout', 'timeout']);
  });

  it('treats a POST without a key that timed out as unknown outcome too, without retrying', async () => {
    h = harness();
    h.pool.intercept({ path: '/checkout/v3/orders', method: 'POST' }).replyWithError(new undiciErrors.SocketError('other side closed'));
    const error = await caught(h.client.request({ method: 'POST', path: '/checkout/v3/orders', body: {}, operation: 'checkout.create' }));
    expect(error).toBeInstanceOf(UnknownOutcomeError);
    expect(h.events).toHaveLength(1);
  });

  it('retries a GET after a connection error and reports TransientError when it persists', async () => {
    h = harness({ maxAttempts: 2 });
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    h.pool.intercept({ path: ORDER, method: 'GET' }).replyWithError(refused).times(2);
    const error = await caught(h.client.request({ method: 'GET', path: ORDER, operation: 'orders.get' }));
    expect(error).toBeInstanceOf(TransientError);
    expect(h.events.map((e) => e.outcome)).toEqual(['network_error', 'network_error']);
  });

  it('never retries other 4xx', async () => {
    h = harness();
    h.pool.intercept({ path: ORDER, method: 'GET' }).reply(404, { error_code: 'NO_SUCH_ORDER', error_messages: ['nope'], correlation_id: 'c404' });
    const error = await caught(h.client.request({ method: 'GET', path: ORDER, operation: 'orders.get', resource: 'Order', resourceId: 'X1' }));
    expect((error as MerchantError).kind).toBe('not_found');
    expect((error as Error).message).toContain('Order X1 was not found');
    expect((error as Error).message).toContain('c404');
    expect(h.delays).toEqual([]);
  });
});

describe('error mapping through the client', () => {
  it('maps 401 to AuthError (exit kind auth) with the keys verify hint', async () => {
    h = harness();
    h.pool.intercept({ path: ORDER, method: 'GET' }).reply(401, { error_code: 'UNAUTHORIZED', error_messages: ['bad key'], correlation_id: 'c401' });
    const error = await caught(h.client.request({ method: 'GET', path: ORDER, operation: 'orders.get' }));
    expect(error).toBeInstanceOf(AuthError);
    expect((error as MerchantError).kind).toBe('auth');
    expect((error as Error).message).toMatch(/API key was rejected/);
    expect((error as MerchantError).hint).toContain('merchant keys verify');
  });

  it('maps 403 CAPTURE_NOT_ALLOWED to a state conflict naming the correlation id', async () => {
    h = harness();
    h.pool
      .intercept({ path: `${ORDER}/captures`, method: 'POST' })
      .reply(403, { error_code: 'CAPTURE_NOT_ALLOWED', error_messages: ['Captured amount 500 is higher than 400'], correlation_id: '66782175-ae05-44fc-9eb3-eeceadbad271' });
    const error = await caught(h.client.request({ method: 'POST', path: `${ORDER}/captures`, body: { captured_amount: 500 }, idempotencyKey: 'k', operation: 'orders.capture' }));
    expect(error).toBeInstanceOf(StateConflictError);
    expect((error as MerchantError).kind).toBe('state_conflict');
    expect((error as Error).message).toContain('66782175-ae05-44fc-9eb3-eeceadbad271');
    expect((error as Error).message).toContain('CAPTURE_NOT_ALLOWED');
    expect((error as MerchantError).details).toMatchObject({ errorCode: 'CAPTURE_NOT_ALLOWED', correlationId: '66782175-ae05-44fc-9eb3-eeceadbad271' });
    expect(h.events).toHaveLength(1);
  });

  it('handles an HTML 502 body', async () => {
    h = harness({ maxAttempts: 1 });
    h.pool
      .intercept({ path: ORDER, method: 'GET' })
      .reply(502, '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>', { headers: { 'content-type': 'text/html' } });
    const error = await caught(h.client.request({ method: 'GET', path: ORDER, operation: 'orders.get' }));
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toContain('non-JSON 502 response');
    expect((error as Error).message).toContain('502 Bad Gateway Bad Gateway');
    expect((error as Error).message).not.toContain('<');
  });
});

describe('host and key', () => {
  it('refuses a live key against the playground host and a test key against live', () => {
    const live = 'kco_live_api_FAKEnotAREALLIVEKEY0';
    let error: unknown;
    try {
      createKustomHttpClient({ baseUrl: PLAYGROUND, credential: { kind: 'api_key', apiKey: live }, version: '1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toContain('api.playground.kustom.co');
    expect((error as Error).message).toContain('live');
    expect((error as Error).message).not.toContain('LIVEKEY');
    expect(() =>
      createKustomHttpClient({ baseUrl: 'https://api.kustom.co', credential: { kind: 'basic', username: 'u', secret: CANARY }, version: '1' }),
    ).toThrow(AuthError);
    h = harness({ baseUrl: 'http://127.0.0.1:9' });
    expect(h.client.baseUrl).toBe('http://127.0.0.1:9');
  });
});

describe('redaction', () => {
  it('never lets the canary key reach observed headers, error text or error messages', async () => {
    h = harness({ maxAttempts: 2 });
    h.pool
      .intercept({ path: ORDER, method: 'PATCH' })
      .reply(400, { error_code: 'BAD_VALUE', error_messages: [`Bad value: merchant_reference1 (${CANARY})`], correlation_id: 'c400' });
    h.pool.intercept({ path: ORDER, method: 'GET' }).replyWithError(new undiciErrors.SocketError(`reset while sending ${CANARY}`)).times(2);
    const body = { merchant_reference1: CANARY, email: 'customer@example.com', phone: '+46701234567', password: 'hunter2' };
    const e1 = await caught(h.client.request({ method: 'PATCH', path: ORDER, body, idempotencyKey: 'k', operation: 'orders.update' }));
    const e2 = await caught(h.client.request({ method: 'GET', path: ORDER, operation: 'orders.get' }));
    expect((e1 as MerchantError).kind).toBe('validation');
    expect((e1 as Error).message).toContain('merchant_reference1');
    expect((e2 as MerchantError).kind).toBe('transient');
    expect(h.events).toHaveLength(3);
    const unredactedBodies = h.events.map(({ requestBody: _req, responseBody: _res, ...rest }) => rest);
    const everything = JSON.stringify(unredactedBodies) + (e1 as Error).message + JSON.stringify((e1 as MerchantError).details) + (e2 as Error).message;
    for (const secret of ['CANARY', 'hunter2', 'customer@example.com', '+46701234567']) expect(everything).not.toContain(secret);
    expect(h.events[0]?.requestHeaders.authorization).toBe('Basic ***');
  });

  it('hands the bodies over as sent and received, for the observer to redact once', async () => {
    h = harness();
    const sent = { merchant_reference1: CANARY, email: 'customer@example.com', api_token: 'tok-1' };
    const received = { order_id: 'o1', billing_address: { email: 'buyer@example.com', phone: '+46701234567' }, error_messages: [CANARY] };
    h.pool.intercept({ path: ORDER, method: 'PATCH' }).reply(200, received);
    await h.client.request({ method: 'PATCH', path: ORDER, body: sent, idempotencyKey: 'k', operation: 'orders.update' });
    expect(h.events[0]?.requestBody).toBe(sent);
    expect(h.events[0]?.responseBody).toEqual(received);
    // What the developer log makes of them (src/logs/log-sink.ts redacts every observed body this way).
    const logged = `${redactedJson(h.events[0]?.requestBody)} ${redactedJson(h.events[0]?.responseBody)}`;
    for (const secret of ['CANARY', 'tok-1', 'customer@example.com', 'buyer@example.com', '+46701234567']) expect(logged).not.toContain(secret);
  });
});
