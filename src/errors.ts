/**
 * The error hierarchy shared by every layer. It is pure (no I/O) so the domain may throw these too.
 * Each error carries a `kind`; the entry point maps kinds to exit codes (see src/cli/exit-codes.ts), so
 * nothing below the entry point ever decides how the process ends.
 */

export const ERROR_KINDS = [
  'usage', // bad flags, missing values, invalid input: exit 2
  'validation', // input that breaks a domain rule: exit 2
  'not_found', // the thing named does not exist: exit 3
  'state_conflict', // the thing exists but its state forbids the operation: exit 1
  'auth', // missing/invalid credential or insufficient role: exit 4
  'rate_limited', // the provider throttled us and retries ran out: exit 1
  'transient', // network or 5xx that retries could not get past: exit 1
  'unknown_outcome', // a money-moving request may or may not have happened: exit 6
  'partial_failure', // a bulk run where some rows failed: exit 5
  'mismatch', // a reconciliation found differences (the report is printed): exit 7
  'config', // a config or secrets file that cannot be used: exit 2
  'cancelled', // the user said no, or pressed Ctrl-C: exit 130
  'api', // the provider refused for a reason not covered above: exit 1
  'bug', // anything else: exit 1 with a report hint
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** One broken rule on one field: `{ field: "order_lines[1].tax_rate", rule: "must be 0–10000" }`. */
export interface Issue {
  field: string;
  rule: string;
}

export interface MerchantErrorOptions {
  hint?: string;
  cause?: unknown;
  /** Extra machine-readable facts for `--json` error output (never secrets). */
  details?: Record<string, unknown>;
}

export class MerchantError extends Error {
  readonly kind: ErrorKind;
  readonly hint: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(kind: ErrorKind, message: string, options: MerchantErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.kind = kind;
    this.hint = options.hint;
    this.details = options.details;
  }
}

/** Flags or arguments that do not make a valid command line. */
export class UsageError extends MerchantError {
  constructor(message: string, options: MerchantErrorOptions = {}) {
    super('usage', message, options);
  }
}

/** Input that breaks one or more domain rules; names every field and rule. */
const MAX_FIELD_TEXT = 120;
const MAX_RULE_TEXT = 500;

function capText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (cut; ${text.length} characters)`;
}

export class ValidationError extends MerchantError {
  readonly issues: readonly Issue[];

  constructor(given: readonly Issue[], options: MerchantErrorOptions = {}) {
    // A rule that echoes a huge value (a 100,000-character line) is cut: the message stays readable.
    const issues = given.map((i) => ({ ...i, field: capText(i.field, MAX_FIELD_TEXT), rule: capText(i.rule, MAX_RULE_TEXT) }));
    super('validation', ValidationError.describe(issues), {
      ...options,
      details: { ...options.details, issues },
    });
    this.issues = issues;
  }

  static describe(issues: readonly Issue[]): string {
    if (issues.length === 1 && issues[0]) return `${issues[0].field}: ${issues[0].rule}`;
    return `${issues.length} problems:\n${issues.map((i) => `  - ${i.field}: ${i.rule}`).join('\n')}`;
  }

  static single(field: string, rule: string, options: MerchantErrorOptions = {}): ValidationError {
    return new ValidationError([{ field, rule }], options);
  }
}

export class NotFoundError extends MerchantError {
  constructor(what: string, id: string, options: MerchantErrorOptions = {}) {
    super('not_found', `${what} ${id} was not found`, options);
  }
}

/** The object exists, but its current state does not allow the operation. */
export class StateConflictError extends MerchantError {
  constructor(message: string, options: MerchantErrorOptions = {}) {
    super('state_conflict', message, options);
  }
}

export class AuthError extends MerchantError {
  constructor(message: string, options: MerchantErrorOptions = {}) {
    super('auth', message, options);
  }
}

export class RateLimitedError extends MerchantError {
  constructor(message: string, options: MerchantErrorOptions & { retryAfterMs?: number } = {}) {
    super('rate_limited', message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
  readonly retryAfterMs: number | undefined;
}

export class TransientError extends MerchantError {
  constructor(message: string, options: MerchantErrorOptions = {}) {
    super('transient', message, options);
  }
}

/**
 * The shared database cannot be reached or went away (named by host and port): transient like any other,
 * but it fails every row of a run alike, so a run stops at the first one instead of trying each.
 */
export class DatabaseUnavailableError extends TransientError {}

/** A request that moves money was sent, and we cannot tell whether the provider acted on it. */
export class UnknownOutcomeError extends MerchantError {
  constructor(message: string, options: MerchantErrorOptions = {}) {
    super('unknown_outcome', message, options);
  }
}

/** The provider refused with an error not covered by a more specific class. */
export class ApiError extends MerchantError {
  readonly status: number;
  readonly errorCode: string | undefined;
  readonly correlationId: string | undefined;

  constructor(
    message: string,
    info: { status: number; errorCode?: string; correlationId?: string },
    options: MerchantErrorOptions = {},
  ) {
    super('api', message, {
      ...options,
      details: { ...options.details, status: info.status, errorCode: info.errorCode, correlationId: info.correlationId },
    });
    this.status = info.status;
    this.errorCode = info.errorCode;
    this.correlationId = info.correlationId;
  }
}

export class ConfigError extends MerchantError {
  constructor(message: string, options: MerchantErrorOptions = {}) {
    super('config', message, options);
  }
}

/** The user declined a confirmation or pressed Ctrl-C. */
export class CancelledError extends MerchantError {
  constructor(message = 'Cancelled.', options: MerchantErrorOptions = {}) {
    super('cancelled', message, options);
  }
}

/**
 * What stops a run cleanly: SIGINT, SIGTERM, or `SIGPIPE` — the reader of stdout went away (`| head`),
 * told by the write error Node reports instead of the signal.
 */
export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGPIPE';

/** A stop (see StopSignal) ended the command; the entry point exits 130, 143 or 141 accordingly. */
export class InterruptedError extends CancelledError {
  readonly signal: StopSignal;

  constructor(signal: StopSignal, message: string, options: MerchantErrorOptions = {}) {
    super(message, { ...options, details: { ...options.details, signal } });
    this.signal = signal;
  }
}

/** A bulk run finished, but some rows failed (or, with `unknown`, some outcomes are still unknown). */
export class PartialFailureError extends MerchantError {
  constructor(message: string, options: MerchantErrorOptions = {}) {
    super('partial_failure', message, options);
  }
}

export function isMerchantError(error: unknown): error is MerchantError {
  return error instanceof MerchantError;
}
