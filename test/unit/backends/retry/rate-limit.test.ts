import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../../src/backends/kustom/http/index.js';

function clock() {
  let t = 1_000_000;
  const waits: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
    advance: (ms: number) => {
      t += ms;
    },
    waits,
  };
}

describe('RateLimiter', () => {
  it('spaces many concurrent callers by the token bucket, each reserving its own slot', async () => {
    const c = clock();
    const limiter = new RateLimiter({ ratePerSecond: 10, burst: 2, maxPauseMs: 8000, now: c.now, sleep: c.sleep });
    const waited = await Promise.all(Array.from({ length: 6 }, () => limiter.acquire()));
    expect(waited).toEqual([0, 0, 100, 200, 300, 400]);
  });

  it('pauses every request until the reset when the provider reports zero remaining', async () => {
    const c = clock();
    const limiter = new RateLimiter({ maxPauseMs: 8000, now: c.now, sleep: c.sleep });
    expect(await limiter.acquire()).toBe(0);
    limiter.observe(200, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '0.4' });
    expect(await Promise.all([limiter.acquire(), limiter.acquire()])).toEqual([400, 400]);
    c.advance(400);
    expect(await limiter.acquire()).toBe(0);
    limiter.observe(200, { 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': '1' });
    limiter.observe(429, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' });
    expect(await limiter.acquire()).toBe(0);
  });

  it('pauses when the remainder of the window is already spoken for by the requests in flight', async () => {
    const c = clock();
    const limiter = new RateLimiter({ maxPauseMs: 8000, now: c.now, sleep: c.sleep });
    // Four in flight; one answers with 3 remaining: the other three will use them, so new requests wait.
    await Promise.all(Array.from({ length: 4 }, () => limiter.acquire()));
    limiter.observe(200, { 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '0.5' });
    limiter.release();
    expect(await limiter.acquire()).toBe(500);
    c.advance(500);
    // Two in flight (after releases) and 5 remaining: room left, no pause.
    limiter.release();
    limiter.release();
    limiter.release();
    limiter.observe(200, { 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': '0.9' });
    expect(await limiter.acquire()).toBe(0);
    // release() never goes below zero.
    for (let i = 0; i < 5; i++) limiter.release();
    limiter.observe(200, { 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': '0.9' });
    expect(await limiter.acquire()).toBe(0);
  });
});
