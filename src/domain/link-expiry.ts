/**
 * How long a payment link lives, and durations typed on the command line.
 *
 * Kustom's clocks: the KCO order behind a link lives 48 h after its last update, and the
 * HPP session (the link itself) expires one hour earlier, ≈47 h. The Portal calls this "valid 48 hours".
 * We let the merchant ask for a shorter life, never a longer one: the provider would expire it anyway and
 * the CLI would then show a link as open that can no longer be paid.
 */
import { ValidationError } from '../errors.js';

export const LINK_DEFAULT_TTL_HOURS = 48;
export const LINK_MAX_TTL_HOURS = 48;
export const HPP_SESSION_TTL_HOURS = 47;

const HOUR_MS = 3_600_000;

export interface LinkExpiryRequest {
  /** Lifetime in hours from creation (may be fractional). */
  ttlHours?: number;
  /** Lifetime in milliseconds from creation, e.g. from {@link parseDuration}. */
  ttlMs?: number;
  /** An absolute expiry time. */
  at?: Date;
  /** The clock, for the "not in the past" check; defaults to `sentOrCreatedAt`. */
  now?: Date;
}

/** When a link created (or sent) at `sentOrCreatedAt` expires; validates a requested lifetime (field `expires`). */
export function linkExpiresAt(sentOrCreatedAt: Date, requested: LinkExpiryRequest = {}): Date {
  const field = 'expires';
  const created = sentOrCreatedAt.getTime();
  if (Number.isNaN(created)) throw ValidationError.single('created_at', 'is not a valid time');
  const limit = `at most ${LINK_MAX_TTL_HOURS} hours after the link is created (Kustom expires payment links after ${LINK_MAX_TTL_HOURS} h)`;
  const given = [requested.ttlHours, requested.ttlMs, requested.at].filter((v) => v !== undefined).length;
  if (given > 1) throw ValidationError.single(field, 'give either a lifetime or an expiry time, not both');

  let ttlMs: number;
  if (requested.at !== undefined) {
    const at = requested.at.getTime();
    if (Number.isNaN(at)) throw ValidationError.single(field, 'is not a valid time');
    const now = (requested.now ?? sentOrCreatedAt).getTime();
    if (at <= now) throw ValidationError.single(field, `${requested.at.toISOString()} is in the past; it must be later than now and ${limit}`);
    ttlMs = at - created;
    if (ttlMs <= 0) throw ValidationError.single(field, `${requested.at.toISOString()} is before the link is created; it must be ${limit}`);
  } else if (requested.ttlHours !== undefined || requested.ttlMs !== undefined) {
    ttlMs = requested.ttlMs ?? (requested.ttlHours ?? 0) * HOUR_MS;
    if (!Number.isFinite(ttlMs) || ttlMs <= 0) throw ValidationError.single(field, `must be a positive duration, ${limit}`);
  } else {
    ttlMs = LINK_DEFAULT_TTL_HOURS * HOUR_MS;
  }
  if (ttlMs > LINK_MAX_TTL_HOURS * HOUR_MS) {
    throw ValidationError.single(field, `is ${formatHours(ttlMs)} after creation; it must be ${limit}`);
  }
  return new Date(created + ttlMs);
}

function formatHours(ms: number): string {
  const hours = ms / HOUR_MS;
  return `${Number.isInteger(hours) ? hours : hours.toFixed(2)} hours`;
}

const UNIT_MS = { w: 7 * 24 * HOUR_MS, d: 24 * HOUR_MS, h: HOUR_MS, m: 60_000, s: 1000 } as const;

/**
 * Parses a compact duration into milliseconds: `90m`, `48h`, `2d`, `1h30m`, `30s`, `1w`. Units go from
 * largest to smallest, each at most once, lower-case; a bare number is refused because its unit would be a guess.
 */
export function parseDuration(input: string, field = 'duration'): number {
  const text = input.trim();
  const match = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  const accepted = 'expected a duration such as 90m, 48h, 2d, 1h30m, 30s or 1w';
  if (text === '' || !match) {
    const hint = /^\d+$/.test(text) ? `; add a unit, e.g. ${text}h` : '';
    throw ValidationError.single(field, `${JSON.stringify(input)} is not a duration; ${accepted}${hint}`);
  }
  const [, w, d, h, m, s] = match;
  let ms = 0;
  for (const [value, unit] of [[w, 'w'], [d, 'd'], [h, 'h'], [m, 'm'], [s, 's']] as const) {
    if (value !== undefined) ms += Number(value) * UNIT_MS[unit];
  }
  if (ms <= 0) throw ValidationError.single(field, `${JSON.stringify(input)} is zero; ${accepted}`);
  if (!Number.isSafeInteger(ms)) throw ValidationError.single(field, `${JSON.stringify(input)} is too long`);
  return ms;
}
