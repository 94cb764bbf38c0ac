import { describe, expect, it } from 'vitest';
import { RateLimitedError, StateConflictError, TransientError } from '../../../src/errors.js';
import { backoffMs, Pacer, withRetry } from '../../../src/services/orders/retry.js';
import { operationKey } from '../../../src/services/orders/idempotency-key.js';
import { parseFaultSpec } from '../../../src/backends/sandbox/faults.js';

describe('withRetry', () => {
  it('retries transient failures with growing, jittered waits', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 4) throw new TransientError('flaky');
        return 'ok';
      },
      { sleep: async (ms) => void waits.push(ms), random: () => 1, baseMs: 100 },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([100, 200, 400]);
  });

  it('never retries a definitive refusal', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new StateConflictError('no');
        },
        { sleep: async () => undefined },
      ),
    ).rejects.toBeInstanceOf(StateConflictError);
    expect(calls).toBe(1);
  });

  it('waits at least the rate limit and pauses the shared pacer', async () => {
    const waits: number[] = [];
    let t = 0;
    const pacer = new Pacer(async (ms) => void (t += ms), () => t);
    let calls = 0;
    await withRetry(
      async () => {
        if (calls++ === 0) throw new RateLimitedError('slow down', { retryAfterMs: 5000 });
        return 1;
      },
      { sleep: async (ms) => void waits.push(ms), random: () => 0, pacer },
    );
    expect(waits[0]).toBe(5000);
  });

  it('gives up after the attempts and throws the last error', async () => {
    await expect(withRetry(async () => Promise.reject(new TransientError('down')), { attempts: 3, sleep: async () => undefined })).rejects.toThrow('down');
  });

  it('keeps backoff within [ceiling/2, ceiling] and under the maximum', () => {
    expect(backoffMs(1, 100, 5000, () => 0)).toBe(50);
    expect(backoffMs(20, 100, 5000, () => 1)).toBe(5000);
  });
});

describe('operationKey', () => {
  it('is stable for the same operation and differs for another', () => {
    expect(operationKey(['capture', 'o1', 100])).toBe(operationKey(['capture', 'o1', 100]));
    expect(operationKey(['capture', 'o1', 100])).not.toBe(operationKey(['capture', 'o1', 101]));
    expect(operationKey(['x'])).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('parseFaultSpec', () => {
  it('reads shares, seed and retry_after_ms', () => {
    expect(parseFaultSpec('transient=0.2,rate_limited=0.1,timeout_after_commit=0.1,seed=42')).toMatchObject({ transient: 0.2, rate_limited: 0.1, timeout_after_commit: 0.1, seed: 42 });
  });
  it('names each bad key and rule', () => {
    expect(() => parseFaultSpec('transient=2,bogus=1,seed=x')).toThrow(/transient: must be a share[\s\S]*bogus: unknown fault[\s\S]*seed: needs a number/);
  });
});
