/**
 * JavaScript's Date rolls impossible dates over (`2026-02-30` becomes 2 March) instead of refusing them,
 * so a typo in a filter silently moves the range. Checks the YYYY-MM-DD a time starts with.
 */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
