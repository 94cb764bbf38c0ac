/**
 * How long one attempt of a Kustom request may wait: for the response headers, and then between chunks of
 * the body. A Kustom that accepts the connection and never answers fails the attempt after this, and the
 * transport's retry budget (4 attempts within 30 s) decides whether another attempt starts: a stalled read
 * is given up within about the budget, three attempts, instead of spending the whole budget on one. A
 * money-moving request that times out may have reached Kustom, so its outcome is unknown (exit 6) and is
 * reconciled before anything is re-sent. 10 s is several times Kustom's slowest documented answer (a page
 * of 500 settlement transactions).
 */
import { ValidationError } from '../../../errors.js';

export const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_TIMEOUT_MS = 300_000;
export const TIMEOUT_ENV = 'MERCHANT_HTTP_TIMEOUT_MS';

/** `MERCHANT_HTTP_TIMEOUT_MS` (1–300000 ms) or undefined for the default; anything else is refused (exit 2). */
export function httpTimeoutMs(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const raw = env[TIMEOUT_ENV];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < 1 || value > MAX_TIMEOUT_MS) {
    throw ValidationError.single(TIMEOUT_ENV, `"${raw.trim().slice(0, 60)}" must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`);
  }
  return value;
}
