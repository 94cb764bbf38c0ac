export {
  createKustomHttpClient,
  type HttpExchange,
  type KustomHttpClient,
  type KustomHttpClientOptions,
  type KustomRequest,
  type KustomResponse,
  type HttpMethod,
} from './client.js';
export {
  assertHostMatchesKey,
  authorizationHeader,
  defaultBaseUrl,
  environmentForKey,
  LIVE_BASE_URL,
  PLAYGROUND_BASE_URL,
  type KustomCredential,
  type KustomEnvironment,
} from './auth.js';
export { mapError, parseErrorBody, fieldFromMessage, type ErrorContext, type ParsedErrorBody } from './error-mapping.js';
export { redactBody, redactHeaders, redactString } from './redact.js';
export { userAgent } from './user-agent.js';
export { RateLimiter, type RateLimiterOptions } from '../../retry/rate-limit.js';
export {
  decideRetry,
  backoffDelayMs,
  isIdempotentMethod,
  mayRetryRequest,
  isRetryableStatus,
  parseRetryAfterMs,
  parseRateLimitResetMs,
  type AttemptOutcome,
  type RetryConfig,
  type RetryDecision,
} from '../../retry/retry-policy.js';
