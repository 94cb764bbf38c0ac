/**
 * The one pacing mechanism for all requests of a process (one per backend, shared by every concurrent
 * worker): a token bucket (GCRA form, so that each caller reserves its slot synchronously and many
 * in-flight promises never race) at the configured rate or, without one, at the rate the provider states
 * (`X-Ratelimit-Limit`); what is left of the provider's window (`X-Ratelimit-Remaining`), spent one request
 * at a time until `X-Ratelimit-Reset`; and a pause of every request after a 429 for the provider's wait
 * (`Retry-After` / `X-Ratelimit-Reset`, capped). Callers that are released together (a group of rows whose
 * journal claims commit at once) are therefore spread over the window instead of sent as one burst.
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

/**
 * The sustained rate `X-Ratelimit-Limit` states, in requests per second: its first value is the quota of
 * the window that applies now; the window is that quota's `w=` policy (seconds), 1 s when none is named.
 */
export function parseRateLimitPerSecond(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const [first, ...policies] = value.split(',').map((part) => part.trim());
  const quota = Number(first);
  if (!Number.isFinite(quota) || quota <= 0) return undefined;
  let windowSeconds = 1;
  for (const policy of policies) {
    const [amount, ...params] = policy.split(';').map((part) => part.trim());
    if (Number(amount) !== quota) continue;
    const w = params.find((param) => param.startsWith('w='));
    const seconds = w === undefined ? NaN : Number(w.slice(2));
    if (Number.isFinite(seconds) && seconds > 0) windowSeconds = seconds;
    break;
  }
  return quota / windowSeconds;
}

export class RateLimiter {
  private intervalMs: number | undefined;
  private toleranceMs: number;
  private readonly configuredIntervalMs: number | undefined;
  /** Theoretical arrival time of the next request (GCRA). */
  private tat = 0;
  /** No request may start before this instant (set from provider headers). */
  private pausedUntil = 0;
  /**
   * Requests between acquire() and release(), counted from the moment they reserve their slot (a caller
   * still waiting for it will use one of the provider's remaining requests too).
   */
  private inFlight = 0;
  /**
   * Requests that may still start before `allowanceUntil` (the provider's window reset): the last answer's
   * remainder less the requests it did not count yet. Undefined: nothing known about the current window.
   */
  private allowance: number | undefined;
  private allowanceUntil = 0;

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
    this.configuredIntervalMs = this.intervalMs;
  }

  /**
   * Reserves the next slot (synchronously, before any await) and waits for it. Returns the ms waited.
   */
  async acquire(): Promise<number> {
    const now = this.options.now();
    let start = Math.max(now, this.pausedUntil);
    if (this.intervalMs !== undefined) start = Math.max(start, this.tat - this.toleranceMs);
    if (this.allowance !== undefined && start < this.allowanceUntil) {
      // The window's remainder is spent: this request starts in the next window.
      if (this.allowance <= 0) start = this.allowanceUntil;
      else this.allowance -= 1;
    }
    if (this.intervalMs !== undefined) this.tat = Math.max(this.tat, start) + this.intervalMs;
    this.inFlight += 1;
    const wait = Math.ceil(start - now);
    if (wait > 0) await this.options.sleep(wait);
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
   * Feeds response headers back (by the request that acquired a slot, before its release). The stated
   * limit paces every later request when no rate was configured. What remains of the window
   * (`X-Ratelimit-Remaining`), less the other requests in flight (the provider may not have counted them
   * yet), is what may still start before the window resets (capped); once that is spent — at once when
   * nothing is left — every new request waits for the reset, so a bulk run at concurrency 16 never sends a
   * burst that can only earn 429s, however many rows it releases at once. Each answer replaces the
   * estimate: a later one has counted more of the requests sent.
   */
  observe(status: number, headers: Record<string, string>): void {
    // A 429 is paused by the retry (pauseFor with the policy's delay), so the wait is decided in one place.
    if (status === 429) return;
    this.learnRate(headers['x-ratelimit-limit']);
    const header = headers['x-ratelimit-remaining'];
    if (header === undefined) return;
    const remaining = Number(header.split(',')[0]?.trim());
    if (!Number.isFinite(remaining)) return;
    const now = this.options.now();
    const resetMs = parseRateLimitResetMs(headers['x-ratelimit-reset'], now) ?? 1000;
    const until = now + Math.min(resetMs, this.options.maxPauseMs);
    const others = Math.max(0, this.inFlight - 1);
    this.allowance = Math.max(0, remaining - others);
    this.allowanceUntil = until;
    if (this.allowance === 0 && until > this.pausedUntil) this.pausedUntil = until;
  }

  /** Without a configured rate, requests are spaced at the provider's stated one (never faster than it). */
  private learnRate(header: string | undefined): void {
    if (this.configuredIntervalMs !== undefined) return;
    const rate = parseRateLimitPerSecond(header);
    if (rate === undefined) return;
    const interval = 1000 / rate;
    if (interval === this.intervalMs) return;
    this.intervalMs = interval;
    this.toleranceMs = 0;
  }
}
