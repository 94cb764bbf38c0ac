import { describe, expect, it } from 'vitest';
import { isCalendarDate } from '../../../src/domain/calendar-date.js';

describe('isCalendarDate', () => {
  it.each(['2026-01-31', '2024-02-29', '2026-12-31T23:59:59Z', '2026-04-30 10:00'])('%s exists', (d) => expect(isCalendarDate(d)).toBe(true));
  it.each(['2026-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', 'tomorrow'])('%s does not', (d) => expect(isCalendarDate(d)).toBe(false));
});
