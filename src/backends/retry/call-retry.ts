/**
 * The transport retry for a backend that answers with typed errors instead of HTTP (the sandbox): the same
 * policy and budget as the Kustom HTTP client (retry-policy.ts), the same shared pacing after a rate limit
 * (rate-limit.ts). A write always carries its idempotency key, so it is re-sent with that key; when any
 * attempt of a write ended without a definite answer and the budget runs out, the outcome is unknown.
 */
import { isMerchantError, RateLimitedError, TransientError, UnknownOutcomeError, type MerchantError } from '../../errors.js';
import type { RateLimiter } from './rate-limit.js';
import { decideRetry, describeBudget, type AttemptOutcome, type RetryConfig } from './retry-policy.js';

export interface AttemptReport {
  operation: string;
  attempt: number;
  /** "2 of 4 attempts within 30 s". */
  budget: string;
  error: MerchantError;
  durationMs: number;
}

export interface CallRetry {
  config: RetryConfig;
  limiter: RateLimiter;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
  /** Told about every attempt that did not succeed (for `--debug` and the developer log). */
  onFailedAttempt?: (report: AttemptReport) => void;
}

/** What a typed error says about one attempt, in the policy's terms; undefined = a definite answer. */
function outcomeOf(error: unknown): AttemptOutcome | undefined {
  if (error instanceof UnknownOutcomeError) return { kind: 'network_error', ambiguous: true, timeout: true };
  if (error instanceof RateLimitedError) {
    return { kind: 'response', status: 429, headers: error.retryAfterMs === undefined ? {} : { 'retry-after': String(error.retryAfterMs / 1000) } };
  }
  if (error instanceof TransientError) return { kind: 'response', status: 503, headers: {} };
  return undefined;
}

function exhausted(operation: string, last: MerchantError, attempts: number, budget: string, sawAmbiguous: boolean): MerchantError {
  const tail = `after ${attempts} attempt(s) (budget: ${budget})`;
  const options = { cause: last, details: { operation, attempts, budget } };
  if (sawAmbiguous) {
    return new UnknownOutcomeError(`${operation} may or may not have taken effect: no definite answer came back ${tail}; last: ${last.message}.`, {
      ...options,
      hint: 'Re-read the order before trying again; the same command re-sends with the same idempotency key.',
    });
  }
  if (last instanceof RateLimitedError) {
    return new RateLimitedError(`${operation} was rate limited ${tail}: ${last.message}`, { ...options, ...(last.retryAfterMs === undefined ? {} : { retryAfterMs: last.retryAfterMs }) });
  }
  return new TransientError(`${operation} failed ${tail}: ${last.message}`, { ...options, hint: 'This is usually temporary; try again in a moment.' });
}

/** Runs one call under the retry budget. `write`: the call changes state (and carries an idempotency key). */
export async function callWithRetry<T>(retry: CallRetry, operation: string, write: boolean, call: () => Promise<T>): Promise<T> {
  const firstStarted = retry.now();
  let sawAmbiguous = false;
  for (let attempt = 1; ; attempt += 1) {
    await retry.limiter.acquire();
    const started = retry.now();
    const settled = await call().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    retry.limiter.release();
    if (settled.ok) return settled.value;
    const error = settled.error;
    const outcome = outcomeOf(error);
    if (outcome === undefined || !isMerchantError(error)) throw error;
    if (write && outcome.kind === 'network_error') sawAmbiguous = true;
    const budget = describeBudget(retry.config);
    retry.onFailedAttempt?.({ operation, attempt, budget: `${attempt} of ${budget}`, error, durationMs: Math.max(0, retry.now() - started) });
    const decision = decideRetry({
      method: write ? 'POST' : 'GET',
      hasIdempotencyKey: write,
      attempt,
      outcome,
      config: retry.config,
      now: retry.now(),
      random: retry.random,
      elapsedMs: retry.now() - firstStarted,
    });
    if (!decision.retry) throw exhausted(operation, error, attempt, budget, sawAmbiguous);
    // After a rate limit every call of the process waits (the limiter is shared); this one waits there too.
    if (error instanceof RateLimitedError) retry.limiter.pauseFor(decision.delayMs);
    else if (decision.delayMs > 0) await retry.sleep(decision.delayMs);
  }
}
