/**
 * An operation's key is the same in every version of merchant: a run interrupted before an upgrade and
 * re-run after it must send the same key, or the provider could act twice. The values are the keys
 * merchant has derived for these parts all along.
 */
import { describe, expect, it } from 'vitest';
import { operationKey } from '../../../../src/services/orders/idempotency-key.js';

describe('operationKey', () => {
  it('derives the same UUID-shaped key from the same parts, release after release', () => {
    expect(operationKey(['capture', '0b8e2a8e-1f2b-4c3d-9e4f-5a6b7c8d9e0f', 'PARCEL-7', null, 29900])).toBe('5fbbf70a-5fb0-537b-ab65-796e80a4a298');
    // A missing part is the same as null.
    expect(operationKey(['refund', 'o-1', undefined, 100])).toBe('7e1740e1-0be4-51ed-8565-2d3aa25178b0');
    expect(operationKey(['refund', 'o-1', null, 100])).toBe('7e1740e1-0be4-51ed-8565-2d3aa25178b0');
  });

  it('is a version-5-shaped UUID, different for different parts', () => {
    const a = operationKey(['capture', 'o-1', null]);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(operationKey(['capture', 'o-2', null])).not.toBe(a);
    expect(operationKey(['capture', 'o-1', 'x'])).not.toBe(a);
  });
});
