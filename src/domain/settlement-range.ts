/**
 * Date ranges for settlement reports. Dates are whole UTC days, both ends included; a range may span at
 * most 32 days, as Kustom's batch and transaction reports allow. `--month YYYY-MM` is the
 * calendar month.
 */
import { UsageError } from '../errors.js';

export const MAX_REPORT_DAYS = 32;
const DAY_MS = 86_400_000;

export interface DayRange {
  /** First instant included, ISO. */
  start: string;
  /** Last instant included, ISO (…T23:59:59.999Z). */
  end: string;
  days: number;
}

export function parseDay(value: string, flag: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (!match || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    throw new UsageError(`${flag}: "${value}" is not a date; use YYYY-MM-DD, e.g. 2026-03-01.`);
  }
  return ms;
}

/** A range with no length limit (payout lists); either end may be absent. */
export function optionalRange(from: string | undefined, to: string | undefined): { start?: string; end?: string } {
  const start = from === undefined ? undefined : parseDay(from, '--from');
  const end = to === undefined ? undefined : parseDay(to, '--to');
  if (start !== undefined && end !== undefined && end < start) throw new UsageError(`--to (${to}) is before --from (${from}).`);
  return {
    ...(start === undefined ? {} : { start: new Date(start).toISOString() }),
    ...(end === undefined ? {} : { end: new Date(end + DAY_MS - 1).toISOString() }),
  };
}

/** A report range: both ends required, at most 32 days. */
export function reportRange(from: string | undefined, to: string | undefined, month?: string): DayRange {
  if (month !== undefined) {
    if (from !== undefined || to !== undefined) throw new UsageError('Give either --month or --from/--to, not both.');
    const m = /^(\d{4})-(\d{2})$/.exec(month);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new UsageError(`--month: "${month}" is not a month; use YYYY-MM, e.g. 2026-03.`);
    const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, 1);
    const next = Date.UTC(Number(m[1]), Number(m[2]), 1);
    return { start: new Date(start).toISOString(), end: new Date(next - 1).toISOString(), days: (next - start) / DAY_MS };
  }
  if (from === undefined || to === undefined) throw new UsageError('A date-range report needs both --from and --to (YYYY-MM-DD), or --month YYYY-MM.');
  const start = parseDay(from, '--from');
  const end = parseDay(to, '--to');
  if (end < start) throw new UsageError(`--to (${to}) is before --from (${from}).`);
  const days = (end - start) / DAY_MS + 1;
  if (days > MAX_REPORT_DAYS) {
    throw new UsageError(`The range ${from}…${to} is ${days} days; a settlement report covers at most ${MAX_REPORT_DAYS} days.`, {
      hint: 'Export month by month (--month YYYY-MM), or one payout at a time (--payout <payment-reference>).',
      details: { max_days: MAX_REPORT_DAYS, days },
    });
  }
  return { start: new Date(start).toISOString(), end: new Date(end + DAY_MS - 1).toISOString(), days };
}
