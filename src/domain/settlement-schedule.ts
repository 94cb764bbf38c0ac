/**
 * When settlements happen. Kustom settles at 23:59 CET; the sandbox uses CET as a fixed UTC+01:00 (no
 * summer time, so a cutoff is always 22:59:00Z) because a fixed offset makes every period exactly one
 * day or one week long and keeps the rule testable without a time-zone database. Weekly payouts settle on
 * Sundays at 23:59 CET. A movement at exactly the cutoff instant belongs to the next period.
 */
export type PayoutSchedule = 'daily' | 'weekly';

const DAY_MS = 86_400_000;
const CET_OFFSET_MS = 3_600_000;
const CUTOFF_MS_OF_DAY = (23 * 60 + 59) * 60_000;

/** The latest cutoff at or before `t`. */
export function lastCutoffAtOrBefore(t: Date, schedule: PayoutSchedule): Date {
  const local = t.getTime() + CET_OFFSET_MS;
  let cutoff = Math.floor(local / DAY_MS) * DAY_MS + CUTOFF_MS_OF_DAY;
  if (cutoff > local) cutoff -= DAY_MS;
  if (schedule === 'weekly') while (new Date(cutoff).getUTCDay() !== 0) cutoff -= DAY_MS;
  return new Date(cutoff - CET_OFFSET_MS);
}

/** The first cutoff strictly after `t`: the end of the period that a movement at `t` belongs to. */
export function nextCutoffAfter(t: Date, schedule: PayoutSchedule): Date {
  const local = t.getTime() + CET_OFFSET_MS;
  let cutoff = Math.floor(local / DAY_MS) * DAY_MS + CUTOFF_MS_OF_DAY;
  if (cutoff <= local) cutoff += DAY_MS;
  if (schedule === 'weekly') while (new Date(cutoff).getUTCDay() !== 0) cutoff += DAY_MS;
  return new Date(cutoff - CET_OFFSET_MS);
}
