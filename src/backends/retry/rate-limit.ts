/**
 * The one pacing mechanism for all requests of a process (one per backend, shared by every concurrent
 * worker): an optional token bucket (GCRA form, so that each caller reserves its slot synchronously and many
 * in-flight promises never race), adaptive slowing when the provider reports `X-Ratelimit-Remaining: 0`
 * (wait until `X-Ratelimit-Reset`), and a pause of every request after a 429 for the provider's wait
 * (`Retry-After` / `X-Ratelimit-Reset`, capped).
 */
import { parseRateLimitResetMs } from './retry-policy.js';

export interface RateLimiterOptions {
  /** Sustained requests per second; undefined/0 disables the bucket (adaptive slowing stays on). */
  ratePerSecond?: number;
  /** Bucket size (requests allowed back to back); default max(1, floor(ratePerSecond)). */
  burst?: number;
  /** Cap for an adaptive pause, in ms. */
  maxPauseMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export class RateLimiter {
  private readonly intervalMs: number | undefined;
  private readonly toleranceMs: number;
  /** Theoretical arrival time of the next request (GCRA). */
  private tat = 0;
  /** No request may start before this instant (set from provider headers). */
  private pausedUntil = 0;
  /** Requests between acquire() and release(): each will use one of the provider's remaining requests. */
  private inFlight = 0;

  constructor(private readonly options: RateLimiterOptions) {
    const rate = options.ratePerSecond;
    if (rate !== undefined && rate > 0) {
      this.intervalMs = 1000 / rate;
      const burst = Math.max(1, options.burst ?? Math.floor(rate));
      this.toleranceMs = this.intervalMs * (burst - 1);
    } else {
      this.intervalMs = undefined;
      this.toleranceMs = 0;
    }
  }

  /**
   * Reserves the next slot (synchronously, before any await) and waits for it. Returns the ms waited.
   */
  async acquire(): Promise<number> {
    const now = this.options.now();
    let start = Math.max(now, this.pausedUntil);
    if (this.intervalMs !== undefined) {
      start = Math.max(start, this.tat - this.toleranceMs);
      this.tat = Math.max(this.tat, start) + this.intervalMs;
    }
    const wait = Math.ceil(start - now);
    if (wait > 0) await this.options.sleep(wait);
    this.inFlight += 1;
    return Math.max(0, wait);
  }

  /** The request that acquired a slot has its answer (or failed): it no longer counts against the remainder. */
  release(): void {
    if (this.inFlight > 0) this.inFlight -= 1;
  }

  /** No request starts for `ms` (already capped by the retry policy): a rate limit applies to every worker at once. */
  pauseFor(ms: number): void {
    const until = this.options.now() + Math.max(0, ms);
    if (until > this.pausedUntil) this.pausedUntil = until;
  }

  /**
   * Feeds response headers back. When what remains of the window (`X-Ratelimit-Remaining`) is already spoken for by the other requests in flight — always at
   * 0 — every new request waits until the window resets (capped), so a bulk run at concurrency 16 does not
   * send a burst that can only earn 429s.
   */
  observe(status: number, headers: Record<string, string>): void {
    // A 429 is paused by the retry (pauseFor with the policy's delay), so the wait is decided in one place.
    if (status === 429) return;
    const header = headers['x-ratelimit-remaining'];
    if (header === undefined) return;
    const remaining = Number(header.split(',')[0]?.trim());
    const others = Math.max(0, this.inFlight - 1);
    if (!Number.isFinite(remaining) || (remaining !== 0 && remaining > others)) return;
    const now = this.options.now();
    const resetMs = parseRateLimitResetMs(headers['x-ratelimit-reset'], now) ?? 1000;
    const until = now + Math.min(resetMs, this.options.maxPauseMs);
    if (until > this.pausedUntil) this.pausedUntil = until;
  }
}
