/**
 * The retry budget of one request: at most `maxAttempts` attempts and `budgetMs` from the first attempt,
 * stated in the error and in every observed attempt. The clock here moves only when the client waits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TransientError, UnknownOutcomeError } from '../../../../src/errors.js';
import { decideRetry, describeBudget } from '../../../../src/backends/retry/retry-policy.js';
import { caught, harness, type Harness } from '../../../helpers/kustom-mock-agent.js';

const ORDER = '/ordermanagement/v1/orders/abc';
let h: Harness | undefined;
afterEach(async () => {
  await h?.agent.close();
  h = undefined;
});

function clocked(overrides: Parameters<typeof harness>[0] = {}): Harness {
  let t = 0;
  const delays: number[] = [];
  const made = harness({ now: () => t, sleep: async (ms) => void (delays.push(ms), (t += ms)), ...overrides });
  made.delays = delays;
  return made;
}

describe('retry budget per request', () => {
  it('the policy stops when the next wait would pass the time budget', () => {
    const base = { method: 'GET' as const, hasIdempotencyKey: false, attempt: 1, outcome: { kind: 'response' as const, status: 503, headers: {} }, now: 0, random: () => 0.5 };
    const config = { maxAttempts: 10, maxBackoffMs: 8000, budgetMs: 30_000 };
    expect(decideRetry({ ...base, config, elapsedMs: 0 })).toEqual({ retry: true, delayMs: 125 });
    expect(decideRetry({ ...base, config, elapsedMs: 29_900 })).toEqual({ retry: false });
    expect(describeBudget(config)).toBe('10 attempts within 30 s');
  });

  it('503 on every attempt: exactly 4 requests, and the message says 4 attempts and the budget', async () => {
    h = clocked();
    h.pool.intercept({ path: ORDER, method: 'GET' }).reply(503, 'busy').times(4);
    const error = await caught(h.client.request({ method: 'GET', path: ORDER, operation: 'orders.get' }));
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toMatch(/after 4 attempt\(s\) \(budget: 4 attempts within 30 s\)/);
    expect(h.events.map((e) => [e.attempt, e.maxAttempts, e.budgetMs])).toEqual([1, 2, 3, 4].map((n) => [n, 4, 30_000]));
  });

  it('Retry-After is honoured (capped) and the time budget ends the retries before the attempts run out', async () => {
    h = clocked({ maxAttempts: 10 });
    h.pool.intercept({ path: ORDER, method: 'GET' }).reply(429, { error_code: 'TOO_MANY_REQUESTS', error_messages: ['slow'] }, { headers: { 'retry-after': '20' } }).times(10);
    const error = await caught(h.client.request({ method: 'GET', path: ORDER, operation: 'orders.get' }));
    // Each wait is Retry-After capped at 8 s, plus jitter (0.5 × 250); the fifth wait would pass 30 s.
    expect(h.delays).toEqual([8125, 8125, 8125]);
    expect(h.events).toHaveLength(4);
    expect((error as Error).message).toMatch(/after 4 attempt\(s\) \(budget: 10 attempts within 30 s\)/);
  });

  it('Retry-After under the cap is waited in full', async () => {
    h = clocked();
    h.pool.intercept({ path: ORDER, method: 'GET' }).reply(429, { error_code: 'TOO_MANY_REQUESTS', error_messages: ['slow'] }, { headers: { 'retry-after': '2' } });
    h.pool.intercept({ path: ORDER, method: 'GET' }).reply(200, {});
    await h.client.request({ method: 'GET', path: ORDER, operation: 'orders.get' });
    expect(h.delays).toEqual([2125]);
  });

  it('a write that may have committed and never got an answer is an unknown outcome after the true count', async () => {
    h = clocked();
    h.pool.intercept({ path: `${ORDER}/captures`, method: 'POST' }).replyWithError(Object.assign(new Error('socket hang up'), { code: 'UND_ERR_SOCKET' })).times(4);
    const error = await caught(h.client.request({ method: 'POST', path: `${ORDER}/captures`, body: { captured_amount: 1 }, idempotencyKey: 'k', operation: 'orders.capture' }));
    expect(error).toBeInstanceOf(UnknownOutcomeError);
    expect((error as Error).message).toMatch(/after 4 attempt\(s\)/);
  });
});
