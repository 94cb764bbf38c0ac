/** Short relative durations used by flags: `--expires 30d`, `logs --since 2h`. */

/** `30d`, `12h`, `2w`, `15m` → milliseconds; undefined when malformed or zero. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d{1,5})\s*([mhdw])$/i.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (n < 1) return undefined;
  const unit = (m[2] ?? 'd').toLowerCase();
  const ms = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 }[unit] ?? 86_400_000;
  return n * ms;
}

/**
 * A point in time from a flag: an ISO date/time, or a duration meaning "that long before now" (for
 * `--since`) or "that long after now" (for `--expires`). Undefined when neither.
 */
export function parseInstant(text: string, now: Date, direction: 'ago' | 'ahead'): Date | undefined {
  const ms = parseDuration(text);
  if (ms !== undefined) return new Date(now.getTime() + (direction === 'ago' ? -ms : ms));
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) return undefined;
  const t = Date.parse(text.trim());
  return Number.isNaN(t) ? undefined : new Date(t);
}
