import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../../src/backends/kustom/http/index.js';
import { parseRateLimitPerSecond } from '../../../../src/backends/retry/rate-limit.js';

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

  it('lets a group released at once use only what the window has left, whatever the order of answers', async () => {
    const c = clock();
    const limiter = new RateLimiter({ maxPauseMs: 8000, now: c.now, sleep: c.sleep });
    // 16 in flight; the provider counted all of them before the first answer: 1 left in the window. The
    // answers arrive one by one, each with the remainder it saw, and each released before the next.
    await Promise.all(Array.from({ length: 16 }, () => limiter.acquire()));
    for (let remaining = 16; remaining >= 1; remaining--) {
      limiter.observe(200, { 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': '0.3' });
      limiter.release();
    }
    // A group of 16 rows asks at once: one request fits the window, the others start when it resets.
    const waited = await Promise.all(Array.from({ length: 16 }, () => limiter.acquire()));
    expect(waited.filter((w) => w === 0)).toHaveLength(1);
    expect(waited.filter((w) => w === 300)).toHaveLength(15);
  });

  it('counts a request still waiting for its slot as one that will use the window', async () => {
    const c = clock();
    const limiter = new RateLimiter({ maxPauseMs: 8000, now: c.now, sleep: c.sleep });
    await limiter.acquire();
    limiter.observe(200, { 'x-ratelimit-remaining': '2', 'x-ratelimit-reset': '1' });
    limiter.release();
    // Two reserve the two left; a third answer of the same window sees them pending and leaves nothing.
    expect(await Promise.all([limiter.acquire(), limiter.acquire()])).toEqual([0, 0]);
    limiter.observe(200, { 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': '0.5' });
    expect(await limiter.acquire()).toBe(500);
  });

  it('spaces requests at the rate the provider states when none is configured', async () => {
    const c = clock();
    const limiter = new RateLimiter({ maxPauseMs: 8000, now: c.now, sleep: c.sleep });
    expect(await Promise.all([limiter.acquire(), limiter.acquire()])).toEqual([0, 0]);
    limiter.observe(200, { 'x-ratelimit-limit': '50, 50;w=1', 'x-ratelimit-remaining': '40', 'x-ratelimit-reset': '1' });
    limiter.release();
    limiter.release();
    expect(await Promise.all(Array.from({ length: 4 }, () => limiter.acquire()))).toEqual([0, 20, 40, 60]);
  });

  it('never paces faster than a configured rate because of a stated one', async () => {
    const c = clock();
    const limiter = new RateLimiter({ ratePerSecond: 10, burst: 1, maxPauseMs: 8000, now: c.now, sleep: c.sleep });
    limiter.observe(200, { 'x-ratelimit-limit': '1000' });
    expect(await Promise.all(Array.from({ length: 3 }, () => limiter.acquire()))).toEqual([0, 100, 200]);
  });

  it('reads the stated rate from the limit and its window policy', () => {
    expect(parseRateLimitPerSecond('50, 50;w=1')).toBe(50);
    expect(parseRateLimitPerSecond('10, 10;w=2, 1000;w=3600')).toBe(5);
    expect(parseRateLimitPerSecond('100')).toBe(100);
    for (const bad of [undefined, '', 'x', '0', '-3']) expect(parseRateLimitPerSecond(bad)).toBeUndefined();
  });
});
