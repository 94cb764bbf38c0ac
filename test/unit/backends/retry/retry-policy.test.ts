import { describe, expect, it } from 'vitest';
import {
  backoffDelayMs,
  decideRetry,
  mayRetryRequest,
  parseRateLimitResetMs,
  parseRetryAfterMs,
  type AttemptOutcome,
  type RetryConfig,
} from '../../../../src/backends/kustom/http/index.js';

const config: RetryConfig = { maxAttempts: 4, maxBackoffMs: 8000 };
const response = (status: number, headers: Record<string, string> = {}): AttemptOutcome => ({ kind: 'response', status, headers });
const NOW = Date.parse('2026-11-25T12:00:00Z');

describe('retry policy', () => {
  it('retries GET/DELETE always, POST/PATCH only with an idempotency key', () => {
    expect(mayRetryRequest('GET', false)).toBe(true);
    expect(mayRetryRequest('DELETE', false)).toBe(true);
    expect(mayRetryRequest('POST', false)).toBe(false);
    expect(mayRetryRequest('PATCH', false)).toBe(false);
    expect(mayRetryRequest('POST', true)).toBe(true);
  });

  it('retries 5xx, 429 and network errors but no other 4xx, and stops at maxAttempts', () => {
    const base = { method: 'GET' as const, hasIdempotencyKey: false, attempt: 1, config, now: NOW, random: () => 0.5 };
    expect(decideRetry({ ...base, outcome: response(503) }).retry).toBe(true);
    expect(decideRetry({ ...base, outcome: response(429) }).retry).toBe(true);
    expect(decideRetry({ ...base, outcome: { kind: 'network_error', ambiguous: true, timeout: true } }).retry).toBe(true);
    for (const status of [400, 401, 403, 404, 409, 422]) expect(decideRetry({ ...base, outcome: response(status) }).retry).toBe(false);
    expect(decideRetry({ ...base, attempt: 4, outcome: response(503) }).retry).toBe(false);
    expect(decideRetry({ ...base, method: 'POST', outcome: response(503) }).retry).toBe(false);
  });

  it('uses exponential backoff with full jitter, capped', () => {
    expect(backoffDelayMs(1, config, () => 0.999)).toBe(249);
    expect(backoffDelayMs(3, config, () => 0.5)).toBe(500);
    expect(backoffDelayMs(10, config, () => 0.5)).toBe(4000);
    expect(backoffDelayMs(10, config, () => 0)).toBe(0);
  });

  it('honours X-Ratelimit-Reset and Retry-After on 429, capped, plus jitter', () => {
    const base = { method: 'GET' as const, hasIdempotencyKey: false, attempt: 1, config, now: NOW, random: () => 0 };
    expect(decideRetry({ ...base, outcome: response(429, { 'x-ratelimit-reset': '2' }) })).toEqual({ retry: true, delayMs: 2000 });
    expect(decideRetry({ ...base, outcome: response(429, { 'x-ratelimit-reset': '3600' }) })).toEqual({ retry: true, delayMs: 8000 });
    const date = new Date(NOW + 5000).toUTCString();
    expect(decideRetry({ ...base, outcome: response(429, { 'retry-after': date }) })).toEqual({ retry: true, delayMs: 5000 });
    const jittered = decideRetry({ ...base, random: () => 0.5, outcome: response(429, { 'x-ratelimit-reset': '1' }) });
    expect(jittered).toEqual({ retry: true, delayMs: 1125 });
  });

  it('parses Retry-After and X-Ratelimit-Reset forms', () => {
    expect(parseRetryAfterMs('7', NOW)).toBe(7000);
    expect(parseRetryAfterMs('garbage', NOW)).toBeUndefined();
    expect(parseRetryAfterMs(new Date(NOW - 1000).toUTCString(), NOW)).toBe(0);
    expect(parseRateLimitResetMs('0.250', NOW)).toBe(250);
    expect(parseRateLimitResetMs(String(NOW / 1000 + 3), NOW)).toBe(3000);
    expect(parseRateLimitResetMs(undefined, NOW)).toBeUndefined();
  });
});
