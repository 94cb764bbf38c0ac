/**
 * The one HTTP client for Kustom. Every request of the program goes through `request()`: auth, User-Agent,
 * idempotency key, pacing, retries, error mapping and redacted observation all live here.
 */
import type { Dispatcher } from 'undici';
import { TransientError, UnknownOutcomeError, UsageError, type MerchantError } from '../../../errors.js';
import { assertHostMatchesKey, authorizationHeader, credentialKey, type KustomCredential } from './auth.js';
import { mapError, parseErrorBody } from './error-mapping.js';
import { RateLimiter } from '../../retry/rate-limit.js';
import { redactHeaders, redactString } from './redact.js';
import {
  DEFAULT_BUDGET_MS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_BACKOFF_MS,
  decideRetry,
  describeBudget,
  isAmbiguousOutcome,
  isIdempotentMethod,
  serverRetryHintMs,
  type AttemptOutcome,
  type HttpMethod,
  type RetryConfig,
} from '../../retry/retry-policy.js';
import { DEFAULT_TIMEOUT_MS } from './timeout.js';
import { splitBaseUrl, undiciRequest, type UndiciRequestOptions } from './undici-request.js';
import { userAgent } from './user-agent.js';

export type { HttpMethod } from '../../retry/retry-policy.js';

export interface HttpExchange {
  operation: string;
  method: HttpMethod;
  path: string;
  query: Record<string, string> | undefined;
  status?: number;
  durationMs: number;
  /** 1-based attempt number. */
  attempt: number;
  /** The request's retry budget: attempts at most, and total ms for attempts and waits. */
  maxAttempts: number;
  budgetMs: number;
  idempotencyKey?: string;
  correlationId?: string;
  /** Redacted (Authorization and other secret headers masked). */
  requestHeaders: Record<string, string>;
  /**
   * The bodies as sent and as received, NOT redacted: an observer that writes them anywhere redacts them
   * (the developer log does, once per body; redacting here too would do that work twice per request).
   */
  requestBody: unknown;
  responseBody: unknown;
  error?: string;
  outcome: 'ok' | 'http_error' | 'network_error' | 'timeout';
}

export interface KustomHttpClientOptions {
  baseUrl: string;
  credential: KustomCredential;
  dispatcher?: Dispatcher;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** Headers and body timeout per attempt (default 10 000 ms; see timeout.ts). */
  timeoutMs?: number;
  /** Attempts including the first (default 4). */
  maxAttempts?: number;
  /** Total time for all attempts and waits of one request (default 30 000 ms). */
  budgetMs?: number;
  /** Cap for a single backoff wait (default 8 000 ms). */
  maxBackoffMs?: number;
  /** Tool version, for the User-Agent. */
  version: string;
  /** Optional client-side pacing shared by all requests of this client. */
  rateLimitPerSecond?: number;
  /** Called once per attempt (headers and error text redacted, bodies not: see HttpExchange); exceptions it throws are ignored. */
  observer?: (event: HttpExchange) => void;
}

export interface KustomRequest {
  method: HttpMethod;
  /** Path starting with `/`, e.g. `/ordermanagement/v1/orders/<id>/captures`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Sent as `Klarna-Idempotency-Key`, identical on every retry of this request. */
  idempotencyKey?: string;
  /** Accept header (default `application/json`). */
  accept?: string;
  /** Logical operation for logs and messages, e.g. 'orders.capture'. */
  operation: string;
  headers?: Record<string, string>;
  /** What the request is about, for not-found messages (e.g. 'Order'). */
  resource?: string;
  resourceId?: string;
}

export interface KustomResponse<T> {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Parsed JSON body, when the response had one. */
  body: T | undefined;
  /** Raw response text, when non-empty. */
  text?: string;
}

export interface KustomHttpClient {
  readonly baseUrl: string;
  request<T>(req: KustomRequest): Promise<KustomResponse<T>>;
}

/** Error codes meaning the request never left this machine (so repeating it is always safe). */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

interface NetworkFailure {
  ambiguous: boolean;
  timeout: boolean;
  message: string;
  cause: unknown;
}

function classifyNetworkError(error: unknown): NetworkFailure {
  const code = (error as { code?: unknown } | null)?.code;
  const codeStr = typeof code === 'string' ? code : undefined;
  const message = redactString(error instanceof Error ? `${error.message}${codeStr ? ` (${codeStr})` : ''}` : String(error));
  const timeout = codeStr !== undefined && TIMEOUT_CODES.has(codeStr);
  const ambiguous = !(codeStr !== undefined && NOT_SENT_CODES.has(codeStr));
  return { ambiguous, timeout, message, cause: error };
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function buildQuery(query: KustomRequest['query']): Record<string, string> | undefined {
  if (!query) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined) out[k] = String(v);
  return out;
}

function parseBody(text: string, contentType: string | undefined): unknown {
  if (text.trim() === '') return undefined;
  const looksJson = contentType?.includes('json') ?? /^\s*[[{]/.test(text);
  if (!looksJson) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function correlationIdOf(headers: Record<string, string>, body: unknown): string | undefined {
  if (body !== null && typeof body === 'object' && typeof (body as { correlation_id?: unknown }).correlation_id === 'string') {
    return (body as { correlation_id: string }).correlation_id;
  }
  return headers['klarna-correlation-id'] ?? headers['correlation-id'] ?? headers['x-correlation-id'];
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createKustomHttpClient(options: KustomHttpClientOptions): KustomHttpClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  assertHostMatchesKey(baseUrl, credentialKey(options.credential));
  const authorization = authorizationHeader(options.credential);
  const { origin, pathPrefix } = splitBaseUrl(baseUrl);
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retryConfig: RetryConfig = {
    maxAttempts: Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
    maxBackoffMs: options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS,
    budgetMs: options.budgetMs ?? DEFAULT_BUDGET_MS,
  };
  const budgetMs = retryConfig.budgetMs ?? DEFAULT_BUDGET_MS;
  const ua = userAgent(options.version);
  const limiterOptions: ConstructorParameters<typeof RateLimiter>[0] = { maxPauseMs: retryConfig.maxBackoffMs, now, sleep };
  if (options.rateLimitPerSecond !== undefined) limiterOptions.ratePerSecond = options.rateLimitPerSecond;
  const limiter = new RateLimiter(limiterOptions);

  function emit(event: HttpExchange): void {
    if (!options.observer) return;
    try {
      options.observer(event);
    } catch {
      // An observer must never break a request.
    }
  }

  async function request<T>(req: KustomRequest): Promise<KustomResponse<T>> {
    if (!req.path.startsWith('/')) throw new UsageError(`Kustom request path must start with "/": ${req.path}`);
    const query = buildQuery(req.query);
    const search = query && Object.keys(query).length > 0 ? `?${new URLSearchParams(query).toString()}` : '';
    const path = `${pathPrefix}${req.path}${search}`;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
    Object.assign(headers, {
      authorization,
      'user-agent': ua,
      accept: req.accept ?? 'application/json',
    });
    const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
    if (payload !== undefined) headers['content-type'] = 'application/json';
    if (req.idempotencyKey !== undefined) headers['klarna-idempotency-key'] = req.idempotencyKey;
    // Redacted only for an observer that reads them (the developer log does not): a bulk run sends thousands.
    let redactedHeaders: Record<string, string> | undefined;
    const loggedHeaders = (): Record<string, string> => (redactedHeaders ??= redactHeaders(headers));
    const idempotent = isIdempotentMethod(req.method);
    let sawAmbiguous = false;
    const firstStarted = now();

    for (let attempt = 1; ; attempt += 1) {
      await limiter.acquire();
      const started = now();
      let outcome: AttemptOutcome;
      let failure: NetworkFailure | undefined;
      let status: number | undefined;
      let responseHeaders: Record<string, string> = {};
      let text = '';
      let parsed: unknown;
      try {
        const requestOptions: UndiciRequestOptions = {
          origin,
          path,
          method: req.method,
          headers,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        };
        if (payload !== undefined) requestOptions.body = payload;
        if (options.dispatcher) requestOptions.dispatcher = options.dispatcher;
        const res = await undiciRequest(requestOptions);
        status = res.statusCode;
        responseHeaders = flattenHeaders(res.headers);
        text = res.text;
        parsed = parseBody(text, responseHeaders['content-type']);
        outcome = { kind: 'response', status, headers: responseHeaders };
        limiter.observe(status, responseHeaders);
      } catch (error) {
        failure = classifyNetworkError(error);
        outcome = { kind: 'network_error', ambiguous: failure.ambiguous, timeout: failure.timeout };
      } finally {
        limiter.release();
      }
      const durationMs = Math.max(0, now() - started);
      const ok = outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300;
      const correlationId = outcome.kind === 'response' ? correlationIdOf(responseHeaders, parsed) : undefined;

      const event: HttpExchange = {
        operation: req.operation,
        method: req.method,
        path: req.path,
        query,
        durationMs,
        attempt,
        maxAttempts: retryConfig.maxAttempts,
        budgetMs,
        get requestHeaders() {
          return loggedHeaders();
        },
        requestBody: req.body,
        responseBody: outcome.kind === 'response' ? (parsed ?? (text === '' ? undefined : text)) : undefined,
        outcome: ok ? 'ok' : failure ? (failure.timeout ? 'timeout' : 'network_error') : 'http_error',
      };
      if (status !== undefined && outcome.kind === 'response') event.status = status;
      if (req.idempotencyKey !== undefined) event.idempotencyKey = req.idempotencyKey;
      if (correlationId !== undefined) event.correlationId = correlationId;
      if (failure) event.error = failure.message;
      else if (!ok && outcome.kind === 'response') {
        const err = parseErrorBody(parsed ?? text);
        event.error = `HTTP ${outcome.status}${err.errorCode ? ` ${err.errorCode}` : ''}`;
      }
      emit(event);

      if (ok && outcome.kind === 'response') {
        const response: KustomResponse<T> = { status: outcome.status, headers: responseHeaders, body: parsed as T | undefined };
        if (text !== '') response.text = text;
        return response;
      }

      if (!idempotent && isAmbiguousOutcome(outcome)) sawAmbiguous = true;
      const decision = decideRetry({
        method: req.method,
        hasIdempotencyKey: req.idempotencyKey !== undefined,
        attempt,
        outcome,
        config: retryConfig,
        now: now(),
        random,
        elapsedMs: now() - firstStarted,
      });
      if (decision.retry) {
        // After a 429 every request of the process waits (the limiter is shared); this one waits there too.
        if (outcome.kind === 'response' && outcome.status === 429) limiter.pauseFor(decision.delayMs);
        else if (decision.delayMs > 0) await sleep(decision.delayMs);
        continue;
      }
      throw finalError(req, outcome, failure, parsed ?? text, attempt, sawAmbiguous, correlationId);
    }
  }

  function finalError(
    req: KustomRequest,
    outcome: AttemptOutcome,
    failure: NetworkFailure | undefined,
    body: unknown,
    attempts: number,
    sawAmbiguous: boolean,
    correlationId: string | undefined,
  ): MerchantError {
    const retryable = outcome.kind === 'network_error' || outcome.status === 429 || outcome.status >= 500;
    const budget = describeBudget(retryConfig);
    if (sawAmbiguous && retryable) {
      const details: Record<string, unknown> = { operation: req.operation, attempts, budget };
      if (req.idempotencyKey !== undefined) details.idempotencyKey = req.idempotencyKey;
      const last = failure ? failure.message : `HTTP ${outcome.kind === 'response' ? outcome.status : ''}`;
      return new UnknownOutcomeError(
        `Kustom may or may not have carried out ${req.operation}: the request was sent but no definite answer came back after ${attempts} attempt(s) (budget: ${budget}; last: ${last}).`,
        {
          hint: 'Re-read the current state (e.g. the order\'s captures) before trying again; retry with the same idempotency key to be safe.',
          details,
          cause: failure?.cause,
        },
      );
    }
    if (failure) {
      return new TransientError(
        `Could not reach Kustom for ${req.operation} after ${attempts} attempt(s) (budget: ${budget}): ${failure.message}`,
        { hint: 'Check the network connection and try again.', details: { operation: req.operation, attempts, budget }, cause: failure.cause },
      );
    }
    const status = outcome.kind === 'response' ? outcome.status : 0;
    const headers = outcome.kind === 'response' ? outcome.headers : {};
    const context: Parameters<typeof mapError>[2] = { operation: req.operation, attempts, budget };
    if (req.resource !== undefined) context.resource = req.resource;
    if (req.resourceId !== undefined) context.id = req.resourceId;
    if (correlationId !== undefined) context.correlationId = correlationId;
    if (status === 429) {
      const hint = serverRetryHintMs(headers, now());
      if (hint !== undefined) context.retryAfterMs = hint;
    }
    return mapError(status, body, context);
  }

  return { baseUrl, request };
}
