import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../../src/backends/sandbox/access.js';
import { canGrant, roleAllows, roleNeedsExpiry, ROLE_PERMISSIONS, ROLES } from '../../../src/domain/roles.js';
import { parseDuration, parseInstant } from '../../../src/domain/durations.js';

// The whole matrix, row by row (reference §7.2 and issue #8; disputes: the Portal's Disputes tab, answered with "Full Disputes"). 'x' = allowed.
const MATRIX: Record<string, string> = {
  //             stores links.c links.v orders.v orders.m settl.v settl.x keys logs disp.v disp.r
  admin:         'x      x       x       x        x        x       x       x    x    x      x',
  super_admin:   'x      x       x       x        x        x       x       x    x    x      x',
  user:          '-      x       x       x        x        -       -       -    x    -      -',
  settlement:    '-      x       x       x        -        x       x       -    -    x      -',
  disputes:      '-      x       x       x        -        -       -       -    -    x      x',
  read_only:     '-      -       -       x        -        -       -       -    -    -      -',
  external_user: '-      x       x       x        x        x       x       -    x    x      -',
};

describe('role permission matrix', () => {
  const cases = ROLES.flatMap((role) => {
    const marks = (MATRIX[role] ?? '').trim().split(/\s+/);
    return PERMISSIONS.map((permission, i) => ({ role, permission, allowed: marks[i] === 'x' }));
  });
  it.each(cases)('$role → $permission: $allowed', ({ role, permission, allowed }) => {
    expect(roleAllows(role, permission)).toBe(allowed);
  });

  it('covers every role and permission', () => {
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([...ROLES].sort());
    expect(cases).toHaveLength(ROLES.length * PERMISSIONS.length);
  });

  it('settlement keys export settlements but only view orders', () => {
    expect(roleAllows('settlement', 'settlements.export')).toBe(true);
    expect(roleAllows('settlement', 'orders.view')).toBe(true);
    expect(roleAllows('settlement', 'orders.manage')).toBe(false);
  });

  it.each([
    ['super_admin', 'super_admin', true],
    ['admin', 'super_admin', false],
    ['admin', 'read_only', true],
    ['user', 'read_only', false],
    ['read_only', 'read_only', false],
  ] as const)('%s may grant %s: %s', (granter, role, ok) => {
    expect(canGrant(granter, role)).toBe(ok);
  });

  it('only external users need an expiry', () => {
    expect(ROLES.filter(roleNeedsExpiry)).toEqual(['external_user']);
  });
});

describe('durations', () => {
  it.each([
    ['30d', 30 * 86_400_000],
    ['12h', 12 * 3_600_000],
    ['2w', 14 * 86_400_000],
    ['15m', 15 * 60_000],
    ['0d', undefined],
    ['3y', undefined],
    ['d', undefined],
  ])('%s → %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it('reads instants as ISO dates or durations from now', () => {
    const now = new Date('2026-01-10T00:00:00Z');
    expect(parseInstant('2d', now, 'ago')?.toISOString()).toBe('2026-01-08T00:00:00.000Z');
    expect(parseInstant('2d', now, 'ahead')?.toISOString()).toBe('2026-01-12T00:00:00.000Z');
    expect(parseInstant('2026-02-01', now, 'ago')?.toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(parseInstant('yesterday', now, 'ago')).toBeUndefined();
  });
});
