/**
 * Maps a non-2xx Kustom response to the shared error classes by status and Kustom's error_code. Pure; tolerant of
 * bodies that are not the documented JSON error shape (HTML pages from gateways and firewalls).
 */
import {
  ApiError,
  AuthError,
  NotFoundError,
  RateLimitedError,
  StateConflictError,
  TransientError,
  ValidationError,
  type Issue,
  type MerchantError,
} from '../../../errors.js';
import { redactString } from './redact.js';

export interface ParsedErrorBody {
  errorCode: string | undefined;
  messages: string[];
  correlationId: string | undefined;
  /** Set when the body was not JSON: the first 200 characters with tags stripped. */
  nonJsonExcerpt: string | undefined;
}

export interface ErrorContext {
  /** Logical operation, e.g. 'orders.capture'. */
  operation: string;
  /** What the request was about, e.g. 'Order' (used for 404 messages). */
  resource?: string;
  id?: string;
  /** For 429: how long the provider asked us to wait. */
  retryAfterMs?: number;
  /** Attempts made, for messages about exhausted retries. */
  attempts?: number;
  /** The retry budget in words ("4 attempts within 30 s"), said next to the attempt count. */
  budget?: string;
  /** A correlation id from response headers, used when the body has none. */
  correlationId?: string;
}

function stripTags(text: string): string {
  return text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Reads `{error_code, error_messages, correlation_id}` from a body given as text or as parsed JSON. */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  let value: unknown = body;
  if (typeof body === 'string') {
    const trimmed = body.trim();
    if (trimmed === '') return { errorCode: undefined, messages: [], correlationId: undefined, nonJsonExcerpt: undefined };
    try {
      value = JSON.parse(trimmed);
    } catch {
      return {
        errorCode: undefined,
        messages: [],
        correlationId: undefined,
        nonJsonExcerpt: redactString(stripTags(trimmed).slice(0, 200)),
      };
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { errorCode: undefined, messages: [], correlationId: undefined, nonJsonExcerpt: undefined };
  }
  const obj = value as Record<string, unknown>;
  const errorCode = typeof obj.error_code === 'string' ? obj.error_code : undefined;
  const correlationId = typeof obj.correlation_id === 'string' ? obj.correlation_id : undefined;
  const rawMessages = Array.isArray(obj.error_messages)
    ? obj.error_messages
    : typeof obj.error_message === 'string'
      ? [obj.error_message]
      : [];
  const messages = rawMessages.filter((m): m is string => typeof m === 'string').map(redactString);
  return { errorCode, messages, correlationId, nonJsonExcerpt: undefined };
}

function suffix(parsed: ParsedErrorBody, correlationId: string | undefined): string {
  const parts: string[] = [];
  if (parsed.errorCode) parts.push(`error_code ${parsed.errorCode}`);
  if (correlationId) parts.push(`correlation_id ${correlationId}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function describe(status: number, parsed: ParsedErrorBody): string {
  if (parsed.nonJsonExcerpt !== undefined) {
    return `the provider returned a non-JSON ${status} response: ${parsed.nonJsonExcerpt || '(empty)'}`;
  }
  if (parsed.messages.length > 0) return parsed.messages.join('; ');
  // The status is already in the sentence; say what is missing rather than repeat it.
  return parsed.errorCode ? 'no error message given' : 'no error details given';
}

const FIELD_PATTERNS: RegExp[] = [
  /BAD_VALUE\s*:\s*([A-Za-z0-9_.[\]]+)/i,
  /Bad value:\s*([A-Za-z0-9_.[\]]+)/i,
  /^\s*([a-z_][a-z0-9_]*(?:\[[^\]]*\])?(?:\.[a-z_][a-z0-9_]*(?:\[[^\]]*\])?)*)\s*:/i,
];

/** Tries to read the offending field from a BAD_VALUE message ("Bad value: order_lines[1].tax_rate"). */
export function fieldFromMessage(message: string): string | undefined {
  for (const pattern of FIELD_PATTERNS) {
    const match = pattern.exec(message);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

function isStateCode(code: string | undefined): boolean {
  if (!code) return false;
  return code === 'NOT_ALLOWED' || code.endsWith('_NOT_ALLOWED') || code === 'READ_ONLY_ORDER';
}

/** Maps one non-2xx response to the right error. `body` may be the raw text or parsed JSON. */
export function mapError(status: number, body: unknown, context: ErrorContext): MerchantError {
  const parsed = parseErrorBody(body);
  const correlationId = parsed.correlationId ?? context.correlationId;
  const tail = suffix(parsed, correlationId);
  const text = describe(status, parsed);
  // Kustom's own error fields, for `--json` error documents and scripts (messages are redacted).
  const details: Record<string, unknown> = {
    operation: context.operation,
    status,
    errorCode: parsed.errorCode,
    errorMessages: parsed.messages,
    correlationId,
  };
  if (context.attempts !== undefined) details.attempts = context.attempts;
  const subject = context.resource && context.id ? `${context.resource} ${context.id}` : context.operation;

  if (status === 401) {
    return new AuthError(`The API key was rejected by Kustom (HTTP 401) during ${context.operation}: ${text}${tail}`, {
      hint: 'Check the key with `merchant keys verify`; test keys only work on the playground, live keys only on live.',
      details,
    });
  }
  if (status === 403) {
    if (isStateCode(parsed.errorCode)) {
      return new StateConflictError(`Kustom refused ${context.operation} for ${subject}: ${text}${tail}`, {
        hint: 'Read the current state (e.g. `merchant orders show`) before trying again.',
        details,
      });
    }
    return new AuthError(`Kustom denied permission for ${context.operation} (HTTP 403): ${text}${tail}`, {
      hint: 'The key may lack access to this store or API, or the merchant account may not be activated.',
      details,
    });
  }
  if (status === 404) {
    const error = new NotFoundError(context.resource ?? 'Kustom resource for', context.id ?? context.operation, { details });
    error.message = `${error.message}${parsed.messages.length > 0 ? `: ${text}` : ''}${tail}`;
    return error;
  }
  if (status === 400 && parsed.errorCode === 'BAD_VALUE') {
    const messages = parsed.messages.length > 0 ? parsed.messages : ['Bad value'];
    const issues: Issue[] = messages.map((m) => ({
      field: fieldFromMessage(m) ?? '(request)',
      rule: `rejected by Kustom: ${m}${tail}`,
    }));
    return new ValidationError(issues, { details });
  }
  if (status === 409) {
    return new StateConflictError(`Kustom reported a conflicting change during ${context.operation}: ${text}${tail}`, {
      hint: 'Someone else changed the object; re-read it and try again.',
      details,
    });
  }
  if (status === 429) {
    const attempts = attemptsText(context);
    return new RateLimitedError(`Kustom rate-limited ${context.operation}${attempts}: ${text}${tail}`, {
      hint: 'Wait a moment, or lower the request rate.',
      details: { ...details, retryAfterMs: context.retryAfterMs },
      retryAfterMs: context.retryAfterMs,
    });
  }
  if (status >= 500) {
    const attempts = attemptsText(context);
    return new TransientError(`Kustom failed ${context.operation}${attempts}: ${text}${tail}`, {
      hint: 'This is usually temporary; try again shortly.',
      details,
    });
  }
  const info: { status: number; errorCode?: string; correlationId?: string } = { status };
  if (parsed.errorCode !== undefined) info.errorCode = parsed.errorCode;
  if (correlationId !== undefined) info.correlationId = correlationId;
  return new ApiError(`Kustom refused ${context.operation} (HTTP ${status}): ${text}${tail}`, info, { details });
}

function attemptsText(context: ErrorContext): string {
  if (context.attempts === undefined) return '';
  return ` after ${context.attempts} attempt(s)${context.budget ? ` (budget: ${context.budget})` : ''}`;
}
