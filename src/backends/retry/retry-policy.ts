/**
 * The one retry policy of the program, as pure functions: which attempts may be
 * repeated, and how long to wait before the next one. Only the transport of each backend (the Kustom HTTP
 * client, the sandbox's transport wrapper) applies it; services never retry, so a request is never retried
 * by two layers at once. No I/O, no clock: the caller passes `now`, `elapsedMs` and `random`.
 *
 * The budget per request: at most `maxAttempts` attempts (default 4) and `budgetMs` (default 30 s) from the
 * start of the first attempt — no wait runs past the budget and no attempt starts after it.
 */

import { backoffMs, unitInterval } from '../../infra/backoff.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RetryConfig {
  /** Total attempts including the first (≥ 1). */
  maxAttempts: number;
  /** Cap for any single wait, in ms. */
  maxBackoffMs: number;
  /** First backoff ceiling, doubled per attempt (default 250 ms). */
  baseDelayMs?: number;
  /** Total time for all attempts and waits of one request, in ms (no limit when absent). */
  budgetMs?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 4;
export const DEFAULT_BUDGET_MS = 30_000;
export const DEFAULT_MAX_BACKOFF_MS = 8_000;

/** The budget in words, for `--debug`, the developer log and error messages: "4 attempts within 30 s". */
export function describeBudget(config: RetryConfig): string {
  const time = config.budgetMs === undefined ? '' : ` within ${Math.round(config.budgetMs / 100) / 10} s`;
  return `${config.maxAttempts} attempt${config.maxAttempts === 1 ? '' : 's'}${time}`;
}

/**
 * What one attempt ended with. `ambiguous` network failures happened after the request may have reached
 * the provider (timeouts, resets): for a money-moving request the outcome is unknown.
 */
export type AttemptOutcome =
  | { kind: 'response'; status: number; headers: Record<string, string> }
  | { kind: 'network_error'; ambiguous: boolean; timeout: boolean };

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

export const DEFAULT_BASE_DELAY_MS = 250;

/** GET and DELETE may be repeated without changing the outcome. */
export function isIdempotentMethod(method: HttpMethod): boolean {
  return method === 'GET' || method === 'DELETE';
}

/** POST/PATCH may only be repeated when they carry an idempotency key (the same key on every attempt). */
export function mayRetryRequest(method: HttpMethod, hasIdempotencyKey: boolean): boolean {
  return isIdempotentMethod(method) || hasIdempotencyKey;
}

/** 429 and 5xx are worth another try; every other status is definitive. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/**
 * Whether an outcome leaves a non-idempotent request's effect unknown: network failures after sending, and
 * 504 (a gateway gave up while the provider may still be working, so the request may have taken effect).
 */
export function isAmbiguousOutcome(outcome: AttemptOutcome): boolean {
  if (outcome.kind === 'network_error') return outcome.ambiguous;
  return outcome.status === 504;
}

/** Exponential backoff with full jitter: uniform in [0, min(cap, base·2^(attempt−1))). `attempt` is 1-based. */
export function backoffDelayMs(attempt: number, config: RetryConfig, random: () => number): number {
  return backoffMs(attempt, config.baseDelayMs ?? DEFAULT_BASE_DELAY_MS, config.maxBackoffMs, random);
}

/** Parses `Retry-After` (delta-seconds or an HTTP date) into ms from `now`; undefined when absent or invalid. */
export function parseRetryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * Parses `X-Ratelimit-Reset` (seconds until the window resets) into ms. Values that look like a Unix epoch
 * (seconds) are converted relative to `now`.
 */
export function parseRateLimitResetMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.split(',')[0]?.trim());
  if (!Number.isFinite(n) || n < 0) return undefined;
  if (n > 1_000_000_000) return Math.max(0, n * 1000 - now);
  return Math.round(n * 1000);
}

/** The server's own hint of how long to wait (the larger of `X-Ratelimit-Reset` and `Retry-After`), uncapped. */
export function serverRetryHintMs(headers: Record<string, string>, now: number): number | undefined {
  const reset = parseRateLimitResetMs(headers['x-ratelimit-reset'], now);
  const after = parseRetryAfterMs(headers['retry-after'], now);
  if (reset === undefined) return after;
  if (after === undefined) return reset;
  return Math.max(reset, after);
}

/** Jitter added on top of a server-provided wait so that many clients do not return at the same instant. */
export function jitterMs(config: RetryConfig, random: () => number): number {
  const span = Math.min(config.baseDelayMs ?? DEFAULT_BASE_DELAY_MS, config.maxBackoffMs / 10);
  return Math.floor(unitInterval(random()) * span);
}

/**
 * Delay before retrying after a 429: the server's hint capped at `maxBackoffMs`, plus jitter; without a hint,
 * ordinary exponential backoff.
 */
export function rateLimitDelayMs(
  attempt: number,
  headers: Record<string, string>,
  config: RetryConfig,
  now: number,
  random: () => number,
): number {
  const hint = serverRetryHintMs(headers, now);
  if (hint === undefined) return backoffDelayMs(attempt, config, random);
  return hintedDelayMs(hint, config, random);
}

/** The server's wait capped at `maxBackoffMs`, plus jitter. */
function hintedDelayMs(hint: number, config: RetryConfig, random: () => number): number {
  return Math.min(hint, config.maxBackoffMs) + jitterMs(config, random);
}

export interface RetryInput {
  method: HttpMethod;
  hasIdempotencyKey: boolean;
  /** 1-based number of the attempt that just ended. */
  attempt: number;
  outcome: AttemptOutcome;
  config: RetryConfig;
  now: number;
  random: () => number;
  /** ms since the first attempt of this request started (checked against `config.budgetMs`). */
  elapsedMs?: number;
}

/** Decides whether to make another attempt and how long to wait first. */
export function decideRetry(input: RetryInput): RetryDecision {
  const decision = decideWithinAttempts(input);
  if (!decision.retry || input.config.budgetMs === undefined) return decision;
  return (input.elapsedMs ?? 0) + decision.delayMs < input.config.budgetMs ? decision : { retry: false };
}

function decideWithinAttempts(input: RetryInput): RetryDecision {
  const { method, hasIdempotencyKey, attempt, outcome, config, now, random } = input;
  if (attempt >= config.maxAttempts) return { retry: false };
  if (!mayRetryRequest(method, hasIdempotencyKey)) return { retry: false };
  if (outcome.kind === 'network_error') return { retry: true, delayMs: backoffDelayMs(attempt, config, random) };
  if (!isRetryableStatus(outcome.status)) return { retry: false };
  if (outcome.status === 429) {
    return { retry: true, delayMs: rateLimitDelayMs(attempt, outcome.headers, config, now, random) };
  }
  const hint = outcome.status === 503 ? parseRetryAfterMs(outcome.headers['retry-after'], now) : undefined;
  if (hint !== undefined) return { retry: true, delayMs: hintedDelayMs(hint, config, random) };
  return { retry: true, delayMs: backoffDelayMs(attempt, config, random) };
}
