import { describe, it, expect } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import type { Issue } from '../../../src/errors.js';
import {
  HPP_SESSION_TTL_HOURS,
  LINK_DEFAULT_TTL_HOURS,
  LINK_MAX_TTL_HOURS,
  linkExpiresAt,
  parseDuration,
} from '../../../src/domain/link-expiry.js';

function issueOf(fn: () => unknown): Issue {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues[0]!;
  }
  throw new Error('expected a ValidationError');
}

const created = new Date('2026-03-01T12:00:00Z');
const H = 3_600_000;

describe('link lifetime constants', () => {
  it('match Kustom: 48 h links, 47 h HPP sessions', () => {
    expect([LINK_DEFAULT_TTL_HOURS, LINK_MAX_TTL_HOURS, HPP_SESSION_TTL_HOURS]).toEqual([48, 48, 47]);
  });
});

describe('linkExpiresAt', () => {
  it('defaults to 48 hours', () => {
    expect(linkExpiresAt(created).toISOString()).toBe('2026-03-03T12:00:00.000Z');
  });
  it('accepts shorter lifetimes and the 48 h maximum', () => {
    expect(linkExpiresAt(created, { ttlHours: 2 }).toISOString()).toBe('2026-03-01T14:00:00.000Z');
    expect(linkExpiresAt(created, { ttlMs: 90 * 60_000 }).toISOString()).toBe('2026-03-01T13:30:00.000Z');
    expect(linkExpiresAt(created, { ttlHours: 48 }).getTime()).toBe(created.getTime() + 48 * H);
    expect(linkExpiresAt(created, { at: new Date('2026-03-02T00:00:00Z') }).toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });
  it.each([
    ['more than 48 h', { ttlHours: 49 }, /is 49 hours after creation; it must be at most 48 hours after the link is created/],
    ['an absolute time beyond 48 h', { at: new Date(created.getTime() + 48 * H + 1000) }, /at most 48 hours/],
    ['a time in the past', { at: new Date('2026-03-01T11:00:00Z') }, /is in the past/],
    ['now exactly', { at: created }, /is in the past/],
    ['zero', { ttlHours: 0 }, /positive duration/],
    ['negative', { ttlMs: -1 }, /positive duration/],
    ['both forms', { ttlHours: 1, at: new Date('2026-03-02T00:00:00Z') }, /either a lifetime or an expiry time/],
    ['an invalid date', { at: new Date('nope') }, /not a valid time/],
  ])('rejects %s', (_label, requested, rule) => {
    const issue = issueOf(() => linkExpiresAt(created, requested));
    expect(issue.field).toBe('expires');
    expect(issue.rule).toMatch(rule);
  });
  it('rejects a time before creation when the clock runs ahead of it', () => {
    const issue = issueOf(() => linkExpiresAt(created, { at: new Date('2026-03-01T11:00:00Z'), now: new Date('2026-03-01T10:00:00Z') }));
    expect(issue.rule).toMatch(/before the link is created/);
  });
  it('checks "in the past" against the given clock', () => {
    const issue = issueOf(() => linkExpiresAt(created, { at: new Date('2026-03-01T13:00:00Z'), now: new Date('2026-03-01T14:00:00Z') }));
    expect(issue.rule).toMatch(/in the past/);
  });
});

describe('parseDuration', () => {
  it.each([
    ['90m', 90 * 60_000],
    ['48h', 48 * H],
    ['2d', 48 * H],
    ['1h30m', 90 * 60_000],
    ['30s', 30_000],
    ['1w', 7 * 24 * H],
    ['1d12h', 36 * H],
    [' 5m ', 300_000],
  ])('%j → %d ms', (input, ms) => {
    expect(parseDuration(input, 'ttl')).toBe(ms);
  });
  it.each([
    ['48', /add a unit, e.g. 48h/],
    ['', /is not a duration/],
    ['1.5h', /is not a duration/],
    ['30m1h', /is not a duration/],
    ['1h1h', /is not a duration/],
    ['-1h', /is not a duration/],
    ['48H', /is not a duration/],
    ['1 h', /is not a duration/],
    ['0h', /is zero/],
    ['two days', /is not a duration/],
    ['P1D', /is not a duration/],
  ])('rejects %j', (input, rule) => {
    const issue = issueOf(() => parseDuration(input, 'expires'));
    expect(issue.field).toBe('expires');
    expect(issue.rule).toMatch(rule);
  });
});
