/**
 * Retrying requests that failed transiently: exponential backoff with full jitter, a shared pacer that
 * honours the provider's rate-limit wait for every worker at once, and no retry at all for a definitive
 * refusal (state conflict, validation, not found, auth, API error) — retrying those cannot help.
 */
import { isMerchantError, RateLimitedError } from '../../errors.js';

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One per run: when any request is rate limited, every worker waits until the limit resets. */
export class Pacer {
  private resumeAt = 0;
  constructor(
    private readonly sleep: Sleep = realSleep,
    private readonly now: () => number = Date.now,
  ) {}

  pause(ms: number): void {
    this.resumeAt = Math.max(this.resumeAt, this.now() + ms);
  }

  async ready(): Promise<void> {
    for (let wait = this.resumeAt - this.now(); wait > 0; wait = this.resumeAt - this.now()) await this.sleep(wait);
  }
}

export interface RetryOptions {
  attempts?: number;
  baseMs?: number;
  maxMs?: number;
  sleep?: Sleep;
  pacer?: Pacer;
  random?: () => number;
  /** Told about each retry (for debug output). */
  onRetry?: (error: unknown, attempt: number, waitMs: number) => void;
}

export function isRetryable(error: unknown): boolean {
  return isMerchantError(error) && (error.kind === 'transient' || error.kind === 'rate_limited');
}

export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Runs `fn` until it succeeds, fails definitively, or the attempts run out (then the last error). */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 8;
  const baseMs = options.baseMs ?? 100;
  const maxMs = options.maxMs ?? 5000;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    await options.pacer?.ready();
    try {
      return await fn(attempt);
    } catch (error) {
      if (!isRetryable(error) || attempt >= attempts) throw error;
      let wait = backoffMs(attempt, baseMs, maxMs, random);
      if (error instanceof RateLimitedError && error.retryAfterMs !== undefined) {
        wait = Math.max(wait, error.retryAfterMs);
        options.pacer?.pause(error.retryAfterMs);
      }
      options.onRetry?.(error, attempt, wait);
      await sleep(wait);
    }
  }
}
