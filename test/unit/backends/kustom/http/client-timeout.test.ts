/**
 * A Kustom that accepts the connection and never answers: each attempt ends at the client's timeout, the
 * transport's retry budget decides how many are made, and a money-moving request's outcome is unknown
 * (never "failed"), its idempotency key the same on every attempt. Outcomes and attempt counts only: the
 * timeout is tiny and no time is measured.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createKustomHttpClient, type HttpExchange } from '../../../../../src/backends/kustom/http/index.js';
import { DEFAULT_TIMEOUT_MS, httpTimeoutMs } from '../../../../../src/backends/kustom/http/timeout.js';
import { startStallingServer, type StallingServer } from '../../../../helpers/stalling-server.js';

const KEY = 'kco_test_api_FAKEnotAREALstallingServer0';
const ORDER = '/ordermanagement/v1/orders/5b1c2d4e-0000-4000-8000-000000000001';
let server: StallingServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function stalledClient(maxAttempts: number) {
  server = await startStallingServer();
  const events: HttpExchange[] = [];
  const client = createKustomHttpClient({
    baseUrl: server.url,
    credential: { kind: 'api_key', apiKey: KEY },
    version: '1.2.3',
    timeoutMs: 30,
    maxAttempts,
    sleep: async () => undefined,
    observer: (e) => events.push(e),
  });
  return { client, events, server };
}

describe('a stalled Kustom', () => {
  it('a read: every attempt times out, then a transient error naming the attempts (exit 1)', async () => {
    const { client, events, server: s } = await stalledClient(3);
    const error = await client.request({ method: 'GET', path: ORDER, operation: 'orders.get' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'transient', message: expect.stringMatching(/orders\.get after 3 attempt\(s\).*Timeout/) });
    expect(s.stalled.map((r) => `${r.method} ${r.path}`)).toEqual(Array(3).fill(`GET ${ORDER}`));
    expect(events.map((e) => [e.attempt, e.outcome])).toEqual([[1, 'timeout'], [2, 'timeout'], [3, 'timeout']]);
  });

  it('a capture: the outcome is unknown (exit 6), re-sent only with the same idempotency key', async () => {
    const { client, server: s } = await stalledClient(2);
    const error = await client
      .request({ method: 'POST', path: `${ORDER}/captures`, body: { captured_amount: 100 }, idempotencyKey: 'cap-key-1', operation: 'orders.capture' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unknown_outcome', message: expect.stringMatching(/may or may not have carried out orders\.capture.*after 2 attempt\(s\)/) });
    expect(s.stalled.map((r) => [r.method, r.headers['klarna-idempotency-key']])).toEqual([
      ['POST', 'cap-key-1'],
      ['POST', 'cap-key-1'],
    ]);
  });

  it('a write without an idempotency key is sent once: its outcome is unknown, never repeated', async () => {
    const { client, server: s } = await stalledClient(4);
    const error = await client.request({ method: 'POST', path: '/hpp/v1/sessions', body: {}, operation: 'links.create' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unknown_outcome' });
    expect(s.stalled).toHaveLength(1);
  });
});

describe('MERCHANT_HTTP_TIMEOUT_MS', () => {
  it('is the per-attempt timeout in ms (default 10 s); anything else than 1–300000 is refused naming the variable', () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(10_000);
    expect(httpTimeoutMs({})).toBeUndefined();
    expect(httpTimeoutMs({ MERCHANT_HTTP_TIMEOUT_MS: ' 2500 ' })).toBe(2500);
    for (const bad of ['0', '-1', '1.5', '10s', 'abc', '300001', '1e3']) {
      expect(() => httpTimeoutMs({ MERCHANT_HTTP_TIMEOUT_MS: bad }), bad).toThrow(expect.objectContaining({ kind: 'validation', message: expect.stringMatching(/MERCHANT_HTTP_TIMEOUT_MS.*whole number of milliseconds from 1 to 300000/) }));
    }
  });
});
